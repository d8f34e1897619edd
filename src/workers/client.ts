// The app's handle on the engine worker: an Engine whose calls run in a Web Worker. Each call's
// options cross as a port of their own (protocol.ts: events out, abort in); worker errors come
// back as the engine's typed errors; if the worker dies, every pending call rejects instead of
// hanging.
import * as Comlink from 'comlink';
import type { CallOptions, Engine } from '../engine/api';
import { AbortedError, BackendError } from '../engine/errors';
import { toError } from './errors';
import { ENGINE_CALLS, OPTIONS_ARG, sendCall, type WorkerApi } from './protocol';

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
  const remote = Comlink.wrap<WorkerApi>(worker);
  const pending = new Set<(e: Error) => void>();
  let dead: Error | null = null;

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
    void remote.ping().then(
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

  /** Engine call `name` through the worker: its options, if any, cross on a port of their own. */
  const forward = (name: keyof Engine) => {
    const at = OPTIONS_ARG[name];
    const send = remote[name] as unknown as (...args: unknown[]) => Promise<unknown>;
    return (...args: unknown[]): Promise<unknown> => {
      const options = at === null ? undefined : (args[at] as CallOptions<unknown> | undefined);
      if (at === null || !options) return call(() => send(...args));
      if (options.signal?.aborted) return Promise.reject(new AbortedError());
      const sent = sendCall(options);
      const wired = [...args];
      wired[at] = sent.wire;
      // Settle only after the worker's `end`: every event is delivered before the result.
      const settled = (): Promise<unknown> =>
        send(...wired).then(
          async (v: unknown) => {
            await sent.ended;
            return v;
          },
          async (e: unknown) => {
            await sent.ended;
            throw e;
          },
        );
      return call(settled).finally(sent.close);
    };
  };

  const engine = Object.fromEntries(ENGINE_CALLS.map((name) => [name, forward(name)]));
  return {
    ...(engine as unknown as Engine),
    isolation: () => call(async () => (await remote.ping()).crossOriginIsolated),
    terminate: () => {
      die(new AbortedError('the engine worker was stopped'));
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
