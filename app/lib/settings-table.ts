// The one table of the user's settings, in the manner of TensorFlow Playground: each row names a
// setting's key, its URL parameter, its kind and bounds, and its label. URL parsing and writing
// (url-params.ts) and the number fields (components/setting-field.tsx) all read it, so a bound or a
// label is written once.
import { BACKEND_ORDER } from '../../src/engine/types';
import { METHOD_OPTIONS } from './methods';
import type { Settings } from './settings';

export type SettingKind =
  /** A whole number in [min, max]. */
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  /** A finite number in [min, max]. */
  | { readonly type: 'number'; readonly min: number; readonly max: number }
  /** One of `options`, matched case-insensitively. */
  | { readonly type: 'choice'; readonly options: readonly string[] }
  /** On or off: 1/true or 0/false. */
  | { readonly type: 'flag' }
  /** A bundle id under datasets/ or a folder URL. */
  | { readonly type: 'bundle' };

export interface SettingRow {
  readonly key: keyof Settings;
  /** The URL parameter. */
  readonly url: string;
  readonly kind: SettingKind;
  readonly label: string;
  /** What a valid URL value is, for the warning on an invalid one (by default from the kind). */
  readonly expected?: string;
}

/** Every setting, in the order the URL writes them. */
export const SETTINGS_TABLE = [
  { key: 'bundle', url: 'bundle', kind: { type: 'bundle' }, label: 'Dataset' },
  {
    key: 'methodId',
    url: 'method',
    kind: { type: 'choice', options: METHOD_OPTIONS.map((o) => o.id) },
    label: 'Selection method',
  },
  {
    key: 'ipc',
    url: 'ipc',
    kind: { type: 'number', min: Number.MIN_VALUE, max: 1e6 },
    label: 'Target size (IPC)',
    expected: 'a positive number (IPC units, n / f²)',
  },
  {
    key: 'perClass',
    url: 'n',
    kind: { type: 'int', min: 1, max: 1e7 },
    label: 'Samples per class',
    expected: 'a positive integer (samples per class)',
  },
  { key: 'epochs', url: 'epochs', kind: { type: 'int', min: 1, max: 100_000 }, label: 'Epochs' },
  { key: 'width', url: 'width', kind: { type: 'int', min: 1, max: 1024 }, label: 'Width' },
  { key: 'depth', url: 'depth', kind: { type: 'int', min: 1, max: 8 }, label: 'Depth' },
  { key: 'batchSize', url: 'batch', kind: { type: 'int', min: 1, max: 4096 }, label: 'Batch' },
  {
    key: 'seed',
    url: 'seed',
    kind: { type: 'int', min: 0, max: 2 ** 31 - 1 },
    label: 'Seed',
    expected: 'a non-negative integer',
  },
  {
    key: 'testLimit',
    url: 'testLimit',
    kind: { type: 'int', min: 1, max: 1e8 },
    label: 'Test images',
    expected: 'a positive integer',
  },
  {
    key: 'backend',
    url: 'backend',
    kind: { type: 'choice', options: BACKEND_ORDER },
    label: 'Compute backend',
  },
  {
    key: 'budgetSeconds',
    url: 'budget',
    kind: { type: 'number', min: 1, max: 86_400 },
    label: 'Time budget (s)',
    expected: 'seconds from 1 to 86400',
  },
  {
    key: 'autoTrain',
    url: 'autotrain',
    kind: { type: 'flag' },
    label: 'Train when the slider is released',
  },
  {
    key: 'compareSeeds',
    url: 'cseeds',
    kind: { type: 'int', min: 1, max: 10 },
    label: 'Seeds per method',
    expected: 'an integer from 1 to 10 (seeds each compared method trains with)',
  },
] as const satisfies readonly SettingRow[];

export type SettingKey = (typeof SETTINGS_TABLE)[number]['key'];

/** The settings that take a number (their rows have bounds). */
export type NumericSettingKey = Extract<
  (typeof SETTINGS_TABLE)[number],
  { kind: { type: 'int' | 'number' } }
>['key'];

export function settingRow(key: SettingKey): SettingRow {
  return SETTINGS_TABLE.find((r) => r.key === key)!;
}

/** [min, max] of a numeric setting. */
export function settingBounds(key: NumericSettingKey): readonly [number, number] {
  const { kind } = settingRow(key);
  if (kind.type !== 'int' && kind.type !== 'number') throw new Error(`${key} is not a number`);
  return [kind.min, kind.max];
}

const BUNDLE_RE = /^[A-Za-z0-9._\-/:]+$/;

/** A URL value read as the row's kind, or undefined when it is not valid. */
export function parseSettingValue(
  row: SettingRow,
  raw: string,
): Settings[keyof Settings] | undefined {
  const { kind } = row;
  switch (kind.type) {
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) return undefined;
      const v = Number(raw);
      return Number.isSafeInteger(v) && v >= kind.min && v <= kind.max ? v : undefined;
    }
    case 'number': {
      const v = raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(v) && v >= kind.min && v <= kind.max ? v : undefined;
    }
    case 'choice': {
      const v = raw.toLowerCase();
      return kind.options.includes(v) ? (v as Settings[keyof Settings]) : undefined;
    }
    case 'flag':
      return raw === '1' || raw === 'true'
        ? true
        : raw === '0' || raw === 'false'
          ? false
          : undefined;
    case 'bundle':
      return BUNDLE_RE.test(raw) && !raw.includes('..') ? raw : undefined;
  }
}

/** Why a URL value of the row was ignored. */
export function invalidReason(row: SettingRow): string {
  const { kind } = row;
  if (kind.type === 'bundle') return 'not a bundle id or folder';
  if (row.expected) return `expected ${row.expected}`;
  switch (kind.type) {
    case 'int':
      return `expected an integer from ${kind.min} to ${kind.max}`;
    case 'number':
      return `expected a number from ${kind.min} to ${kind.max}`;
    case 'choice':
      return `expected one of ${kind.options.join(', ')}`;
    case 'flag':
      return 'expected 0 or 1';
  }
}

/** A setting's value as the URL writes it. */
export function formatSettingValue(row: SettingRow, value: Settings[keyof Settings]): string {
  if (row.kind.type === 'flag') return value ? '1' : '0';
  return String(value);
}
