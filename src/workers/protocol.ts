// The engine worker's API, derived from the Engine interface (src/engine/api.ts) by a mapped type,
// and both halves of a call's crossing: `serveEngine` (worker side) and `sendCall` (app side).
//
// Plain data crosses as is (structured clone). A call's options, `{ signal, onEvent }`, cannot
// (neither an AbortSignal nor a function clones), so they cross as a MessagePort of their own:
// - the worker posts the call's events on it, in order, then `end` before the call settles; the
//   app settles the call only after `end`, so every event arrives before the result;
// - the app posts `abort` on it when its signal fires, and the worker aborts the AbortController
//   whose signal the engine holds.
// That message is the one cancellation mechanism (no cancel ids, no SharedArrayBuffer flag). A
// shared flag would be seen no sooner: the engine checks its signal between training steps, and
// training yields to the event loop after every step (train.ts, `yieldEvery` 1), so the abort
// message is handled before the next step. Measured in Node on this project's (loaded) 2-core
// machine: a yield costs 0.08 ms; a training step of batch 64 on 28×28 images costs 243 ms at
// width 32 and 1.6 s at width 128 (`yoco bench`, wasm, 2 threads). workers.test.ts sees an abort
// take effect within one step of sending it.
import * as Comlink from 'comlink';
import type { CallOptions, Engine } from '../engine/api';
import { AbortedError } from '../engine/errors';
import { serializeError } from './errors';

/** A call's options on the wire. */
export interface WireOptions {
  readonly port: MessagePort;
  /** The caller's signal had fired before the call was sent. */
  readonly aborted: boolean;
  /** The caller listens to events (without, the worker posts only `end`). */
  readonly listens: boolean;
}

/** Messages on a call's port. */
export type PortMessage =
  | { readonly kind: 'event'; readonly event: unknown }
  | { readonly kind: 'end' }
  | { readonly kind: 'abort' };

type OnWire<T> = [T] extends [CallOptions<infer _E> | undefined] ? WireOptions | undefined : T;
type Wired<F> = F extends (...args: infer A) => infer R
  ? (...args: { [I in keyof A]: OnWire<A[I]> }) => R
  : never;

/**
 * What the worker exposes: every Engine call, its options on the wire, a liveness ping, and the
 * wasm backend's thread count (null unless wasm is active).
 */
export type WorkerApi = { readonly [K in keyof Engine]: Wired<Engine[K]> } & {
  ping(): { crossOriginIsolated: boolean };
  wasmThreads(): Promise<number | null>;
};

/** The argument each Engine call takes its options in, or null: it takes none. */
export const OPTIONS_ARG: { readonly [K in keyof Engine]: number | null } = {
  loadBundle: 1,
  openBundleFiles: 1,
  scoreImported: 1,
  select: null,
  train: 1,
  measureThroughput: 1,
  chooseBackend: 1,
  setBackend: 1,
};

export const ENGINE_CALLS = Object.keys(OPTIONS_ARG) as (keyof Engine)[];

type AnyCall = (...args: unknown[]) => Promise<unknown>;

/** Worker side: the options the engine sees for a call's wire options, and how to end the call. */
function acceptCall(wire: WireOptions): { options: CallOptions<unknown>; end: () => void } {
  const controller = new AbortController();
  const abort = (): void => controller.abort(new AbortedError());
  if (wire.aborted) abort();
  wire.port.onmessage = (e: MessageEvent<PortMessage>) => {
    if (e.data.kind === 'abort') abort();
  };
  const post = (m: PortMessage): void => wire.port.postMessage(m);
  return {
    options: {
      signal: controller.signal,
      ...(wire.listens ? { onEvent: (event: unknown) => post({ kind: 'event', event }) } : {}),
    },
    end: () => {
      post({ kind: 'end' });
      wire.port.close();
    },
  };
}

/** Worker side: `engine` as the worker's API (errors go back as plain records, errors.ts). */
export function serveEngine(
  engine: Engine,
  crossOriginIsolated: () => boolean,
  wasmThreads: () => Promise<number | null> = () => Promise.resolve(null),
): WorkerApi {
  const api: Record<string, unknown> = {
    ping: () => ({ crossOriginIsolated: crossOriginIsolated() }),
    wasmThreads,
  };
  for (const name of ENGINE_CALLS) {
    const at = OPTIONS_ARG[name];
    const run = (engine[name] as AnyCall).bind(engine);
    api[name] = async (...args: unknown[]) => {
      const call = at === null || !args[at] ? undefined : acceptCall(args[at] as WireOptions);
      if (at !== null) args[at] = call?.options;
      try {
        return await run(...args);
      } catch (e) {
        throw serializeError(e);
      } finally {
        call?.end();
      }
    };
  }
  return api as WorkerApi;
}

/** App side: an open call's wire options, a promise of its `end`, and `close` for when it settled. */
export interface SentCall {
  readonly wire: WireOptions;
  readonly ended: Promise<void>;
  close(): void;
}

/** App side: opens the port that carries `options` of one call. */
export function sendCall(options: CallOptions<unknown>): SentCall {
  const { port1, port2 } = new MessageChannel();
  const { signal, onEvent } = options;
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  port1.onmessage = (e: MessageEvent<PortMessage>) => {
    if (e.data.kind === 'event') onEvent?.(e.data.event);
    else if (e.data.kind === 'end') ended();
  };
  const onAbort = (): void => port1.postMessage({ kind: 'abort' } satisfies PortMessage);
  signal?.addEventListener('abort', onAbort, { once: true });
  const wire = { port: port2, aborted: signal?.aborted ?? false, listens: onEvent !== undefined };
  return {
    wire: Comlink.transfer(wire, [port2]),
    ended: end,
    close: () => {
      signal?.removeEventListener('abort', onAbort);
      port1.close();
      ended();
    },
  };
}
