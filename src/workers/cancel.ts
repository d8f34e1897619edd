// Cancellation across the worker boundary. comlink cannot pass an AbortSignal, so each cancellable
// call carries a numeric id (cancelled by a `cancel(id)` message) and, where SharedArrayBuffer is
// available, a shared flag the engine sees even while the worker never returns to its event loop.
import { AbortedError } from '../engine/errors';

/** A 4-byte shared flag (0: running, 1: cancelled), or null without cross-origin isolation. */
export function createCancelFlag(): Int32Array | null {
  if (typeof SharedArrayBuffer === 'undefined') return null;
  try {
    return new Int32Array(new SharedArrayBuffer(4));
  } catch {
    return null;
  }
}

export function raiseCancelFlag(flag: Int32Array | null): void {
  if (flag) Atomics.store(flag, 0, 1);
}

/**
 * An AbortSignal whose `aborted` also reads the shared flag: the first read that finds the flag
 * raised aborts the underlying controller, so 'abort' listeners fire as well.
 */
export function signalWithFlag(controller: AbortController, flag: Int32Array | null): AbortSignal {
  const base = controller.signal;
  if (!flag) return base;
  const check = (): void => {
    if (!base.aborted && Atomics.load(flag, 0) !== 0) controller.abort(new AbortedError());
  };
  return new Proxy(base, {
    get(target, prop) {
      if (prop === 'aborted' || prop === 'reason' || prop === 'throwIfAborted') check();
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/** The worker's table of running cancellable calls. */
export class CancelRegistry {
  private readonly controllers = new Map<number, AbortController>();
  /** Ids cancelled before their call opened (kept small: only the latest few). */
  private readonly early = new Set<number>();

  open(id: number, flag: Int32Array | null): AbortSignal {
    const controller = new AbortController();
    this.controllers.set(id, controller);
    if (this.early.delete(id) || (flag && Atomics.load(flag, 0) !== 0))
      controller.abort(new AbortedError());
    return signalWithFlag(controller, flag);
  }

  cancel(id: number): boolean {
    const controller = this.controllers.get(id);
    if (!controller) {
      this.early.add(id);
      if (this.early.size > 64) this.early.delete(this.early.values().next().value as number);
      return false;
    }
    controller.abort(new AbortedError());
    return true;
  }

  close(id: number): void {
    this.controllers.delete(id);
  }

  get size(): number {
    return this.controllers.size;
  }
}
