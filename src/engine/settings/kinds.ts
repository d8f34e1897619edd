// The kinds of value a setting takes (settings/schema.ts), and for each: how a text (a URL
// parameter) is read as one, how a value is written back, why a text was refused, and whether a
// value lies within the kind's bounds. Pure: the app's URL, its fields and the CLI's flags share it.
import { parseSelection } from '../select/selection';

export type SettingKind =
  /** A whole number in [min, max]. */
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  /** A finite number in [min, max], or (min, max] with `exclusiveMin`. */
  | {
      readonly type: 'number';
      readonly min: number;
      readonly max: number;
      readonly exclusiveMin?: boolean;
    }
  /** One of `options`, matched case-insensitively. */
  | { readonly type: 'choice'; readonly options: readonly string[] }
  /** On or off: 1/true or 0/false. */
  | { readonly type: 'flag' }
  /** A bundle id under datasets/ or a folder URL. */
  | { readonly type: 'bundle' }
  /** A selection token (select/selection.ts): `yoco`, `random+balanced`, `lbpe+hard+balanced`. */
  | { readonly type: 'selection' };

export type SettingValue = string | number | boolean | null;

const BUNDLE_RE = /^[A-Za-z0-9._\-/:]+$/;

/** Whether `v` is a value of `kind` within its bounds (null is the row's business, not the kind's). */
export function inKind(kind: SettingKind, v: SettingValue): boolean {
  switch (kind.type) {
    case 'int':
      return Number.isSafeInteger(v) && (v as number) >= kind.min && (v as number) <= kind.max;
    case 'number':
      return (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (kind.exclusiveMin ? v > kind.min : v >= kind.min) &&
        v <= kind.max
      );
    case 'choice':
      return typeof v === 'string' && kind.options.includes(v);
    case 'flag':
      return typeof v === 'boolean';
    case 'bundle':
      return typeof v === 'string' && BUNDLE_RE.test(v) && !v.includes('..');
    case 'selection':
      return typeof v === 'string' && isSelectionToken(v);
  }
}

function isSelectionToken(token: string): boolean {
  try {
    parseSelection(token);
    return true;
  } catch {
    return false;
  }
}

/** A text read as a value of `kind`, or undefined when it is not a valid one. */
export function parseKindValue(kind: SettingKind, raw: string): SettingValue | undefined {
  let v: SettingValue;
  switch (kind.type) {
    case 'int':
      if (!/^-?\d+$/.test(raw.trim())) return undefined;
      v = Number(raw);
      break;
    case 'number':
      v = raw.trim() === '' ? NaN : Number(raw);
      break;
    case 'choice':
      v = raw.toLowerCase();
      break;
    case 'selection':
      // A `+` typed into a URL by hand arrives as a space.
      v = raw.trim().toLowerCase().replace(/\s+/g, '+');
      break;
    case 'flag':
      v = raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : null;
      break;
    case 'bundle':
      v = raw;
      break;
  }
  return v !== null && inKind(kind, v) ? v : undefined;
}

/** Why a text was not a value of `kind`, e.g. "expected an integer from 1 to 8". */
export function kindReason(kind: SettingKind): string {
  switch (kind.type) {
    case 'int':
      return `expected an integer from ${kind.min} to ${kind.max}`;
    case 'number':
      return `expected a number from ${kind.min} to ${kind.max}`;
    case 'choice':
      return `expected one of ${kind.options.join(', ')}`;
    case 'flag':
      return 'expected 0 or 1';
    case 'bundle':
      return 'not a bundle id or folder';
    case 'selection':
      return 'expected a selection token (yoco, random+balanced, lbpe+hard+balanced, …)';
  }
}

/** A value of `kind` as text (what parseKindValue reads back). */
export function formatKindValue(kind: SettingKind, value: SettingValue): string {
  if (kind.type === 'flag') return value ? '1' : '0';
  return String(value);
}
