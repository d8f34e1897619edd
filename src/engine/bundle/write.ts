// Building a bundle's files in memory (design.md §7): serialises the payloads in the formats described
// in check-payloads.ts, computes byte sizes and SHA-256 digests, adds manifest.json (pretty JSON), and
// proves the result loads by validating it with readBundle before returning. Pure: no I/O.
// Float32Array images are written as images.f32 with imageDType "float32"; uint8 images give
// exactly the bundle they always gave (images.u8, no imageDType key). Optional payloads: features
// (features.f32) and a teacher model (teacher.bin, teacher.ts).
import { BundleError, ConfigError } from '../errors';
import { SCORE_NAMES, type ScoreName, type StoredImages } from '../types';
import { dtypeOfImages, IMAGES_PATHS, serializeImages } from './images';
import {
  MANIFEST_FILE,
  PAYLOAD_KEYS,
  type ImageDType,
  type Manifest,
  type PayloadFile,
  type PayloadKey,
  type TeacherInfo,
} from './manifest';
import { getFileFromMap, readBundle } from './read';
import { sha256Hex } from './sha256';
import { serializeTeacher } from './teacher';

/**
 * The manifest without the payload list (the writer fills in paths, sizes and digests, and
 * imageDType from the images given; a draft's own imageDType must agree with them).
 */
export type ManifestDraft = Omit<Manifest, 'files'>;

export interface BundleInput {
  readonly manifest: ManifestDraft;
  /** Stored images, NHWC, class-major: uint8, or float32 in pixel/255 units (0 black, 1 white). */
  readonly images: StoredImages;
  /** One label per stored image (0…classes−1, class-major). */
  readonly labels: ArrayLike<number>;
  /** One entry per sample, in sample-index order, for each score name. */
  readonly scores: Readonly<Record<ScoreName, ArrayLike<number>>>;
  readonly testImages: Uint8Array;
  readonly testLabels: ArrayLike<number>;
  /** Optional penultimate features: `dim` values per sample, sample-index order. */
  readonly features?: {
    readonly values: Float32Array;
    readonly dim: number;
    readonly model: string;
  };
  /** Optional teacher model: what it is, and its weights in weights-file.ts's order (teacher.ts). */
  readonly teacher?: { readonly info: TeacherInfo; readonly weights: Float32Array };
  /** Override payload file names (defaults: DEFAULT_PATHS; float32 images: images.f32). */
  readonly paths?: Partial<Record<PayloadKey, string>>;
}

export const DEFAULT_PATHS: Readonly<Record<PayloadKey, string>> = {
  images: IMAGES_PATHS.uint8,
  labels: 'labels.u8',
  scores: 'scores.json',
  testImages: 'test-images.u8',
  testLabels: 'test-labels.u8',
};

export const FEATURES_PATH = 'features.f32';

/** File name of the teacher model's weights (teacher.ts). */
export const TEACHER_PATH = 'teacher.bin';

function toUint8Labels(path: string, labels: ArrayLike<number>, what: string): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 255) {
      throw new BundleError(path, 'label', `label ${v} of ${what} ${i} is not an integer in 0…255`);
    }
    out[i] = v;
  }
  return out;
}

/** Scores JSON: one line per score name, numbers in shortest round-trip form. */
export function serializeScores(
  path: string,
  scores: Readonly<Record<ScoreName, ArrayLike<number>>>,
): Uint8Array {
  const lines = SCORE_NAMES.map((name) => {
    const values = scores[name];
    if (!values) throw new BundleError(path, 'score-count', `score "${name}" is missing`);
    const parts: string[] = new Array<string>(values.length);
    for (let s = 0; s < values.length; s++) {
      const v = values[s]!;
      if (!Number.isFinite(v)) {
        throw new BundleError(
          path,
          'score-value',
          `score "${name}" of sample ${s} is ${v}, not a finite number`,
        );
      }
      parts[s] = JSON.stringify(v);
    }
    return `  ${JSON.stringify(name)}: [${parts.join(',')}]`;
  });
  return new TextEncoder().encode(`{\n${lines.join(',\n')}\n}\n`);
}

/**
 * The draft with `imageDType` set for float32 images (placed right after `imageShape`, where a
 * reader looks for it) and absent for uint8, so uint8 manifests stay as they always were.
 */
function withImageDType(draft: ManifestDraft, dtype: ImageDType): ManifestDraft {
  if (draft.imageDType !== undefined && draft.imageDType !== dtype) {
    throw new ConfigError(
      `manifest draft says imageDType "${draft.imageDType}" but the images given are ${dtype}`,
    );
  }
  const { imageDType: _drop, ...rest } = draft;
  if (dtype === 'uint8') return rest;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    out[key] = value;
    if (key === 'imageShape') out.imageDType = dtype;
  }
  return out as unknown as ManifestDraft;
}

/** Serialise a bundle: payload files plus manifest.json, validated by reading them back. */
export async function buildBundleFiles(
  input: BundleInput,
): Promise<{ manifest: Manifest; files: Map<string, Uint8Array> }> {
  const dtype = dtypeOfImages(input.images);
  const paths = { ...DEFAULT_PATHS, images: IMAGES_PATHS[dtype], ...input.paths };
  const payloads: Record<PayloadKey, Uint8Array> = {
    images: serializeImages(input.images),
    labels: toUint8Labels(paths.labels, input.labels, 'stored image'),
    scores: serializeScores(paths.scores, input.scores),
    testImages: input.testImages,
    testLabels: toUint8Labels(paths.testLabels, input.testLabels, 'test image'),
  };

  const files = new Map<string, Uint8Array>();
  const entries = {} as Record<PayloadKey, PayloadFile>;
  for (const key of PAYLOAD_KEYS) {
    const bytes = payloads[key];
    entries[key] = { path: paths[key], bytes: bytes.length, sha256: await sha256Hex(bytes) };
    files.set(paths[key], bytes);
  }
  let featureEntry: { features?: PayloadFile } = {};
  let featureInfo: Pick<Manifest, 'features'> = {};
  if (input.features) {
    const { values, dim, model } = input.features;
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    const path = FEATURES_PATH;
    featureEntry = { features: { path, bytes: bytes.length, sha256: await sha256Hex(bytes) } };
    featureInfo = { features: { dim, model } };
    files.set(path, bytes);
  }
  let teacherEntry: { teacher?: PayloadFile } = {};
  let teacherInfo: Pick<Manifest, 'teacher'> = {};
  if (input.teacher) {
    const bytes = serializeTeacher(input.teacher.weights);
    const path = TEACHER_PATH;
    teacherEntry = { teacher: { path, bytes: bytes.length, sha256: await sha256Hex(bytes) } };
    teacherInfo = { teacher: input.teacher.info };
    files.set(path, bytes);
  }
  const manifest: Manifest = {
    ...withImageDType(input.manifest, dtype),
    ...featureInfo,
    ...teacherInfo,
    files: { ...entries, ...featureEntry, ...teacherEntry },
  };
  files.set(MANIFEST_FILE, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));

  // Everything a reader checks is checked here too, so a builder can never write a bad bundle.
  await readBundle(getFileFromMap(files));
  return { manifest, files };
}
