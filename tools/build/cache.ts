// Stage runner of the bundle builder: runs a named stage once per distinct input and keeps its
// result in a cache folder, keyed by a SHA-256 of the stage name, its inputs (stable JSON; typed
// arrays hashed by content), its codec and the hashes of the stages it builds on. Entries are
// written atomically (temporary file + rename) and checked (size and digest) when read, so an
// interrupted or corrupted build recomputes only what is missing. One build per cache folder at a
// time: a stage removes stale temporary files of its own entry before computing.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../../src/engine/errors';
import { createProgress, type ProgressOptions, type ProgressReporter } from '../lib/progress';

/** Bump when the entry layout changes (old entries then miss). */
export const CACHE_VERSION = 1;
const MAGIC = 'YOCOCACH';

export interface Codec<T> {
  /** Part of the cache key: a codec change invalidates entries. */
  readonly name: string;
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

export interface StageContext {
  readonly cacheDir: string;
  /** Recompute every stage even when cached. */
  readonly force?: boolean;
  /** Status messages (default: stderr). */
  readonly log?: (message: string) => void;
  /** Settings for the progress lines stages print (write, tty, clock, interval). */
  readonly progress?: Omit<ProgressOptions, 'label' | 'total' | 'unit'>;
}

/**
 * What `compute` gets to report progress: start a reporter over `total` units (`resumedAt` of
 * them already done by an earlier, stopped run).
 */
export type ProgressFactory = (
  total: number,
  label?: string,
  unit?: string,
  resumedAt?: number,
) => ProgressReporter;

export interface StageResult<T> {
  readonly value: T;
  /** Full SHA-256 key of this stage run; pass results as `upstream` of later stages. */
  readonly hash: string;
  readonly cached: boolean;
  readonly file: string;
}

// ---------------------------------------------------------------------------------------------
// Stable hashing

type TypedArray =
  | Uint8Array
  | Uint8ClampedArray
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

const TYPED: Array<[string, new (buffer: ArrayBuffer) => TypedArray]> = [
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

function typedName(value: unknown): string | undefined {
  // Buffer is a Uint8Array subclass; check Uint8Array last among the 8-bit kinds.
  for (const [name, ctor] of TYPED) {
    if (name !== 'Uint8Array' && value instanceof ctor) return name;
  }
  return value instanceof Uint8Array ? 'Uint8Array' : undefined;
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

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
    const kind = typedName(v);
    if (kind !== undefined) {
      const a = v as TypedArray;
      return `{"$typed":"${kind}","length":${a.length},"sha256":"${sha256Hex(bytesOf(a))}"}`;
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

/** The cache key of a stage run. */
export function stageHash(
  name: string,
  inputs: unknown,
  codecName: string,
  upstream: readonly { hash: string }[] = [],
): string {
  return sha256Hex(
    stableStringify({
      version: CACHE_VERSION,
      stage: name,
      codec: codecName,
      inputs,
      upstream: upstream.map((u) => u.hash),
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Codecs

function encodeJsonValue(value: unknown, blobs: Uint8Array[]): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
  if (value === null || typeof value !== 'object') return value;
  const kind = typedName(value);
  if (kind !== undefined) {
    blobs.push(bytesOf(value as TypedArray));
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
    const entry = TYPED.find(([name]) => name === rec.type);
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

// ---------------------------------------------------------------------------------------------
// Entries

export interface EntryHeader {
  readonly version: number;
  readonly stage: string;
  readonly hash: string;
  readonly codec: string;
  readonly bytes: number;
  readonly sha256: string;
}

function entryBase(name: string, hash: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_')}-${hash.slice(0, 16)}`;
}

/** Read and check an entry; returns the payload, or the reason it cannot be used. */
/** Reads and checks an entry; `hash` null skips the key check (a tool reading a known file). */
export async function readEntry(
  file: string,
  hash: string | null,
): Promise<{ payload: Uint8Array } | { problem: string }> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return { problem: 'missing' };
  }
  if (data.length < 12 || data.subarray(0, 8).toString('latin1') !== MAGIC)
    return { problem: 'bad magic' };
  const headLen = data.readUInt32LE(8);
  if (12 + headLen > data.length) return { problem: 'truncated header' };
  let header: EntryHeader;
  try {
    header = JSON.parse(data.subarray(12, 12 + headLen).toString('utf8')) as EntryHeader;
  } catch {
    return { problem: 'unreadable header' };
  }
  if (header.version !== CACHE_VERSION || (hash !== null && header.hash !== hash))
    return { problem: 'key mismatch' };
  const payload = data.subarray(12 + headLen);
  if (payload.length !== header.bytes) {
    return { problem: `size ${payload.length} bytes, expected ${header.bytes}` };
  }
  if (sha256Hex(payload) !== header.sha256) return { problem: 'digest mismatch' };
  return { payload };
}

export async function writeEntry(
  file: string,
  header: EntryHeader,
  payload: Uint8Array,
): Promise<void> {
  const head = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(12);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(head.length, 8);
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fh = await open(tmp, 'w');
  try {
    await fh.write(prefix);
    await fh.write(head);
    await fh.write(payload);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await rename(tmp, file);
}

/** Removes temporary files a stopped write of `fileName` (in `dir`) left behind. */
export async function removeStaleTemps(dir: string, fileName: string): Promise<void> {
  const names = await readdir(dir);
  await Promise.all(
    names
      .filter((n) => n.startsWith(`${fileName}.tmp-`))
      .map((n) => rm(join(dir, n), { force: true })),
  );
}

/**
 * Run stage `name`: return the cached result for (`name`, `inputs`, codec, `upstream` hashes) if a
 * valid entry exists, else `compute` it, store it atomically and return it.
 */
export async function runStage<T>(
  ctx: StageContext,
  name: string,
  inputs: unknown,
  compute: (progress: ProgressFactory) => Promise<T>,
  codec: Codec<T>,
  upstream: readonly { hash: string }[] = [],
): Promise<StageResult<T>> {
  const log = ctx.log ?? ((m: string) => void process.stderr.write(`${m}\n`));
  const hash = stageHash(name, inputs, codec.name, upstream);
  const base = entryBase(name, hash);
  const file = join(ctx.cacheDir, `${base}.bin`);
  await mkdir(ctx.cacheDir, { recursive: true });

  if (!ctx.force) {
    const entry = await readEntry(file, hash);
    if ('payload' in entry) {
      try {
        const value = codec.decode(entry.payload);
        log(`[${name}] cached (${file})`);
        return { value, hash, cached: true, file };
      } catch (e) {
        log(
          `[${name}] cache entry cannot be decoded (${e instanceof Error ? e.message : String(e)}); recomputing`,
        );
      }
    } else if (entry.problem !== 'missing') {
      log(`[${name}] cache entry unusable (${entry.problem}); recomputing`);
    }
  }

  await removeStaleTemps(ctx.cacheDir, `${base}.bin`);
  const started = Date.now();
  log(`[${name}] computing`);
  const progress: ProgressFactory = (total, label, unit, resumedAt) =>
    createProgress({
      ...ctx.progress,
      label: label !== undefined ? `[${name}] ${label}` : `[${name}]`,
      total,
      ...(unit !== undefined ? { unit } : {}),
      ...(resumedAt !== undefined ? { resumedAt } : {}),
    });
  const value = await compute(progress);
  const payload = codec.encode(value);
  await writeEntry(
    file,
    {
      version: CACHE_VERSION,
      stage: name,
      hash,
      codec: codec.name,
      bytes: payload.byteLength,
      sha256: sha256Hex(payload),
    },
    payload,
  );
  log(`[${name}] done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return { value, hash, cached: false, file };
}
