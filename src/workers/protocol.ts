// The API the engine worker exposes through comlink: the Engine's calls with cancel ids and shared
// cancel flags in place of AbortSignals (comlink cannot transfer those).
import type {
  BundleView,
  LoadProgress,
  SelectRequest,
  Throughput,
  TrainProgress,
  TrainRequest,
  TrainResult,
} from '../engine/api';
import type { BackendName, EpochReport } from '../engine/types';

export interface WorkerApi {
  loadBundle(baseUrl: string, onProgress?: (p: LoadProgress) => void): Promise<BundleView>;
  select(request: SelectRequest): Promise<Int32Array>;
  train(
    request: TrainRequest,
    onEpoch: (report: EpochReport) => void,
    cancelId: number,
    cancelFlag: Int32Array | null,
    onProgress?: (p: TrainProgress) => void,
  ): Promise<TrainResult>;
  measureThroughput(
    width: number,
    batchSize: number,
    cancelId: number,
    cancelFlag: Int32Array | null,
  ): Promise<Throughput>;
  setBackend(preferred?: BackendName): Promise<BackendName>;
  /** Cancels the call opened with `cancelId` (no-op when it has finished). */
  cancel(cancelId: number): void;
  /** Liveness and isolation check: whether the worker is cross-origin isolated. */
  ping(): { crossOriginIsolated: boolean };
}
