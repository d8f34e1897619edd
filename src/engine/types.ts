// Shared plain-data types of the engine: datasets, scores, method names and training settings.
// Everything here is structured-clone friendly so it can cross the worker boundary as is.

/** `[H, W, C]` of one stored or decoded image. */
export type ImageShape = readonly [number, number, number];

/**
 * A bundle's stored images, NHWC, class-major: uint8 (0…255) or float32 in pixel/255 units
 * (0 = black, 1 = white; synthesized pixels may leave [0, 1]). See bundle/manifest.ts imageDType.
 */
export type StoredImages = Uint8Array | Float32Array;

/** Names of the per-sample scores stored in a bundle (design.md §7). */
export const SCORE_NAMES = ['lbpe', 'el2n', 'forgetting', 'aum', 'entropy', 'loss'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];
export type ScoreTable = Record<ScoreName, Float64Array>;

/** Selection methods (design.md §2–3; select/selection.ts: what to select). `yoco` is LBPE, easy, balanced. */
export const METHODS = [
  'yoco',
  'lbpe',
  'random',
  'el2n',
  'forgetting',
  'aum',
  'entropy',
  'loss',
  'ccs',
  'kmeans',
  'prefix',
] as const;
export type MethodName = (typeof METHODS)[number];
export type Preference = 'easy' | 'hard';

/** ConvNet-D3 hyper-parameters (design.md §4). */
export interface ModelConfig {
  readonly inputShape: ImageShape;
  readonly numClasses: number;
  readonly width: number;
  readonly depth: number;
}

/** Training protocol (design.md §5). */
export interface TrainConfig {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly momentum: number;
  readonly weightDecay: number;
  readonly seed: number;
  /** Horizontal flips are allowed for this dataset. */
  readonly flip: boolean;
  /** Turn augmentation and CutMix off (used by tests and observers). */
  readonly augment: boolean;
  /** Evaluate on the test set every `evalEvery` epochs (0: only at the end, -1: never). */
  readonly evalEvery: number;
  /**
   * Length of the learning-rate schedule when only its first `epochs` are run (e.g. LBPE scoring
   * records the first 100 epochs of the paper's 1000-epoch protocol). Default: `epochs`.
   */
  readonly scheduleEpochs?: number;
  /** CutMix probability per batch when augmenting (default 0.5, design.md §5). */
  readonly cutmix?: number;
}

/** One progress event per epoch. */
export interface EpochReport {
  readonly epoch: number; // 1-based
  readonly epochs: number;
  readonly loss: number;
  readonly trainAccuracy: number;
  readonly testAccuracy?: number;
  readonly samplesPerSec: number;
  readonly elapsedMs: number;
}

export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

/**
 * Where a run's training targets come from: each image's own class (`hard`), or the bundle's
 * teacher, which labels every augmented batch the student sees (`teacher`, train/distill.ts).
 */
export const LABEL_MODES = ['hard', 'teacher'] as const;
export type LabelMode = (typeof LABEL_MODES)[number];
