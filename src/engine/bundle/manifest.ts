// The bundle manifest (design.md §7): its TypeScript shape. Parsing and validation live in validate.ts.
import type { ImageShape, LabelMode } from '../types';

export const FORMAT_VERSION = 1;

/** The manifest's file name, at the root of every bundle folder. */
export const MANIFEST_FILE = 'manifest.json';

/** Element types of the stored-images payload (test images are always uint8). */
export const IMAGE_DTYPES = ['uint8', 'float32'] as const;
export type ImageDType = (typeof IMAGE_DTYPES)[number];

/**
 * Largest |value| a float32 stored pixel may have (pixel/255 units). Synthesized pixels overshoot
 * [0, 1] by a little; anything this far out is a broken optimizer or a wrong unit (0…255).
 */
export const MAX_ABS_FLOAT_PIXEL = 64;

export interface PayloadFile {
  /** Relative to the bundle folder. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * The reference row of the random-real-images control (`yoco table --real`): IPC_T random real
 * training images per class, with the table's protocol and labels.
 */
export const REAL_CONTROL_ROW = 'real+random';

export interface ReferenceRow {
  /** A selection token (select/selection.ts), `full` (every sample) or REAL_CONTROL_ROW. */
  readonly method: string;
  /** Stored-image units; `null` for the full condensed set. */
  readonly ipc: number | null;
  readonly mean: number;
  readonly std: number;
  readonly seeds: number;
  readonly runs?: readonly number[];
}

export interface ReferenceTable {
  /** Protocol used (model width, epochs, batch, etc.), written beside the numbers. */
  readonly protocol: Record<string, unknown>;
  readonly rows: readonly ReferenceRow[];
}

export interface TestOrder {
  readonly shuffled: boolean;
  /** The permutation's seed; required when `shuffled`. */
  readonly seed?: number;
}

/** What a bundle's teacher model is and how it was made (`Manifest.teacher`). */
export interface TeacherInfo {
  /** Architecture name, e.g. 'ConvNet' (depth and width below). */
  readonly architecture: 'ConvNet';
  readonly width: number;
  readonly depth: number;
  /** Normalisation layer: this project's ConvNet uses instance norm. */
  readonly norm: 'instancenorm';
  /** What it was trained on, e.g. { name: 'Fashion-MNIST training set', count: 60000 }. */
  readonly trainedOn: { readonly name: string; readonly count: number };
  readonly epochs: number;
  /** Accuracy (0..1) on `testImages` test images (all of the test set). */
  readonly testAccuracy: number;
  readonly testImages: number;
  /** The command that trained it and added it to the bundle. */
  readonly command: string;
}

export interface Manifest {
  readonly formatVersion: number;
  readonly id: string;
  readonly title: string;
  readonly source: {
    readonly name: string;
    readonly licence: string;
    readonly url?: string;
    readonly trainCount?: number;
    readonly testCount?: number;
  };
  readonly classes: readonly string[];
  readonly imageShape: ImageShape;
  /**
   * Element type of `files.images` (absent: uint8). float32 is little-endian in pixel/255 units
   * (0 = black, 1 = white, as `normalization`), may leave [0, 1], and is bounded by
   * MAX_ABS_FLOAT_PIXEL; it holds optimized (synthesized) pixels that 8 bits would round away.
   */
  readonly imageDType?: ImageDType;
  /** IPC_F: stored images per class. */
  readonly ipc: number;
  /** Multi-formation factor f: each stored image is an f×f grid of patches. */
  readonly factor: number;
  /** Horizontal flips are a valid augmentation for this data. */
  readonly flip: boolean;
  /** Per-channel mean/std in pixel/255 units (torchvision convention); validate.ts enforces mean ∈ [0, 1], std > 0. */
  readonly normalization: { readonly mean: readonly number[]; readonly std: readonly number[] };
  readonly condensation: { readonly method: string; readonly params: Record<string, unknown> };
  readonly scoring: {
    readonly model: string;
    readonly params: Record<string, unknown>;
  };
  readonly files: {
    readonly images: PayloadFile;
    readonly labels: PayloadFile;
    readonly scores: PayloadFile;
    readonly testImages: PayloadFile;
    readonly testLabels: PayloadFile;
    /** Optional: penultimate features of the scoring model (see `features`). */
    readonly features?: PayloadFile;
    /** Optional: a trained teacher model's weights (see `teacher`). */
    readonly teacher?: PayloadFile;
  };
  /**
   * Present when `files.features` is: float32 little-endian, one row of `dim` values per sample in
   * sample-index order, from the final scoring model (SSP-style k-means selection, design.md §2).
   */
  readonly features?: { readonly dim: number; readonly model: string };
  /**
   * Present when `files.teacher` is: a trained ConvNet (teacher.ts). Its weights are float32
   * little-endian, the model's variables one after another in weights-file.ts's order, for the
   * model `{ inputShape: imageShape, numClasses: classes.length, width, depth }`.
   */
  readonly teacher?: TeacherInfo;
  /**
   * How the builder ordered the test payloads. `shuffled` with `seed`: stored test image i is
   * imported test image p[i], p = new Rng(seed).permutation(count) (rng.ts), so a class-sorted
   * source (an image folder) is not stored class by class. Absent in bundles built before it
   * existed: their order is the source's (`yoco inspect` says when it is sorted by class).
   */
  readonly testOrder?: TestOrder;
  /** Accuracies of runs on hard labels (protocol.labels absent or 'hard'). */
  readonly referenceTable?: ReferenceTable;
  /** The same for runs on the teacher's labels (protocol.labels 'teacher'); needs `teacher`. */
  readonly teacherTable?: ReferenceTable;
  readonly tool: { readonly name: string; readonly version: string; readonly command?: string };
  readonly createdAt?: string;
}

export type OptionalPayloadKey = 'features' | 'teacher';
export type PayloadKey = Exclude<keyof Manifest['files'], OptionalPayloadKey>;
export const PAYLOAD_KEYS: readonly PayloadKey[] = [
  'images',
  'labels',
  'scores',
  'testImages',
  'testLabels',
];
export const OPTIONAL_PAYLOAD_KEYS: readonly OptionalPayloadKey[] = ['features', 'teacher'];

/** The stored images' element type, with the default for manifests that do not say. */
export function imageDTypeOf(manifest: Pick<Manifest, 'imageDType'>): ImageDType {
  return manifest.imageDType ?? 'uint8';
}

/** The manifest keys of the reference tables, one per label mode. */
export const REFERENCE_TABLE_KEYS = ['referenceTable', 'teacherTable'] as const;

/** The reference table of runs on `labels` (absent: hard labels), if the bundle has one. */
export function referenceTableFor(
  m: Pick<Manifest, 'referenceTable' | 'teacherTable'>,
  labels: LabelMode | undefined,
): ReferenceTable | undefined {
  return labels === 'teacher' ? m.teacherTable : m.referenceTable;
}
