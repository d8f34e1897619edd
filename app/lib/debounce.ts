// A trailing debounce with a longest wait: calls `fn` once calls have paused for `waitMs`, and at
// least every `maxWaitMs` while they keep coming (a slider dragged without pause still previews).

export interface Debounced {
  /** Asks for a call. */
  call(): void;
  /** Drops a pending call. */
  cancel(): void;
}

export function debounce(fn: () => void, waitMs: number, maxWaitMs = Infinity): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstAsked: number | null = null;
  const fire = (): void => {
    timer = null;
    firstAsked = null;
    fn();
  };
  return {
    call() {
      const t = Date.now();
      firstAsked ??= t;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(waitMs, firstAsked + maxWaitMs - t)));
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      firstAsked = null;
    },
  };
}
