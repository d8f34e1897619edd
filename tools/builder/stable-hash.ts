// Stable hashing of a build stage's inputs (cache.ts): deterministic JSON of plain data, with typed
// arrays stood in for by their type, length and content digest, and the typed-array kinds that
// stage inputs and cached values (cache-codecs.ts) may hold.
import { createHash } from 'node:crypto';
import { ConfigError } from '../../src/engine/errors';

export type TypedArray =
  | Uint8Array
  | Uint8ClampedArray
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** The typed-array kinds stage inputs and cached values may hold, by constructor name. */
export const TYPED_ARRAYS: Array<[string, new (buffer: ArrayBuffer) => TypedArray]> = [
  ['Uint8Array', Uint8Array],
  ['Uint8ClampedArray', Uint8ClampedArray],
  ['Int8Array', Int8Array],
  ['Uint16Array', Uint16Array],
  ['Int16Array', Int16Array],
  ['Uint32Array', Uint32Array],
  ['Int32Array', Int32Array],
  ['Float32Array', Float32Array],
  ['Float64Array', Float64Array],
];

/** The kind of typed array `value` is, or undefined for anything else. */
export function typedArrayKind(value: unknown): string | undefined {
  // Buffer is a Uint8Array subclass; check Uint8Array last among the 8-bit kinds.
  for (const [name, ctor] of TYPED_ARRAYS) {
    if (name !== 'Uint8Array' && value instanceof ctor) return name;
  }
  return value instanceof Uint8Array ? 'Uint8Array' : undefined;
}

/** The bytes behind a typed array (a view, not a copy). */
export function typedArrayBytes(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** SHA-256 of bytes or a UTF-8 string, as hex. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Deterministic JSON for hashing: object keys sorted, undefined members dropped, typed arrays
 * replaced by their type, length and content digest, non-finite numbers spelled out.
 */
export function stableStringify(value: unknown): string {
  const stack = new Set<object>();
  const walk = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number')
      return Number.isFinite(v) ? JSON.stringify(v) : `{"$num":"${String(v)}"}`;
    if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
    if (typeof v === 'bigint') return `{"$bigint":"${v.toString()}"}`;
    if (typeof v !== 'object') throw new ConfigError(`stage inputs cannot contain a ${typeof v}`);
    const kind = typedArrayKind(v);
    if (kind !== undefined) {
      const a = v as TypedArray;
      return `{"$typed":"${kind}","length":${a.length},"sha256":"${sha256Hex(typedArrayBytes(a))}"}`;
    }
    if (v instanceof Date) return JSON.stringify(v.toISOString());
    if (stack.has(v)) throw new ConfigError('stage inputs contain a cycle');
    stack.add(v);
    let out: string;
    if (Array.isArray(v)) out = `[${v.map(walk).join(',')}]`;
    else {
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new ConfigError(
          `stage inputs must be plain data, found a ${(v as object).constructor.name}`,
        );
      }
      const rec = v as Record<string, unknown>;
      const keys = Object.keys(rec)
        .filter((k) => rec[k] !== undefined)
        .sort();
      out = `{${keys.map((k) => `${JSON.stringify(k)}:${walk(rec[k])}`).join(',')}}`;
    }
    stack.delete(v);
    return out;
  };
  return walk(value);
}
