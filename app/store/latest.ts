// "The latest request wins", the one way the store codes it (bundle loads, imports, speed
// measurements, runs, comparisons): starting an attempt cancels the one before it (its
// AbortSignal fires, so the engine stops that work) and makes that one's answer moot here
// (`current()` turns false), whatever order their answers arrive in.

/** One request: its cancel signal, and whether it is still the one whose answer counts. */
export interface Attempt {
  readonly signal: AbortSignal;
  /** False once a newer attempt started or this one was dropped. */
  current(): boolean;
}

export interface Latest {
  /** Cancels the attempt in flight and starts a new one. */
  start(): Attempt;
  /** Cancels the attempt in flight, which stays the latest: its own handler sees the cancel. */
  abort(): void;
  /** Cancels the attempt in flight and forgets it: its answer is moot too. */
  drop(): void;
  /** Whether an attempt is in flight and not cancelled. */
  active(): boolean;
}

export function latestWins(): Latest {
  let controller: AbortController | null = null;
  return {
    start() {
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      return { signal: mine.signal, current: () => controller === mine };
    },
    abort() {
      controller?.abort();
    },
    drop() {
      controller?.abort();
      controller = null;
    },
    active() {
      return controller !== null && !controller.signal.aborted;
    },
  };
}
