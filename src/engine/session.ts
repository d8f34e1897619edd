// The in-thread Engine (api.ts): loads and validates a bundle, selects samples, and prunes, trains
// and evaluates on the active tfjs backend (run.ts). It is the one orchestrator: the app runs it
// inside a Web Worker (src/workers/), the CLI (yoco train, table, select, diagnose) runs it in
// Node with bundle folders read from disk (tools/lib/session-node.ts), and tests use it directly,
// so a run gives the same numbers everywhere for the same settings.
// Runs and throughput measurements never overlap: each waits for the previous one to settle, and
// a cancelled call rejects with AbortedError. A run reports through one event channel: `step`
// (throttled once, in run.ts), `epoch`, `backend` and `done`. When the backend fails during a
// run, the next one in BACKEND_ORDER takes over and the run restarts from its first epoch; a
// backend that fails to start is replaced the same way (tf/fallback.ts). Which backend a run
// uses is chosen by measurement (choose-backend.ts).
// WebGPU whose device was lost (tf/device-loss.ts) is started afresh when next used, and a
// `backend` event says so ('lost').
// Bundle loads may overlap: the latest request wins, and a run's result is never given for a run
// whose signal fired (even after its last evaluation).
import type {
  BackendChoice,
  BackendChoiceRequest,
  BackendEvent,
  BundleView,
  CallOptions,
  BundleFiles,
  Engine,
  ImportedView,
  LoadEvent,
  SelectRequest,
  Throughput,
  ThroughputRequest,
  TrainEvent,
  TrainRequest,
  TrainResult,
} from './api';
import { fetchBundleFile } from './bundle/fetch';
import { getFileFromMap, readBundle, type GetFile, type LoadedBundle } from './bundle/read';
import { scoreImported, type ScoreImportRequest } from './import/score-imported';
import type { ScoreProgress } from './scores/score-set';
import {
  AbortedError,
  ConfigError,
  errorMessage,
  isBackendFailure,
  throwIfAborted,
} from './errors';
import { chooseBackend } from './choose-backend';
import { measureOnBundle, MeasureDeadlineError, selectFromBundle, trainOnBundle } from './run';
import { activeBackend, availableBackends, initBackend, type BackendOptions } from './tf/backends';
import { nextBackend, startFrom } from './tf/fallback';
import { webGpuLoss, webGpuLossWithin } from './tf/device-loss';
import { softwareReason } from './tf/software-adapters';
import type { BackendName } from './types';

export interface SessionOptions {
  /** Backend start-up options (wasm binary URLs, threads, Node shims). */
  readonly backend?: BackendOptions;
  /**
   * File source for a bundle folder (default: HTTP fetch of `<baseUrl>/<path>`, cancelled by the
   * load's signal).
   */
  readonly getFile?: (baseUrl: string, signal?: AbortSignal) => GetFile;
  /** Least time between two `step` events of a run, ms (default 250). */
  readonly progressIntervalMs?: number;
  /** Yield to the event loop every this many training steps (default 1: a cancel is seen at once). */
  readonly yieldEvery?: number;
}

export interface Session extends Engine {
  /** The loaded bundle with its test set, or null. */
  loaded(): LoadedBundle | null;
  /** The active backend (null before one started). */
  backend(): BackendName | null;
}

type Emit<E> = (event: E) => void;
/** How long a failed WebGPU run waits to learn whether its device was lost, ms. */
const LOSS_WAIT_MS = 250;
const ignore = (): void => undefined;

/**
 * `backend` events for backends that fail to start; WebGPU failing to start again after its device
 * was lost (`loss`) is reported as that loss ('lost', next: the backend tried instead).
 */
const startFailures =
  (emit: Emit<BackendEvent>, loss: string | null = null) =>
  (failed: BackendName, e: unknown, next: BackendName | null): void =>
    emit(
      loss !== null && failed === 'webgpu'
        ? { type: 'backend', phase: 'lost', failed, reason: loss, next }
        : { type: 'backend', phase: 'start', failed, reason: errorMessage(e), next },
    );

/** What the UI gets of a loaded bundle. */
function viewOf(loaded: LoadedBundle): BundleView {
  const { ipc, factor } = loaded.manifest;
  return {
    manifest: loaded.manifest,
    images: loaded.images,
    labels: loaded.labels,
    scores: loaded.scores,
    samplesPerClass: ipc * factor * factor,
    testCount: loaded.testLabels.length,
  };
}

export function createSession(opts: SessionOptions = {}): Session {
  const getFileFor =
    opts.getFile ??
    ((baseUrl: string, signal?: AbortSignal) => fetchBundleFile(baseUrl, signal ? { signal } : {}));
  const progressIntervalMs = opts.progressIntervalMs ?? 250;
  const yieldEvery = opts.yieldEvery ?? 1;
  const backendOptions = opts.backend ?? {};
  let bundle: LoadedBundle | null = null;
  /** Bundle loads started: only the latest may become `bundle`. */
  let loads = 0;
  let tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after every earlier exclusive job has settled. */
  const exclusive = <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };

  const need = (): LoadedBundle => {
    if (!bundle) throw new ConfigError('no bundle is loaded: call loadBundle first');
    return bundle;
  };

  const currentBackend = (): BackendName | null => {
    try {
      return activeBackend();
    } catch {
      return null; // tfjs throws when no backend was ever started
    }
  };

  /**
   * Starts `preferred` (undefined: the best available), falling back in order. When WebGPU's
   * device had been lost and WebGPU starts afresh, says so ('lost', next: 'webgpu').
   */
  const startBackend = async (
    preferred: BackendName | undefined,
    emit: Emit<BackendEvent>,
  ): Promise<BackendName> => {
    const loss = webGpuLoss();
    const active =
      preferred === undefined
        ? await initBackend(undefined, backendOptions)
        : await startFrom(preferred, backendOptions, startFailures(emit, loss));
    if (loss !== null && active === 'webgpu')
      emit({ type: 'backend', phase: 'lost', failed: 'webgpu', reason: loss, next: 'webgpu' });
    return active;
  };

  /** The active backend, started if none is; WebGPU that lost its device is started afresh. */
  const ensureBackend = async (emit: Emit<BackendEvent>): Promise<BackendName> => {
    const active = currentBackend();
    if (active === 'webgpu' && webGpuLoss() !== null) return startBackend('webgpu', emit);
    return active ?? initBackend(undefined, backendOptions);
  };

  /**
   * After the active backend failed during a run: reports it, then starts the next ones in order.
   * Rethrows `error` when none is left.
   */
  const replaceFailedBackend = async (error: unknown, emit: Emit<TrainEvent>): Promise<void> => {
    const failed = currentBackend();
    if (!failed) throw error;
    const next = nextBackend(failed);
    const loss = failed === 'webgpu' ? await webGpuLossWithin(LOSS_WAIT_MS) : null;
    const reason = loss === null ? errorMessage(error) : `the GPU device was lost: ${loss}`;
    emit({ type: 'backend', phase: 'run', failed, reason, next });
    if (!next) throw error;
    await startFrom(next, backendOptions, startFailures(emit));
  };

  /** Loads a bundle from `getFile`; the latest load wins. */
  const load = async (getFile: GetFile, options: CallOptions<LoadEvent>): Promise<BundleView> => {
    const id = ++loads;
    bundle = null;
    const { signal, onEvent } = options;
    const latest = (): boolean => id === loads;
    const loaded = await readBundle(getFile, {
      ...(signal ? { signal } : {}),
      ...(onEvent
        ? {
            onProgress: (p) => {
              if (latest()) onEvent({ type: 'progress', ...p });
            },
          }
        : {}),
    });
    // The latest request wins: a load overtaken by a newer one (which may finish first) or
    // cancelled while validating never becomes the session's bundle.
    if (!latest()) throw new AbortedError('a newer bundle load replaced this one');
    throwIfAborted(signal);
    bundle = loaded;
    return viewOf(loaded);
  };

  return {
    loaded: () => bundle,
    backend: () => currentBackend(),

    loadBundle: (baseUrl: string, options: CallOptions<LoadEvent> = {}): Promise<BundleView> =>
      load(getFileFor(baseUrl, options.signal), options),

    openBundleFiles: (
      files: BundleFiles,
      options: CallOptions<LoadEvent> = {},
    ): Promise<BundleView> => load(getFileFromMap(files), options),

    scoreImported(
      request: ScoreImportRequest,
      options: CallOptions<ScoreProgress> = {},
    ): Promise<ImportedView> {
      const { signal, onEvent } = options;
      return exclusive(async () => {
        throwIfAborted(signal);
        const paired = need();
        await ensureBackend(ignore);
        const made = await scoreImported(request, paired, {
          ...(signal ? { signal } : {}),
          ...(onEvent ? { onEvent } : {}),
        });
        throwIfAborted(signal);
        const view = await load(getFileFromMap(made.files), {});
        return { view, files: made.files };
      });
    },

    async select(request: SelectRequest): Promise<Int32Array> {
      return selectFromBundle(need(), request);
    },

    train(request: TrainRequest, options: CallOptions<TrainEvent> = {}): Promise<TrainResult> {
      const { signal } = options;
      const emit = options.onEvent ?? ignore;
      const hooks = { ...(signal ? { signal } : {}), emit, yieldEvery, progressIntervalMs };
      return exclusive(async () => {
        const b = need();
        for (;;) {
          throwIfAborted(signal);
          try {
            await ensureBackend(emit);
            const run = await trainOnBundle(b, request, hooks);
            throwIfAborted(signal); // aborted after the last evaluation: not a finished run
            const result: TrainResult = { ...run, backend: currentBackend() ?? 'cpu' };
            emit({ type: 'done', result });
            return result;
          } catch (e) {
            if (signal?.aborted || !isBackendFailure(e)) throw e;
            await replaceFailedBackend(e, emit);
          }
        }
      });
    },

    measureThroughput(request: ThroughputRequest, options: CallOptions = {}): Promise<Throughput> {
      const { signal } = options;
      return exclusive(async () => {
        throwIfAborted(signal);
        const b = need();
        const backend = await ensureBackend(ignore);
        return { backend, ...(await measureOnBundle(b, request, signal, yieldEvery)) };
      });
    },

    chooseBackend(
      request: BackendChoiceRequest,
      options: CallOptions = {},
    ): Promise<BackendChoice> {
      const { signal } = options;
      return exclusive(async () => {
        const b = need();
        return chooseBackend(
          request,
          {
            available: availableBackends,
            software: softwareReason,
            start: async (name) => void (await initBackend(name, backendOptions)),
            startDefault: () => initBackend(undefined, backendOptions),
            measure: (r) => measureOnBundle(b, r, signal, yieldEvery),
            isDeadline: (e) => e instanceof MeasureDeadlineError,
          },
          signal,
        );
      });
    },

    setBackend(
      preferred?: BackendName,
      options: CallOptions<BackendEvent> = {},
    ): Promise<BackendName> {
      const emit = options.onEvent ?? ignore;
      return exclusive(() => startBackend(preferred, emit));
    },
  };
}
