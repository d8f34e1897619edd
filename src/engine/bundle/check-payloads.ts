// Content checks of a bundle's payloads (design.md §7), once their sizes and digests match the
// manifest (read.ts). Payload formats (files in the bundle folder, named in manifest.files):
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
// - features:   optional, float32 little-endian, `features.dim` values per sample.
// - teacher:    optional, float32 little-endian, a ConvNet's weights in weights-file.ts's order
//               for the model `teacher` describes (teacher.ts).
// Each failure is a BundleError naming the file: 'shape' (byte counts vs shape/classes/ipc),
// 'pixel-value' / 'pixel-range' (float32 images: a non-finite value, or one beyond
// ±MAX_ABS_FLOAT_PIXEL), 'label' (range, class-major order), 'json' (scores not a JSON object of
// arrays, or nested or long beyond json-limits.ts), 'score-count' (missing name or wrong entry
// count), 'score-value' (non-finite score, feature or teacher weight).
import { BundleError } from '../errors';
import { SCORE_NAMES, type ScoreTable } from '../types';
import { decodeUtf8 } from '../utf8';
import { parseImages } from './images';
import { describeJsonValue, findJsonLimitViolation } from './json-limits';
import { imageDTypeOf, type Manifest, type OptionalPayloadKey, type PayloadKey } from './manifest';
import type { LoadedBundle } from './read';
import { parseTeacher } from './teacher';

/** Every payload's bytes, by manifest key. */
export type RawPayloads = Record<PayloadKey, Uint8Array> &
  Partial<Record<OptionalPayloadKey, Uint8Array>>;

/** `bytes` as UTF-8 text (utf8.ts); a BundleError('json') on `path` when they are not. */
export function bundleUtf8(path: string, bytes: Uint8Array): string {
  return decodeUtf8(bytes, () => new BundleError(path, 'json', 'is not valid UTF-8 text'));
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
  const teacher =
    raw.teacher && manifest.teacher && f.teacher
      ? {
          info: manifest.teacher,
          weights: parseTeacher(f.teacher.path, raw.teacher, manifest, manifest.teacher),
        }
      : undefined;
  return {
    images,
    labels,
    scores,
    testImages: raw.testImages,
    testLabels,
    ...(features ? { features } : {}),
    ...(teacher ? { teacher } : {}),
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
    parsed = JSON.parse(bundleUtf8(path, bytes));
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
