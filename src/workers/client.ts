// The app's handle on the engine worker: an Engine whose calls run in a Web Worker. Each call's
// options cross as a port of their own (protocol.ts: events out, abort in); worker errors come
// back as the engine's typed errors.
// A worker that dies never leaves a call pending: while calls are in flight it is pinged
// (liveness.ts), and one that stays silent, or reports an error and then stays silent, counts as
// dead. Its pending calls then reject with one clear message, and a fresh worker takes its place
// with the engine state reloaded (the backend in use and the loaded bundle), so the next call
// works. A worker that keeps dying is not restarted forever: after `maxRestarts` crashes in a row
// (no call answered in between) the engine stays stopped and says to reload the page.
import * as Comlink from 'comlink';
import type { BundleFiles, CallOptions, Engine, ImportedView } from '../engine/api';
import { AbortedError } from '../engine/errors';
import type { BackendName } from '../engine/types';
import { toError, WorkerCrashError } from './errors';
import { watchLiveness, type Liveness } from './liveness';
import { ENGINE_CALLS, OPTIONS_ARG, sendCall, type WorkerApi } from './protocol';

export interface WorkerEngine extends Engine {
  /** Whether the worker runs cross-origin isolated (needed for threaded wasm). */
  isolation(): Promise<boolean>;
  /** Threads the wasm backend computes with, or null when another backend is active. */
  wasmThreads(): Promise<number | null>;
  /** Stops the worker; pending calls reject. */
  terminate(): void;
}

export interface WorkerEngineOptions {
  /** How often a worker with calls in flight is pinged, ms (default 5 s). */
  readonly heartbeatMs?: number;
  /**
   * Silence after which the worker counts as dead, ms (default 90 s: far longer than any one
   * step of synchronous work between two yields of the engine).
   */
  readonly deadAfterMs?: number;
  /** Crashes in a row after which no new worker is started (default 3). */
  readonly maxRestarts?: number;
  /** Told once per crash, with the message its pending calls rejected with. */
  readonly onCrash?: (message: string) => void;
}

/** A loaded bundle as a fresh worker reloads it: its URL, or its files held in memory. */
type Bundle = string | BundleFiles | null;

const defaultWorker = (): Worker =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'yoco-engine',
  });

/** One worker and what is in flight on it. */
interface Live {
  readonly worker: Worker;
  readonly remote: Comlink.Remote<WorkerApi>;
  readonly pending: Set<(e: Error) => void>;
  readonly liveness: Liveness;
}

type Send = (...args: unknown[]) => Promise<unknown>;

export function createWorkerEngine(
  makeWorker: () => Worker = defaultWorker,
  options: WorkerEngineOptions = {},
): WorkerEngine {
  const { heartbeatMs = 5_000, deadAfterMs = 90_000, maxRestarts = 3, onCrash } = options;
  /**
   * The engine state a fresh worker is given back: the backend in use, the loaded bundle (its URL,
   * or its files when it was opened or scored in memory).
   */
  const state: { backend: BackendName | null; bundle: Bundle } = {
    backend: null,
    bundle: null,
  };
  let loads = 0;
  let stopped: Error | null = null;
  let crashes = 0;
  let ready: Promise<void> = Promise.resolve();

  const open = (): Live => {
    const worker = makeWorker();
    const remote = Comlink.wrap<WorkerApi>(worker);
    const pending = new Set<(e: Error) => void>();
    const silent = (ms: number): void =>
      crash(live, `it gave no sign of life for ${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`);
    const live: Live = {
      worker,
      remote,
      pending,
      liveness: watchLiveness(() => remote.ping(), silent, { heartbeatMs, deadAfterMs }),
    };
    worker.addEventListener('message', () => live.liveness.heard());
    // An 'error' event does not always mean the worker stopped: errors of its own nested workers
    // (the wasm backend's threads) arrive here too. Watch it; only a worker that stays silent is
    // dead.
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      console.warn(`engine worker reported an error: ${ev.message || 'unknown error'}`);
      live.liveness.suspect();
    });
    worker.addEventListener('messageerror', () =>
      crash(live, 'a message from it could not be read'),
    );
    return live;
  };

  /** Runs `run` on worker `l`, settling when it answers or dies. */
  const send = <T>(l: Live, run: (l: Live) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onDeath = (e: Error): void => reject(e);
      l.pending.add(onDeath);
      l.liveness.begin();
      const settle = (): void => {
        l.pending.delete(onDeath);
        l.liveness.end();
        l.liveness.heard();
      };
      run(l).then(
        (v) => {
          settle();
          crashes = 0;
          resolve(v);
        },
        (e: unknown) => {
          settle();
          reject(toError(e));
        },
      );
    });

  /** Gives a fresh worker the engine state its predecessor had. */
  const restore = async (l: Live): Promise<void> => {
    const { backend, bundle } = state;
    try {
      if (backend) await send(l, (w) => w.remote.setBackend(backend));
      if (typeof bundle === 'string') await send(l, (w) => w.remote.loadBundle(bundle));
      else if (bundle) await send(l, (w) => w.remote.openBundleFiles(bundle));
    } catch (e) {
      // The next call that needs it says what is missing (no backend, no bundle loaded).
      console.warn(`the restarted engine worker could not restore its state: ${String(e)}`);
    }
  };

  let live = open();

  function crash(dead: Live, reason: string): void {
    if (dead !== live || stopped) return;
    dead.liveness.dispose();
    dead.worker.terminate();
    crashes++;
    const giveUp = crashes > maxRestarts;
    const error = new WorkerCrashError(
      giveUp
        ? `The engine worker stopped again (${reason}). Reload the page to continue.`
        : `The engine worker stopped (${reason}). It was restarted with the dataset reloaded; try again.`,
    );
    for (const reject of dead.pending) reject(error);
    dead.pending.clear();
    if (giveUp) stopped = error;
    else {
      live = open();
      ready = restore(live);
    }
    onCrash?.(error.message);
  }

  /** Runs a call on the current worker once it is ready. */
  const call = async <T>(run: (l: Live) => Promise<T>): Promise<T> => {
    await ready;
    if (stopped) throw stopped;
    return send(live, run);
  };

  /** Engine call `name` through the worker: its options, if any, cross on a port of their own. */
  const forward = (name: keyof Engine) => {
    const at = OPTIONS_ARG[name];
    return (...args: unknown[]): Promise<unknown> => {
      const options = at === null ? undefined : (args[at] as CallOptions<unknown> | undefined);
      if (at === null || !options) return call((l) => (l.remote[name] as unknown as Send)(...args));
      if (options.signal?.aborted) return Promise.reject(new AbortedError());
      return call(async (l) => {
        const { onEvent } = options;
        const heard = onEvent
          ? {
              onEvent: (e: unknown) => {
                l.liveness.heard();
                onEvent(e);
              },
            }
          : {};
        const sent = sendCall({ ...options, ...heard });
        const wired = [...args];
        wired[at] = sent.wire;
        try {
          const value = await (l.remote[name] as unknown as Send)(...wired);
          // Settle only after the worker's `end`: every event is delivered before the result.
          await sent.ended;
          return value;
        } catch (e) {
          await sent.ended;
          throw e;
        } finally {
          sent.close();
        }
      });
    };
  };

  const calls = Object.fromEntries(ENGINE_CALLS.map((name) => [name, forward(name)])) as {
    [K in keyof Engine]: (...args: unknown[]) => Promise<unknown>;
  };
  /**
   * A call that replaces the engine's bundle (the engine drops its bundle when it starts): what
   * it loaded, `source`, is what a fresh worker reloads, unless a newer load started meanwhile.
   */
  const loading = async <T>(run: Promise<unknown>, source: (value: T) => Bundle): Promise<T> => {
    const load = ++loads;
    state.bundle = null;
    const value = (await run) as T;
    if (load === loads) state.bundle = source(value);
    return value;
  };

  const engine: Engine = {
    loadBundle: (baseUrl, opts) => loading(calls.loadBundle(baseUrl, opts), () => baseUrl),
    openBundleFiles: (files, opts) => loading(calls.openBundleFiles(files, opts), () => files),
    // Each file is a Blob (a picked File): structured clone passes it by reference, and the
    // worker reads the ranges it needs, so no byte is read or copied on this thread.
    scoreImported: (request, opts) =>
      loading(calls.scoreImported(request, opts), (made: ImportedView) => made.files),
    select: (request) => calls.select(request) as ReturnType<Engine['select']>,
    async train(request, opts) {
      const result = (await calls.train(request, opts)) as Awaited<ReturnType<Engine['train']>>;
      state.backend = result.backend;
      return result;
    },
    measureThroughput: (request, opts) =>
      calls.measureThroughput(request, opts) as ReturnType<Engine['measureThroughput']>,
    async setBackend(preferred, opts) {
      const active = (await calls.setBackend(preferred, opts)) as BackendName;
      state.backend = active;
      return active;
    },
  };
  return {
    ...engine,
    isolation: () => call(async (l) => (await l.remote.ping()).crossOriginIsolated),
    wasmThreads: () => call((l) => l.remote.wasmThreads()),
    terminate: () => {
      if (stopped) return;
      stopped = new AbortedError('the engine worker was stopped');
      for (const reject of live.pending) reject(stopped);
      live.pending.clear();
      live.liveness.dispose();
      live.remote[Comlink.releaseProxy]();
      live.worker.terminate();
    },
  };
}
