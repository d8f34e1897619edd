// The one engine interface the app talks to. It is implemented in-thread (session.ts, used by
// tests and the Node CLI) and served from a Web Worker (src/workers/, whose API is derived from
// this interface). Every call takes and returns plain data. A long call takes one options object,
// `{ signal, onEvent }`: the AbortSignal cancels it (it then rejects with AbortedError) and
// `onEvent` receives its typed events in order (training: `step`, `epoch`, `backend`, `done`).
// A leaf: types only, imported as types, so any module may name them without an import loop (the
// values they mention live with their owners: the live curve's constants in config.ts).
import type { TrainingFields } from './settings/training';
import type { RunShape, SpeedModel } from './budget';
import type { Manifest } from './bundle/manifest';
import type { LoadProgress } from './bundle/read';
import type { ScoreImportRequest } from './import/score-imported';
import type { ScoreProgress } from './scores/score-set';
import type { Selection } from './select/selection';
import type { ConfusionMatrix } from './train/confusion';
import type { BackendName, EpochReport, LabelMode, ScoreTable, StoredImages } from './types';

/** What every long call accepts: a cancel signal and a listener for the call's events. */
export interface CallOptions<E = never> {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: E) => void;
}

/** Byte progress of a bundle download (all payloads together). */
export interface LoadEvent extends LoadProgress {
  readonly type: 'progress';
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

/** What to select (a Selection: method, prefer, balanced; select/selection.ts) and how much. */
export interface SelectRequest extends Selection {
  /** Samples per class to keep (1 … IPC_F · f²); imbalanced: `perClass · classes` in all. */
  readonly perClass: number;
  /** Seed of the methods that draw (random, CCS, k-means); default 0. */
  readonly seed?: number;
}

/**
 * A run: its selection, and the training settings (settings/training.ts: epochs, width, depth,
 * batch size, and `testLimit`, a stratified subset of that many test images, test-subset.ts;
 * defaults from config.ts, all test images when unset).
 */
export interface TrainRequest extends SelectRequest, TrainingFields {
  readonly epochs: number;
  readonly trainSeed?: number;
  /**
   * Evaluate during training for the live curve (default, config.ts: after every epoch of a run of up to
   * EPOCH_EVAL_POINTS epochs, else every ⌈epochs / EPOCH_EVAL_POINTS⌉ and after the last) or,
   * when false, only after the last, on the final test set (the CLI: evaluating every epoch
   * would dominate short runs).
   */
  readonly evalEveryEpoch?: boolean;
}

export interface TrainResult {
  readonly indices: Int32Array;
  /**
   * Top-1 accuracy after the last epoch on `testCount` test images: the whole test set, or its
   * stratified subset when `testLimit` asked for fewer (test-subset.ts).
   */
  readonly testAccuracy: number;
  /**
   * Confusion matrix on those images (true class × predicted class, the manifest's class order):
   * `testAccuracy` is its diagonal share, per-class accuracy its rows' (train/confusion.ts).
   */
  readonly confusion: ConfusionMatrix;
  readonly testCount: number;
  /** Those images per class (index = class): the confusion matrix's row sums. */
  readonly testPerClass: readonly number[];
  /**
   * Test images behind each epoch's `testAccuracy` (≤ EPOCH_EVAL_LIMIT, stratified, nested in the
   * final set; the final set itself when only the last epoch is evaluated).
   */
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

/**
 * A backend failed. `phase` 'start': it could not start; 'run': it failed during a run, which then
 * restarts from its first epoch on `next`; 'lost': its GPU device had been lost (WebGPU) and it was
 * started again: `next` 'webgpu' when a fresh device was had (re-initialised), else the backend
 * tried instead (WebGPU is then unavailable until reload). `next` is the backend tried next
 * (BACKEND_ORDER), or null when none is left and the call rejects.
 */
export interface BackendEvent {
  readonly type: 'backend';
  readonly phase: 'start' | 'run' | 'lost';
  readonly failed: BackendName;
  /** The failure's message. */
  readonly reason: string;
  readonly next: BackendName | null;
}

/**
 * The final test pass on all the run's test images, when it is separate from the last epoch's
 * (the live curve used a smaller subset): images done of `total`, sent as each batch finishes.
 */
export interface FinalTestProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * Events of one training run, in order: steps and epochs, backend fallbacks, the final test pass's
 * progress when there is one, then `done`.
 */
export type TrainEvent =
  | (TrainProgress & { readonly type: 'step' })
  | { readonly type: 'epoch'; readonly report: EpochReport }
  | (FinalTestProgress & { readonly type: 'final-test' })
  | BackendEvent
  | { readonly type: 'done'; readonly result: TrainResult };

export interface ThroughputRequest {
  readonly width: number;
  readonly batchSize: number;
  /** With `teacher`, each measured step includes the teacher's labelling pass (default hard). */
  readonly labels?: LabelMode;
  /**
   * Give up (ConfigError) once the measurement has run this long, ms, checked between steps; the
   * automatic backend choice bounds each candidate by it (design.md §8).
   */
  readonly deadlineMs?: number;
}

export interface Throughput {
  readonly backend: BackendName;
  /** Training samples per second at full batches (the steps of `batchSize`). */
  readonly samplesPerSec: number;
  readonly width: number;
  readonly batchSize: number;
  /** Timed training steps. */
  readonly measuredSteps: number;
  /** Evaluation (forward only, no augmentation) samples per second. */
  readonly evalSamplesPerSec?: number;
  /** The speed model every estimate is computed from (budget.ts). */
  readonly speed: SpeedModel;
  /** Most training samples the backend can hold at once, if the backend has a known limit. */
  readonly memoryLimitSamples?: number;
}

/** How one backend fared in the automatic choice (choose-backend.ts). */
export interface BackendProbe {
  readonly backend: BackendName;
  /**
   * measured: timed; software: a software GPU adapter (SwiftShader, llvmpipe), never chosen
   * automatically nor timed; unavailable: the platform lacks it; failed: it did not start or
   * measure; slow: it did not finish its measurement within the deadline; untimed: not worth
   * timing (cpu, where wasm runs).
   */
  readonly outcome: 'measured' | 'software' | 'unavailable' | 'failed' | 'slow' | 'untimed';
  /** Why, in words (the adapter's name, the error, the deadline). */
  readonly reason: string;
  /** Its measured speed (outcome 'measured'). */
  readonly throughput?: Throughput;
  /** Seconds the request's run would take on it (outcome 'measured'). */
  readonly estimatedSec?: number;
}

export interface BackendChoiceRequest extends ThroughputRequest {
  /** The backend the user chose; absent: the fastest measured one. */
  readonly forced?: BackendName;
  /** The run whose estimated time ranks the backends (its width and batch are the request's). */
  readonly run: Omit<RunShape, 'batchSize'>;
}

export interface BackendChoice {
  /** The backend now active. */
  readonly backend: BackendName;
  readonly forced: boolean;
  /** Its speed, when measured (not on a software adapter, nor when its measurement failed). */
  readonly throughput: Throughput | null;
  /** Every backend's outcome, in BACKEND_ORDER. */
  readonly probes: readonly BackendProbe[];
}

/** A bundle's files by relative path (manifest.json and payloads), held in memory. */
export type BundleFiles = ReadonlyMap<string, Uint8Array>;

/** A condensed set scored on the device: its view, and its bundle files to cache and reopen. */
export interface ImportedView {
  readonly view: BundleView;
  readonly files: BundleFiles;
}

export interface Engine {
  /** Load and validate the bundle at `baseUrl` (a folder URL or path), reporting byte progress. */
  loadBundle(baseUrl: string, options?: CallOptions<LoadEvent>): Promise<BundleView>;
  /** Load and validate a bundle from its files in memory (a cached imported set). */
  openBundleFiles(files: BundleFiles, options?: CallOptions<LoadEvent>): Promise<BundleView>;
  /**
   * Read a condensed set from another tool (import/), pair it with the loaded bundle's test set
   * (refused with an ImportError naming what does not match), score it on the active backend with
   * `progress` events, and make the result the loaded bundle. Exclusive like `train`.
   */
  scoreImported(
    request: ScoreImportRequest,
    options?: CallOptions<ScoreProgress>,
  ): Promise<ImportedView>;
  /** Sample indices kept for a request, ascending. */
  select(request: SelectRequest): Promise<Int32Array>;
  /**
   * Prune, train and evaluate. Events: `step` (throttled, inside an epoch), `epoch` (every
   * epoch), `backend` (a failing backend is replaced by the next one and the run restarts), then
   * `done`. Runs never overlap: a call waits for the previous run (or measurement) to settle.
   */
  train(request: TrainRequest, options?: CallOptions<TrainEvent>): Promise<TrainResult>;
  /** Measure training throughput of the real model on the active backend (design.md §8). */
  measureThroughput(request: ThroughputRequest, options?: CallOptions): Promise<Throughput>;
  /**
   * Start the backend a run should use and measure its speed on the loaded bundle: the forced
   * one, or (automatic) each available backend timed on a short warm-up of the real step, the
   * fastest for `run` kept; software GPU adapters are never timed nor chosen (design.md §8).
   */
  chooseBackend(request: BackendChoiceRequest, options?: CallOptions): Promise<BackendChoice>;
  /**
   * Start `preferred` (undefined: the best available); when it fails, the backends after it in
   * BACKEND_ORDER, one `backend` event per failure. Resolves to the backend now active.
   */
  setBackend(preferred?: BackendName, options?: CallOptions<BackendEvent>): Promise<BackendName>;
}
