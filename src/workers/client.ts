// The app's handle on the engine worker: an Engine whose calls run in a Web Worker. Each call's
// options cross as a port of their own (protocol.ts: events out, abort in); worker errors come
// back as the engine's typed errors.
// A worker that dies never leaves a call pending: while calls are in flight it is pinged
// (liveness.ts), and one that stays silent, or reports an error and then stays silent, counts as
// dead. Its pending calls then reject with one clear message, and a fresh worker takes its place
// with the engine state reloaded (the backend in use and the loaded bundle), so the next call
// works. A worker that keeps dying is not restarted forever: after `maxRestarts` crashes in a row
// (no call answered in between) the engine stays stopped and says to reload the page.
// A cancelled call ends within `abortGraceMs` even when the worker cannot see the cancel (a WebGPU
// step on a software adapter can last minutes without yielding): the worker is terminated and
// replaced the same way, as squoosh aborts its codecs, but silently and without counting as a
// crash. The cancelled call rejects with AbortedError; the other calls it had are sent again to the
// fresh worker once its state is restored.
import * as Comlink from 'comlink';
import type { BundleFiles, CallOptions, Engine, ImportedView } from '../engine/api';
import { AbortedError } from '../engine/errors';
import type { BackendName } from '../engine/types';
import { toError, WorkerCrashError } from './errors';
import { callWithOptions, openLive, type Live, type Pending } from './live';
import { ENGINE_CALLS, OPTIONS_ARG } from './protocol';

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
  /**
   * How long a cancelled call may take to end before its worker is replaced, ms (default 500:
   * the app shows Stop at once, and the compute ends within a second).
   */
  readonly abortGraceMs?: number;
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

type Send = (...args: unknown[]) => Promise<unknown>;

/** Calls that need no backend. */
const BACKEND_FREE: ReadonlySet<keyof Engine> = new Set([
  'select',
  'loadBundle',
  'openBundleFiles',
]);

export function createWorkerEngine(
  makeWorker: () => Worker = defaultWorker,
  options: WorkerEngineOptions = {},
): WorkerEngine {
  const { heartbeatMs = 5_000, deadAfterMs = 90_000, maxRestarts = 3, onCrash } = options;
  const abortGraceMs = options.abortGraceMs ?? 500;
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
  /** The backend a recycled worker gets back before its first call that needs one. */
  let lazyBackend: BackendName | null = null;

  const open = (): Live =>
    openLive(makeWorker, (l, reason) => crash(l, reason), { heartbeatMs, deadAfterMs });

  /**
   * Runs `run` on worker `l`, settling when it answers or dies; when the worker is replaced
   * (recycle), the call is sent again to the new one unless `signal` cancelled it.
   */
  const send = <T>(l: Live, run: (l: Live) => Promise<T>, signal?: AbortSignal): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let over = false;
      const entry: Pending = {
        fail: (e) => {
          over = true;
          reject(e);
        },
        resend: () => {
          over = true;
          call(run, signal).then(resolve, reject);
        },
        signal,
      };
      l.pending.add(entry);
      l.liveness.begin();
      const settle = (): boolean => {
        l.pending.delete(entry);
        l.liveness.end();
        l.liveness.heard();
        return !over; // a late answer from a replaced worker is not the call's
      };
      run(l).then(
        (v) => {
          if (!settle()) return;
          crashes = 0;
          resolve(v);
        },
        (e: unknown) => {
          if (settle()) reject(toError(e));
        },
      );
    });

  /**
   * Gives a fresh worker the engine state its predecessor had; after a recycle the backend only
   * when a call needs one (`backendFirst`): a GPU still finishing the replaced worker's work (a
   * software adapter's, for seconds) would hold up every call, even a switch to wasm.
   */
  const restore = async (l: Live, lazy = false): Promise<void> => {
    const { backend, bundle } = state;
    try {
      if (backend && lazy) lazyBackend = backend;
      else if (backend) await send(l, (w) => w.remote.setBackend(backend));
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
    for (const p of dead.pending) p.fail(error);
    dead.pending.clear();
    if (giveUp) stopped = error;
    else {
      live = open();
      ready = restore(live);
    }
    onCrash?.(error.message);
  }

  /**
   * Replaces worker `dead`, busy with a cancelled call it has not ended: not a crash (no notice,
   * not counted). Cancelled calls reject; the others go to the fresh worker once it is restored.
   */
  function recycle(dead: Live): void {
    if (dead !== live || stopped) return;
    dead.liveness.dispose();
    dead.worker.terminate();
    live = open();
    ready = restore(live, true);
    const calls = [...dead.pending];
    dead.pending.clear();
    for (const p of calls) {
      if (p.signal?.aborted) p.fail(new AbortedError('stopped: the engine worker was replaced'));
      else p.resend();
    }
  }

  /** Replaces worker `l` when `signal` fires and the call has not ended `abortGraceMs` later. */
  const endWhenCancelled = (l: Live, signal: AbortSignal | undefined): (() => void) => {
    if (!signal) return () => undefined;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onAbort = (): void => {
      timer = setTimeout(() => recycle(l), abortGraceMs);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    return () => {
      signal.removeEventListener('abort', onAbort);
      if (timer !== null) clearTimeout(timer);
    };
  };

  /** Runs a call on the current worker once it is ready. */
  const call = async <T>(run: (l: Live) => Promise<T>, signal?: AbortSignal): Promise<T> => {
    await ready;
    if (stopped) throw stopped;
    return send(live, run, signal);
  };

  /** Restores a recycled worker's backend before a call that needs it; one that sets it needs none. */
  const backendFirst = async (name: keyof Engine): Promise<void> => {
    await ready;
    if (name === 'setBackend' || name === 'chooseBackend') lazyBackend = null;
    if (lazyBackend === null || BACKEND_FREE.has(name)) return;
    const backend = lazyBackend;
    lazyBackend = null;
    await call((l) => l.remote.setBackend(backend)).catch(() => undefined);
  };

  /** Engine call `name` through the worker: its options, if any, cross on a port of their own. */
  const forward = (name: keyof Engine) => {
    const at = OPTIONS_ARG[name];
    return async (...args: unknown[]): Promise<unknown> => {
      await backendFirst(name);
      const options = at === null ? undefined : (args[at] as CallOptions<unknown> | undefined);
      if (at === null || !options) return call((l) => (l.remote[name] as unknown as Send)(...args));
      if (options.signal?.aborted) throw new AbortedError();
      return call(async (l) => {
        const done = endWhenCancelled(l, options.signal);
        try {
          return await callWithOptions(l, name, args, at, options);
        } finally {
          done();
        }
      }, options.signal);
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
    async chooseBackend(request, opts) {
      const choice = (await calls.chooseBackend(request, opts)) as Awaited<
        ReturnType<Engine['chooseBackend']>
      >;
      state.backend = choice.backend;
      return choice;
    },
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
      for (const p of live.pending) p.fail(stopped);
      live.pending.clear();
      live.liveness.dispose();
      live.remote[Comlink.releaseProxy]();
      live.worker.terminate();
    },
  };
}
