// URL parameters that override settings, e.g. `?width=8&epochs=2&backend=webgpu&ipc=0.5`.
// Invalid values are ignored and reported, never fatal.
import { BACKEND_ORDER, type BackendName } from '../../src/engine/types';
import { METHOD_OPTIONS } from './methods';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export interface ParsedUrl {
  readonly settings: Settings;
  /** One line per ignored parameter, naming it and why. */
  readonly warnings: readonly string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const BUNDLE_RE = /^[A-Za-z0-9._\-/:]+$/;

function intIn(raw: string, lo: number, hi: number): number | null {
  if (!/^-?\d+$/.test(raw.trim())) return null;
  const v = Number(raw);
  return Number.isSafeInteger(v) && v >= lo && v <= hi ? v : null;
}

function numIn(raw: string, lo: number, hi: number): number | null {
  if (raw.trim() === '') return null;
  const v = Number(raw);
  return Number.isFinite(v) && v >= lo && v <= hi ? v : null;
}

export function parseUrlSettings(search: string, base: Settings = DEFAULT_SETTINGS): ParsedUrl {
  const params = new URLSearchParams(search);
  const s: Mutable<Settings> = { ...base };
  const warnings: string[] = [];
  const bad = (key: string, raw: string, why: string): void => {
    warnings.push(`URL parameter ${key}=${raw} ignored: ${why}`);
  };

  for (const [key, raw] of params) {
    switch (key) {
      case 'bundle':
        if (BUNDLE_RE.test(raw) && !raw.includes('..')) s.bundle = raw;
        else bad(key, raw, 'not a bundle id or folder');
        break;
      case 'method': {
        const id = raw.toLowerCase();
        if (METHOD_OPTIONS.some((o) => o.id === id)) s.methodId = id;
        else bad(key, raw, `expected one of ${METHOD_OPTIONS.map((o) => o.id).join(', ')}`);
        break;
      }
      case 'ipc': {
        const v = numIn(raw, Number.MIN_VALUE, 1e6);
        if (v !== null) s.ipc = v;
        else bad(key, raw, 'expected a positive number (IPC units, n / f²)');
        break;
      }
      case 'n': {
        const v = intIn(raw, 1, 1e7);
        if (v !== null) s.perClass = v;
        else bad(key, raw, 'expected a positive integer (samples per class)');
        break;
      }
      case 'epochs': {
        const v = intIn(raw, 1, 100_000);
        if (v !== null) s.epochs = v;
        else bad(key, raw, 'expected an integer from 1 to 100000');
        break;
      }
      case 'width': {
        const v = intIn(raw, 1, 1024);
        if (v !== null) s.width = v;
        else bad(key, raw, 'expected an integer from 1 to 1024');
        break;
      }
      case 'depth': {
        const v = intIn(raw, 1, 8);
        if (v !== null) s.depth = v;
        else bad(key, raw, 'expected an integer from 1 to 8');
        break;
      }
      case 'batch': {
        const v = intIn(raw, 1, 4096);
        if (v !== null) s.batchSize = v;
        else bad(key, raw, 'expected an integer from 1 to 4096');
        break;
      }
      case 'seed': {
        const v = intIn(raw, 0, 2 ** 31 - 1);
        if (v !== null) s.seed = v;
        else bad(key, raw, 'expected a non-negative integer');
        break;
      }
      case 'testLimit': {
        const v = intIn(raw, 1, 1e8);
        if (v !== null) s.testLimit = v;
        else bad(key, raw, 'expected a positive integer');
        break;
      }
      case 'backend': {
        const v = raw.toLowerCase();
        if ((BACKEND_ORDER as readonly string[]).includes(v)) s.backend = v as BackendName;
        else bad(key, raw, `expected one of ${BACKEND_ORDER.join(', ')}`);
        break;
      }
      case 'budget': {
        const v = numIn(raw, 1, 86_400);
        if (v !== null) s.budgetSeconds = v;
        else bad(key, raw, 'expected seconds from 1 to 86400');
        break;
      }
      case 'autotrain':
        if (raw === '0' || raw === 'false') s.autoTrain = false;
        else if (raw === '1' || raw === 'true') s.autoTrain = true;
        else bad(key, raw, 'expected 0 or 1');
        break;
      default:
        warnings.push(`URL parameter ${key} is not known and was ignored`);
    }
  }
  return { settings: s, warnings };
}

/**
 * `href` with its `bundle` parameter set to `bundle` and every other parameter kept, so a reload
 * (or a shared link) opens the bundle the user picked with the same settings.
 */
export function withBundleParam(href: string, bundle: string): string {
  const url = new URL(href);
  url.searchParams.set('bundle', bundle);
  return url.href;
}
