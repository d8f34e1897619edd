// Liveness of the engine worker. A worker can stop without an 'error' event (killed, closed, or
// a crashed thread), and a call sent to it would then wait forever. While calls are in flight, or
// after the worker reported an error, this pings it every `heartbeatMs`; any sign of life (an
// answer, an event of a call, a ping's reply) counts. Silent for `deadAfterMs`: it is dead.
// The engine answers pings between training steps (it yields to its event loop after each), so
// only a worker silent far longer than one step is declared dead.

export interface LivenessOptions {
  /** How often a ping is sent while calls are in flight, ms. */
  readonly heartbeatMs: number;
  /** Silence after which the worker counts as dead, ms. */
  readonly deadAfterMs: number;
  readonly now?: () => number;
}

export interface Liveness {
  /** The worker showed a sign of life. */
  heard(): void;
  /** A call was sent: watch until it settles (`end`). */
  begin(): void;
  end(): void;
  /** The worker reported an error: watch it now, even with nothing in flight. */
  suspect(): void;
  /** Stops watching for good. */
  dispose(): void;
}

/**
 * Watches a worker through `ping` (resolves when it answers); calls `onDead` once, with how long
 * it has been silent, when it stops answering.
 */
export function watchLiveness(
  ping: () => Promise<unknown>,
  onDead: (silentMs: number) => void,
  { heartbeatMs, deadAfterMs, now = () => Date.now() }: LivenessOptions,
): Liveness {
  let lastHeard = now();
  let inFlight = 0;
  let suspected = false;
  let pinging = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  let over = false;

  const heard = (): void => {
    lastHeard = now();
    suspected = false;
  };
  const stopTimer = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  const tick = (): void => {
    if (over) return;
    const silent = now() - lastHeard;
    if (silent >= deadAfterMs) {
      over = true;
      stopTimer();
      onDead(silent);
      return;
    }
    if (inFlight === 0 && !suspected) {
      stopTimer();
      return;
    }
    if (pinging) return;
    pinging = true;
    ping().then(
      () => {
        pinging = false;
        heard();
      },
      () => {
        pinging = false;
      },
    );
  };
  const watch = (): void => {
    if (over || timer !== null) return;
    timer = setInterval(tick, heartbeatMs);
  };

  return {
    heard,
    begin() {
      // Idle time before a call is not silence: the clock starts when the call is sent.
      if (inFlight === 0 && !suspected) lastHeard = now();
      inFlight++;
      watch();
    },
    end() {
      inFlight = Math.max(0, inFlight - 1);
    },
    suspect() {
      // An idle worker gets the full time to answer, counted from the error.
      if (inFlight === 0 && !suspected) lastHeard = now();
      suspected = true;
      watch();
      tick();
    },
    dispose() {
      over = true;
      stopTimer();
    },
  };
}
