// One engine worker as the client (client.ts) holds it: the Worker, its comlink proxy, the calls in
// flight on it, and its liveness watch (liveness.ts), which reports it dead when it stays silent;
// and how a call with options is made on it (its options on a port of their own, protocol.ts).
import * as Comlink from 'comlink';
import type { CallOptions, Engine } from '../engine/api';
import { watchLiveness, type Liveness, type LivenessOptions } from './liveness';
import { sendCall, type WorkerApi } from './protocol';

/** A call in flight on a worker. */
export interface Pending {
  readonly fail: (e: Error) => void;
  /** Sends it again, to the worker that replaced this one. */
  readonly resend: () => void;
  readonly signal: AbortSignal | undefined;
}

/** One worker and what is in flight on it. */
export interface Live {
  readonly worker: Worker;
  readonly remote: Comlink.Remote<WorkerApi>;
  readonly pending: Set<Pending>;
  readonly liveness: Liveness;
}

/** Starts a worker; `dead` is told, with why, when it stops answering or sends an unreadable message. */
export function openLive(
  makeWorker: () => Worker,
  dead: (live: Live, reason: string) => void,
  timing: Pick<LivenessOptions, 'heartbeatMs' | 'deadAfterMs'>,
): Live {
  const worker = makeWorker();
  const remote = Comlink.wrap<WorkerApi>(worker);
  const silent = (ms: number): void =>
    dead(live, `it gave no sign of life for ${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`);
  const live: Live = {
    worker,
    remote,
    pending: new Set<Pending>(),
    liveness: watchLiveness(() => remote.ping(), silent, timing),
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
  worker.addEventListener('messageerror', () => dead(live, 'a message from it could not be read'));
  return live;
}

type Send = (...args: unknown[]) => Promise<unknown>;

/**
 * Engine call `name` on worker `l` with `options` (argument `at`) crossing as a port: every event
 * is delivered, and counts as a sign of life, before the call settles.
 */
export async function callWithOptions(
  l: Live,
  name: keyof Engine,
  args: readonly unknown[],
  at: number,
  options: CallOptions<unknown>,
): Promise<unknown> {
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
}
