// The one engine interface the app talks to. It is implemented in-thread (session.ts, used by
// tests and Node) and exposed from a Web Worker through comlink (src/workers/). Every call takes
// plain data and returns plain data; long calls take an AbortSignal-like cancel token.
import type { Manifest } from './bundle/manifest';
import type {
  BackendName,
  EpochReport,
  MethodName,
  Preference,
  ScoreTable,
  StoredImages,
} from './types';

export interface LoadProgress {
  readonly file: string;
  readonly loadedBytes: number;
  readonly totalBytes: number;
}

/** What the UI needs to show a loaded bundle (stored images as stored, for the gallery). */
export interface BundleView {
  readonly manifest: Manifest;
  /**
   * Stored condensed images, NHWC, class-major: uint8, or float32 in pixel/255 units (the manifest's
   * imageDType) that may leave [0, 1].
   */
  readonly images: StoredImages;
  readonly labels: Int32Array;
  readonly scores: ScoreTable;
  readonly samplesPerClass: number;
  readonly testCount: number;
}

export interface SelectRequest {
  readonly method: MethodName;
  /** Samples per class to keep (1 … IPC_F · f²). */
  readonly perClass: number;
  readonly prefer?: Preference;
  readonly balanced?: boolean;
  readonly seed?: number;
}

export interface TrainRequest extends SelectRequest {
  readonly epochs: number;
  readonly width?: number;
  readonly depth?: number;
  readonly batchSize?: number;
  readonly trainSeed?: number;
  /** Evaluate on a stratified subset of this many test images (default: all; test-subset.ts). */
  readonly testLimit?: number;
}

/**
 * Most test images evaluated after each epoch for the live test-accuracy curve (a stratified
 * subset when the run asks for more); a run's final accuracy uses every test image it asked for
 * (`testLimit`, default all).
 */
export const EPOCH_EVAL_LIMIT = 1000;

export interface TrainResult {
  readonly indices: Int32Array;
  /**
   * Top-1 accuracy after the last epoch on `testCount` test images: the whole test set, or its
   * stratified subset when `testLimit` asked for fewer (test-subset.ts).
   */
  readonly testAccuracy: number;
  readonly testCount: number;
  /** Those images per class (index = class). */
  readonly testPerClass: readonly number[];
  /** Test images behind each epoch's `testAccuracy` (≤ EPOCH_EVAL_LIMIT; stratified, nested in the final set). */
  readonly epochTestCount: number;
  /** Those images per class (index = class). */
  readonly epochTestPerClass: readonly number[];
  readonly epochs: readonly EpochReport[];
  readonly backend: BackendName;
  readonly elapsedMs: number;
}

/** Progress inside a run, reported a few times a second (finer than one report per epoch). */
export interface TrainProgress {
  /** 1-based epoch in progress. */
  readonly epoch: number;
  readonly epochs: number;
  /** Steps finished in this epoch, of `steps`. */
  readonly step: number;
  readonly steps: number;
  /** Training samples per second so far in this run. */
  readonly samplesPerSec: number;
  readonly elapsedMs: number;
}

export interface Throughput {
  readonly backend: BackendName;
  readonly samplesPerSec: number;
  readonly width: number;
  readonly batchSize: number;
  readonly measuredSteps: number;
  /** Evaluation (forward only, no augmentation) samples per second, if measured. */
  readonly evalSamplesPerSec?: number;
  /** Most training samples the backend can hold at once, if the backend has a known limit. */
  readonly memoryLimitSamples?: number;
}

export interface Engine {
  /** Load and validate the bundle at `baseUrl` (a folder URL or path). */
  loadBundle(baseUrl: string, onProgress?: (p: LoadProgress) => void): Promise<BundleView>;
  /** Sample indices kept for a request, ascending. */
  select(request: SelectRequest): Promise<Int32Array>;
  /**
   * Prune, train and evaluate; reports every epoch (and, if `onProgress` is given, progress within
   * epochs). Rejects with AbortedError when cancelled. Runs never overlap: a call waits for the
   * previous run (or throughput measurement) to settle.
   */
  train(
    request: TrainRequest,
    onEpoch: (report: EpochReport) => void,
    signal?: AbortSignal,
    onProgress?: (progress: TrainProgress) => void,
  ): Promise<TrainResult>;
  /** Measure training throughput of the real model on the active backend (SPEC §8). */
  measureThroughput(width: number, batchSize: number, signal?: AbortSignal): Promise<Throughput>;
  /** Switch backend (undefined: best available); resolves to the one now active. */
  setBackend(preferred?: BackendName): Promise<BackendName>;
}
