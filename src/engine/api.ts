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
} from './types';

export interface LoadProgress {
  readonly file: string;
  readonly loadedBytes: number;
  readonly totalBytes: number;
}

/** What the UI needs to show a loaded bundle (stored images stay as uint8 for the gallery). */
export interface BundleView {
  readonly manifest: Manifest;
  /** Stored condensed images, uint8 NHWC, class-major. */
  readonly images: Uint8Array;
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
  /** Evaluate on this many test images (default: all). */
  readonly testLimit?: number;
}

export interface TrainResult {
  readonly indices: Int32Array;
  readonly testAccuracy: number;
  readonly epochs: readonly EpochReport[];
  readonly backend: BackendName;
  readonly elapsedMs: number;
}

export interface Throughput {
  readonly backend: BackendName;
  readonly samplesPerSec: number;
  readonly width: number;
  readonly batchSize: number;
  readonly measuredSteps: number;
}

export interface Engine {
  /** Load and validate the bundle at `baseUrl` (a folder URL or path). */
  loadBundle(baseUrl: string, onProgress?: (p: LoadProgress) => void): Promise<BundleView>;
  /** Sample indices kept for a request, ascending. */
  select(request: SelectRequest): Promise<Int32Array>;
  /** Prune, train and evaluate; reports every epoch. Rejects with AbortedError when cancelled. */
  train(request: TrainRequest, onEpoch: (report: EpochReport) => void, signal?: AbortSignal): Promise<TrainResult>;
  /** Measure training throughput of the real model on the active backend (SPEC §8). */
  measureThroughput(width: number, batchSize: number, signal?: AbortSignal): Promise<Throughput>;
  /** Switch backend (undefined: best available); resolves to the one now active. */
  setBackend(preferred?: BackendName): Promise<BackendName>;
}
