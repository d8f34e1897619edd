// Typed field readers for manifest validation (validate.ts): each returns a field of a parsed
// manifest object, or throws a BundleError('manifest.json', 'manifest') that names the field by
// its dotted path (`where` is the path of the object it is read from, e.g. "files.images.").
import { BundleError } from '../errors';
import { MANIFEST_FILE } from './manifest';

export type Obj = Record<string, unknown>;

/** Throws the manifest error `detail`. */
export function fail(detail: string): never {
  throw new BundleError(MANIFEST_FILE, 'manifest', detail);
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

/** `o[key]`, which must be present. */
export function field(o: Obj, key: string, where: string): unknown {
  if (!(key in o) || o[key] === undefined) fail(`missing field "${where}${key}"`);
  return o[key];
}

export function str(o: Obj, key: string, where = ''): string {
  const v = field(o, key, where);
  if (typeof v !== 'string') fail(`field "${where}${key}" must be a string, got ${typeName(v)}`);
  if (v.length === 0) fail(`field "${where}${key}" must not be empty`);
  return v;
}

export function optStr(o: Obj, key: string, where = ''): void {
  if (o[key] !== undefined && typeof o[key] !== 'string') {
    fail(`field "${where}${key}" must be a string, got ${typeName(o[key])}`);
  }
}

export function num(o: Obj, key: string, where = ''): number {
  const v = field(o, key, where);
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    fail(`field "${where}${key}" must be a finite number, got ${typeName(v)}`);
  }
  return v;
}

export function int(o: Obj, key: string, min: number, where = ''): number {
  const v = num(o, key, where);
  if (!Number.isInteger(v) || v < min)
    fail(`field "${where}${key}" must be an integer ≥ ${min}, got ${v}`);
  return v;
}

export function obj(o: Obj, key: string, where = ''): Obj {
  const v = field(o, key, where);
  if (!isObj(v)) fail(`field "${where}${key}" must be an object, got ${typeName(v)}`);
  return v;
}

export function arr(o: Obj, key: string, where = ''): unknown[] {
  const v = field(o, key, where);
  if (!Array.isArray(v)) fail(`field "${where}${key}" must be an array, got ${typeName(v)}`);
  return v;
}

/** A fraction in [0, 1]: reference-table accuracies (mean, runs) and their std. */
export function accuracy(o: Obj, key: string, where: string): number {
  const v = num(o, key, where);
  if (v < 0 || v > 1)
    fail(`field "${where}${key}" must lie in [0, 1] (accuracy as a fraction), got ${v}`);
  return v;
}
