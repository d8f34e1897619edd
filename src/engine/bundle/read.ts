// Loading a bundle (design.md §7) through any file source, validating everything before returning.
//
// Payload formats (files in the bundle folder, named in manifest.files):
// - images:     NHWC, class-major: N = classes·IPC_F stored images of H×W×C; stored image
//               j of class c is image c·IPC_F + j. Each is an f×f grid of patches (decode.ts).
//               uint8 by default; float32 little-endian in pixel/255 units when the manifest says
//               imageDType "float32" (images.ts).
// - labels:     uint8, one per stored image (so labels[c·IPC_F + j] = c).
// - scores:     UTF-8 JSON object { "lbpe": [...], "el2n": [...], "forgetting": [...], "aum": [...],
//               "entropy": [...], "loss": [...] }, each an array of finite numbers with exactly
//               one entry per SAMPLE (classes·IPC_F·f²), in sample-index order (design.md §1).
//               Other keys are allowed and ignored.
// - testImages: uint8, NHWC, H×W×C each (the source's real held-out test set, any order).
// - testLabels: uint8, one per test image.
//
// Checks, in order (each failure is a BundleError naming the file and the problem):
// manifest ('missing' | 'size' (over MAX_MANIFEST_BYTES) | 'json' | 'manifest' | 'version'), then
// per payload as it arrives: 'missing', 'size' (vs manifest bytes; every GetFile is told the
// count, limits.ts, so it can refuse a wrong size before reading and never reads past it),
// 'digest' (SHA-256); then contents: 'shape' (byte counts
// vs shape/classes/ipc), 'pixel-value' / 'pixel-range' (float32 images: a non-finite value, or
// one beyond ±MAX_ABS_FLOAT_PIXEL), 'label' (range, class-major order), 'json' (scores not a JSON
// object of arrays, or nested or long beyond json-limits.ts), 'score-count' (missing name or wrong
// entry count), 'score-value' (non-finite).
// Nothing is returned unless every check passed.
import type { LoadProgress } from '../api';
import { BundleError, YocoError, throwIfAborted } from '../errors';
import { SCORE_NAMES, type ScoreTable, type StoredImages } from '../types';
import { parseImages } from './images';
import { describeJsonValue, findJsonLimitViolation } from './json-limits';
import { MAX_MANIFEST_BYTES, wrongSizeError, type ByteLimit } from './limits';
import {
  imageDTypeOf,
  MANIFEST_FILE,
  OPTIONAL_PAYLOAD_KEYS,
  PAYLOAD_KEYS,
  type Manifest,
  type OptionalPayloadKey,
  type PayloadKey,
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
}

type RawPayloads = Record<PayloadKey, Uint8Array> & Partial<Record<OptionalPayloadKey, Uint8Array>>;

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

function decodeUtf8(path: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BundleError(path, 'json', 'is not valid UTF-8 text');
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
  const manifest = parseManifest(decodeUtf8(MANIFEST_FILE, manifestBytes));

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

/** Content checks of payloads whose sizes and digests already match the manifest. */
export function checkPayloads(
  manifest: Manifest,
  raw: Readonly<RawPayloads>,
): Omit<LoadedBundle, 'manifest'> {
  const [H, W, C] = manifest.imageShape;
  const K = manifest.classes.length;
  const { ipc, factor } = manifest;
  const stored = K * ipc;
  const imageBytes = H * W * C;
  const f = manifest.files;

  const images = parseImages(
    f.images.path,
    raw.images,
    imageDTypeOf(manifest),
    manifest.imageShape,
    K,
    ipc,
  );
  if (raw.labels.length !== stored) {
    throw new BundleError(
      f.labels.path,
      'shape',
      `holds ${raw.labels.length} labels but ${K} classes × ${ipc} images need ${stored}`,
    );
  }
  const labels = Int32Array.from(raw.labels);
  for (let i = 0; i < stored; i++) {
    const label = labels[i]!;
    if (label >= K) {
      throw new BundleError(
        f.labels.path,
        'label',
        `label ${label} of stored image ${i} is out of range 0…${K - 1}`,
      );
    }
    const expected = Math.floor(i / ipc);
    if (label !== expected) {
      throw new BundleError(
        f.labels.path,
        'label',
        `stored image ${i} has label ${label} but class-major order (ipc ${ipc}) puts class ${expected} there`,
      );
    }
  }

  if (raw.testImages.length === 0 || raw.testImages.length % imageBytes !== 0) {
    throw new BundleError(
      f.testImages.path,
      'shape',
      `holds ${raw.testImages.length} bytes, not a positive multiple of one ${H}×${W}×${C} image (${imageBytes})`,
    );
  }
  const testCount = raw.testImages.length / imageBytes;
  if (raw.testLabels.length !== testCount) {
    throw new BundleError(
      f.testLabels.path,
      'shape',
      `holds ${raw.testLabels.length} labels but ${f.testImages.path} holds ${testCount} images`,
    );
  }
  const testLabels = Int32Array.from(raw.testLabels);
  for (let i = 0; i < testCount; i++) {
    if (testLabels[i]! >= K) {
      throw new BundleError(
        f.testLabels.path,
        'label',
        `label ${testLabels[i]} of test image ${i} is out of range 0…${K - 1}`,
      );
    }
  }

  const samples = stored * factor * factor;
  const scores = parseScores(f.scores.path, raw.scores, samples);
  const features =
    raw.features && manifest.features && f.features
      ? parseFeatures(f.features.path, raw.features, samples, manifest.features.dim)
      : undefined;
  return {
    images,
    labels,
    scores,
    testImages: raw.testImages,
    testLabels,
    ...(features ? { features } : {}),
  };
}

function parseFeatures(
  path: string,
  bytes: Uint8Array,
  samples: number,
  dim: number,
): { values: Float32Array; dim: number } {
  if (bytes.length !== samples * dim * 4) {
    throw new BundleError(
      path,
      'shape',
      `holds ${bytes.length} bytes but ${samples} samples × ${dim} float32 features need ${samples * dim * 4}`,
    );
  }
  const values = new Float32Array(samples * dim);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < values.length; i++) {
    const v = view.getFloat32(i * 4, true);
    if (!Number.isFinite(v)) {
      throw new BundleError(
        path,
        'score-value',
        `feature ${i % dim} of sample ${Math.floor(i / dim)} is ${v}, not a finite number`,
      );
    }
    values[i] = v;
  }
  return { values, dim };
}

function parseScores(path: string, bytes: Uint8Array, samples: number): ScoreTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeUtf8(path, bytes));
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw new BundleError(path, 'json', `not valid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BundleError(path, 'json', 'must be a JSON object mapping score names to arrays');
  }
  const tooBig = findJsonLimitViolation(parsed);
  if (tooBig) throw new BundleError(path, 'json', `"${tooBig.path}" ${tooBig.detail}`);
  const obj = parsed as Record<string, unknown>;
  const table = {} as Record<(typeof SCORE_NAMES)[number], Float64Array>;
  for (const name of SCORE_NAMES) {
    const values = obj[name];
    if (values === undefined) {
      throw new BundleError(
        path,
        'score-count',
        `score "${name}" is missing (expected ${samples} entries, one per sample)`,
      );
    }
    if (!Array.isArray(values)) {
      throw new BundleError(path, 'json', `score "${name}" must be an array of numbers`);
    }
    if (values.length !== samples) {
      throw new BundleError(
        path,
        'score-count',
        `score "${name}" has ${values.length} entries but the bundle has ${samples} samples`,
      );
    }
    const out = new Float64Array(samples);
    for (let s = 0; s < samples; s++) {
      const v: unknown = values[s];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new BundleError(
          path,
          'score-value',
          `score "${name}" of sample ${s} is ${describeJsonValue(v)}, not a finite number`,
        );
      }
      out[s] = v;
    }
    table[name] = out;
  }
  return table;
}
