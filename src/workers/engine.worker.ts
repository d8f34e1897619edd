// The engine's Web Worker: runs the in-thread engine (session.ts) off the main thread and exposes it
// through comlink. Errors go back as plain records (see errors.ts); long calls are cancellable.
import * as Comlink from 'comlink';
import { createSession } from '../engine/session';
import { CancelRegistry } from './cancel';
import { serializeError } from './errors';
import type { WorkerApi } from './protocol';
import { WASM_PATHS } from './wasmPaths';

const engine = createSession({ backend: { wasmPaths: WASM_PATHS } });
const cancels = new CancelRegistry();

async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw serializeError(e);
  }
}

function release(callback: unknown): void {
  const releasable = callback as { [Comlink.releaseProxy]?: () => void } | undefined;
  releasable?.[Comlink.releaseProxy]?.();
}

const api: WorkerApi = {
  loadBundle: (baseUrl, onProgress) =>
    guard(async () => {
      try {
        return await engine.loadBundle(baseUrl, onProgress ? (p) => void onProgress(p) : undefined);
      } finally {
        release(onProgress);
      }
    }),
  select: (request) => guard(() => engine.select(request)),
  train: (request, onEpoch, cancelId, cancelFlag, onProgress) => {
    const signal = cancels.open(cancelId, cancelFlag);
    return guard(async () => {
      try {
        return await engine.train(
          request,
          (r) => void onEpoch(r),
          signal,
          onProgress ? (p) => void onProgress(p) : undefined,
        );
      } finally {
        cancels.close(cancelId);
        release(onEpoch);
        release(onProgress);
      }
    });
  },
  measureThroughput: (width, batchSize, cancelId, cancelFlag) => {
    const signal = cancels.open(cancelId, cancelFlag);
    return guard(async () => {
      try {
        return await engine.measureThroughput(width, batchSize, signal);
      } finally {
        cancels.close(cancelId);
      }
    });
  },
  setBackend: (preferred) => guard(() => engine.setBackend(preferred)),
  cancel: (cancelId) => {
    cancels.cancel(cancelId);
  },
  ping: () => ({ crossOriginIsolated: self.crossOriginIsolated }),
};

Comlink.expose(api);
