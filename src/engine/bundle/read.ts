// Loading a bundle (design.md §7) through any file source, validating everything before returning.
// The payloads' formats and content checks are in check-payloads.ts.
//
// Checks, in order (each failure is a BundleError naming the file and the problem):
// manifest ('missing' | 'size' (over MAX_MANIFEST_BYTES) | 'json' | 'manifest' | 'version'), then
// per payload as it arrives: 'missing', 'size' (vs manifest bytes; every GetFile is told the
// count, limits.ts, so it can refuse a wrong size before reading and never reads past it),
// 'digest' (SHA-256); then contents (checkPayloads).
// Nothing is returned unless every check passed.
import { BundleError, YocoError, throwIfAborted } from '../errors';
import type { ScoreTable, StoredImages } from '../types';
import { bundleUtf8, checkPayloads, type RawPayloads } from './check-payloads';
import { MAX_MANIFEST_BYTES, wrongSizeError, type ByteLimit } from './limits';
import {
  MANIFEST_FILE,
  OPTIONAL_PAYLOAD_KEYS,
  PAYLOAD_KEYS,
  type Manifest,
  type TeacherInfo,
} from './manifest';
import { sha256Hex } from './sha256';
import { parseManifest } from './validate';

export type { ByteLimit } from './limits';

/**
 * Reads one file of a bundle by its relative path; may report byte progress. `limit` (always
 * given by readBundle) is what the file may hold: a source should refuse a file whose size it
 * knows to be wrong before reading it, and stop reading as soon as it has seen more than
 * `limit.maxBytes` (BundleError 'size', limits.ts). The reader checks the size again either way.
 */
export type GetFile = (
  path: string,
  onBytes?: (loaded: number, total: number) => void,
  limit?: ByteLimit,
) => Promise<Uint8Array>;

export interface LoadedBundle {
  readonly manifest: Manifest;
  /** Stored images, NHWC, class-major (classes·ipc images): uint8, or float32 in pixel/255 units. */
  readonly images: StoredImages;
  /** One label per stored image. */
  readonly labels: Int32Array;
  /** One Float64Array per score name, classes·ipc·f² entries each, in sample-index order. */
  readonly scores: ScoreTable;
  readonly testImages: Uint8Array;
  readonly testLabels: Int32Array;
  /** Penultimate features, `dim` float32 values per sample (only when the bundle ships them). */
  readonly features?: { readonly values: Float32Array; readonly dim: number };
  /**
   * The teacher model (only when the bundle ships one): what it is, and its weights in
   * weights-file.ts's order (`unpackWeights(teacherModelConfig(manifest, info), weights)`).
   */
  readonly teacher?: { readonly info: TeacherInfo; readonly weights: Float32Array };
}

/** Bytes of a bundle read so far (a download's progress, as the engine's `loadBundle` reports it). */
export interface LoadProgress {
  readonly file: string;
  readonly loadedBytes: number;
  readonly totalBytes: number;
}

export interface ReadOptions {
  readonly signal?: AbortSignal;
  /** `loadedBytes`/`totalBytes` count all payload files together (sizes from the manifest). */
  readonly onProgress?: (p: LoadProgress) => void;
}

/** A GetFile over an in-memory map of relative path → bytes (missing path → BundleError). */
export function getFileFromMap(files: ReadonlyMap<string, Uint8Array>): GetFile {
  return async (path, onBytes) => {
    const bytes = files.get(path);
    if (!bytes) throw new BundleError(path, 'missing', 'file not found in the bundle');
    onBytes?.(bytes.length, bytes.length);
    return bytes;
  };
}

async function readOne(
  getFile: GetFile,
  path: string,
  onBytes: ((loaded: number, total: number) => void) | undefined,
  limit: ByteLimit,
): Promise<Uint8Array> {
  try {
    return await getFile(path, onBytes, limit);
  } catch (e) {
    if (e instanceof YocoError) throw e;
    throw new BundleError(
      path,
      'missing',
      `could not be read (${(e as Error)?.message ?? String(e)})`,
    );
  }
}

/** Load and validate a whole bundle. Throws BundleError (or AbortedError) on any problem. */
export async function readBundle(getFile: GetFile, opts: ReadOptions = {}): Promise<LoadedBundle> {
  const { signal, onProgress } = opts;
  throwIfAborted(signal);
  const manifestLimit: ByteLimit = { maxBytes: MAX_MANIFEST_BYTES, exact: false };
  const manifestBytes = await readOne(getFile, MANIFEST_FILE, undefined, manifestLimit);
  if (manifestBytes.length > MAX_MANIFEST_BYTES) {
    throw wrongSizeError(MANIFEST_FILE, manifestBytes.length, manifestLimit);
  }
  const manifest = parseManifest(bundleUtf8(MANIFEST_FILE, manifestBytes));

  const keys = [
    ...PAYLOAD_KEYS,
    ...OPTIONAL_PAYLOAD_KEYS.filter((k) => manifest.files[k] !== undefined),
  ];
  const totalBytes = keys.reduce((sum, k) => sum + manifest.files[k]!.bytes, 0);
  let doneBytes = 0;
  const raw = {} as RawPayloads;
  for (const key of keys) {
    throwIfAborted(signal);
    const entry = manifest.files[key]!;
    const file = entry.path;
    const limit: ByteLimit = { maxBytes: entry.bytes, exact: true };
    const onBytes = (loaded: number): void => {
      onProgress?.({ file, loadedBytes: doneBytes + Math.min(loaded, entry.bytes), totalBytes });
    };
    const bytes = await readOne(getFile, file, onBytes, limit);
    throwIfAborted(signal);
    if (bytes.length !== entry.bytes) throw wrongSizeError(file, bytes.length, limit);
    const digest = await sha256Hex(bytes);
    if (digest !== entry.sha256) {
      throw new BundleError(
        file,
        'digest',
        `SHA-256 mismatch: the file hashes to ${digest} but the manifest says ${entry.sha256} (corrupted or stale file)`,
      );
    }
    raw[key] = bytes;
    doneBytes += entry.bytes;
    onProgress?.({ file, loadedBytes: doneBytes, totalBytes });
  }
  return { manifest, ...checkPayloads(manifest, raw) };
}
