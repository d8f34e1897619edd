// The app's handle on the engine worker: an Engine whose calls run in a Web Worker. AbortSignals
// become cancel ids plus shared flags; worker errors come back as the engine's typed errors; if the
// worker dies, every pending call rejects instead of hanging.
import * as Comlink from 'comlink';
import type { Engine, TrainProgress } from '../engine/api';
import { AbortedError, BackendError } from '../engine/errors';
import type { EpochReport } from '../engine/types';
import { createCancelFlag, raiseCancelFlag } from './cancel';
import { toError } from './errors';
import type { WorkerApi } from './protocol';

export interface WorkerEngine extends Engine {
  /** Whether the worker runs cross-origin isolated (needed for threaded wasm). */
  isolation(): Promise<boolean>;
  /** Stops the worker; pending calls reject. */
  terminate(): void;
}

export function createWorkerEngine(
  makeWorker: () => Worker = () =>
    new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'yoco-engine',
    }),
  /** How long a worker that reported an error has to answer a ping before it counts as dead. */
  pingTimeoutMs = 30_000,
): WorkerEngine {
  const worker = makeWorker();
  const api = Comlink.wrap<WorkerApi>(worker);
  const pending = new Set<(e: Error) => void>();
  let dead: Error | null = null;
  let nextCancelId = 1;

  const die = (e: Error): void => {
    if (dead) return;
    dead = e;
    for (const reject of pending) reject(e);
    pending.clear();
  };
  // An 'error' event does not always mean the worker stopped: errors of its own nested workers
  // (the wasm backend's threads) arrive here too. Ask it; only a worker that stays silent is dead.
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    const reason = ev.message || 'unknown error';
    console.warn(`engine worker reported an error: ${reason}`);
    let answered = false;
    void api.ping().then(
      () => {
        answered = true;
      },
      () => undefined,
    );
    setTimeout(() => {
      if (!answered) die(new BackendError('worker', `the engine worker stopped: ${reason}`));
    }, pingTimeoutMs);
  });
  worker.addEventListener('messageerror', () =>
    die(new BackendError('worker', 'a message from the engine worker could not be read')),
  );

  /** Runs a worker call; rejects with a typed error, or when the worker dies. */
  const call = <T>(run: () => Promise<T>): Promise<T> => {
    if (dead) return Promise.reject(dead);
    return new Promise<T>((resolve, reject) => {
      const onDeath = (e: Error): void => reject(e);
      pending.add(onDeath);
      run().then(
        (v) => {
          pending.delete(onDeath);
          resolve(v);
        },
        (e: unknown) => {
          pending.delete(onDeath);
          reject(toError(e));
        },
      );
    });
  };

  /** A cancellable call: the signal's abort cancels it in the worker. */
  const cancellable = <T>(
    signal: AbortSignal | undefined,
    run: (id: number, flag: Int32Array | null) => Promise<T>,
  ): Promise<T> => {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    const id = nextCancelId++;
    const flag = createCancelFlag();
    const onAbort = (): void => {
      raiseCancelFlag(flag);
      void api.cancel(id).catch(() => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    return call(() => run(id, flag)).finally(() => signal?.removeEventListener('abort', onAbort));
  };

  return {
    loadBundle: (baseUrl, onProgress) =>
      call(() => api.loadBundle(baseUrl, onProgress ? Comlink.proxy(onProgress) : undefined)),
    select: (request) => call(() => api.select(request)),
    train: (request, onEpoch, signal, onProgress) =>
      cancellable(signal, (id, flag) =>
        api.train(
          request,
          Comlink.proxy((r: EpochReport) => onEpoch(r)),
          id,
          flag,
          onProgress ? Comlink.proxy((p: TrainProgress) => onProgress(p)) : undefined,
        ),
      ),
    measureThroughput: (width, batchSize, signal) =>
      cancellable(signal, (id, flag) => api.measureThroughput(width, batchSize, id, flag)),
    setBackend: (preferred) => call(() => api.setBackend(preferred)),
    isolation: () => call(async () => (await api.ping()).crossOriginIsolated),
    terminate: () => {
      die(new AbortedError('the engine worker was stopped'));
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
