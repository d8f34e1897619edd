// Codecs of the stage cache (cache.ts): how a stage's value becomes the bytes of its cache entry
// and back. binaryCodec keeps typed arrays as raw bytes after a JSON header; jsonCodec is plain
// JSON. A codec's name is part of the cache key, so changing one invalidates its entries.
import { TYPED_ARRAYS, typedArrayBytes, typedArrayKind, type TypedArray } from './stable-hash';

export interface Codec<T> {
  /** Part of the cache key: a codec change invalidates entries. */
  readonly name: string;
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

function encodeJsonValue(value: unknown, blobs: Uint8Array[]): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
  if (value === null || typeof value !== 'object') return value;
  const kind = typedArrayKind(value);
  if (kind !== undefined) {
    blobs.push(typedArrayBytes(value as TypedArray));
    return { $ta: blobs.length - 1, type: kind };
  }
  if (Array.isArray(value)) return value.map((v) => encodeJsonValue(v, blobs));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined) out[k] = encodeJsonValue(v, blobs);
  }
  return out;
}

function decodeJsonValue(value: unknown, blobs: Uint8Array[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => decodeJsonValue(v, blobs));
  const rec = value as Record<string, unknown>;
  if (typeof rec.$num === 'string' && Object.keys(rec).length === 1) return Number(rec.$num);
  if (
    typeof rec.$ta === 'number' &&
    typeof rec.type === 'string' &&
    Object.keys(rec).length === 2
  ) {
    const blob = blobs[rec.$ta];
    const entry = TYPED_ARRAYS.find(([name]) => name === rec.type);
    if (blob === undefined || entry === undefined)
      throw new Error(`bad typed-array reference ${rec.$ta}`);
    const copy = new Uint8Array(blob.byteLength); // fresh, aligned buffer (never a Buffer pool view)
    copy.set(blob);
    return new entry[1](copy.buffer);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) out[k] = decodeJsonValue(v, blobs);
  return out;
}

/**
 * Codec for any tree of plain objects, arrays, strings, numbers, booleans, null and typed arrays
 * (typed arrays are stored as raw little-endian bytes, 8-byte aligned, after a JSON header).
 */
export function binaryCodec<T>(): Codec<T> {
  return {
    name: 'binary-1',
    encode(value: T): Uint8Array {
      const blobs: Uint8Array[] = [];
      const tree = encodeJsonValue(value, blobs);
      const offsets: number[] = [];
      let at = 0;
      for (const b of blobs) {
        offsets.push(at);
        at += Math.ceil(b.byteLength / 8) * 8;
      }
      const json = Buffer.from(
        JSON.stringify({ tree, blobs: blobs.map((b, i) => [offsets[i], b.byteLength]) }),
      );
      const headLen = Math.ceil((4 + json.length) / 8) * 8;
      const out = new Uint8Array(headLen + at);
      new DataView(out.buffer).setUint32(0, json.length, true);
      out.set(json, 4);
      blobs.forEach((b, i) => out.set(b, headLen + offsets[i]!));
      return out;
    },
    decode(bytes: Uint8Array): T {
      if (bytes.byteLength < 4) throw new Error('payload too short');
      const jsonLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
        0,
        true,
      );
      if (4 + jsonLen > bytes.byteLength) throw new Error('payload header overruns the data');
      const head = JSON.parse(Buffer.from(bytes.subarray(4, 4 + jsonLen)).toString('utf8')) as {
        tree: unknown;
        blobs: Array<[number, number]>;
      };
      const headLen = Math.ceil((4 + jsonLen) / 8) * 8;
      const blobs = head.blobs.map(([off, len]) => {
        const start = headLen + off;
        if (start + len > bytes.byteLength) throw new Error('typed array overruns the data');
        return bytes.subarray(start, start + len);
      });
      return decodeJsonValue(head.tree, blobs) as T;
    },
  };
}

/** Codec for plain JSON values. */
export function jsonCodec<T>(): Codec<T> {
  return {
    name: 'json-1',
    encode: (value: T) => Buffer.from(JSON.stringify(value)),
    decode: (bytes: Uint8Array) => JSON.parse(Buffer.from(bytes).toString('utf8')) as T,
  };
}
