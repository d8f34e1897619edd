// Test helper: a training run whose backend fails once, mid-run, the way a failing GPU or wasm
// module does: a plain Error thrown at the first epoch (the session then moves the run to the next
// backend and restarts it). Used by the session's fallback and WebGPU device-loss tests.
import type { TrainEvent, TrainRequest, TrainResult } from '../../src/engine/api';
import type { Session } from '../../src/engine/session';

/** Trains `request`, throwing `fail()` from the first `epoch` event; every event, and the result. */
export async function trainFailingOnce(
  session: Session,
  request: TrainRequest,
  fail: () => Error,
): Promise<{ readonly events: TrainEvent[]; readonly result: TrainResult }> {
  const events: TrainEvent[] = [];
  let failed = false;
  const result = await session.train(request, {
    onEvent: (e) => {
      events.push(e);
      if (e.type === 'epoch' && !failed) {
        failed = true;
        throw fail();
      }
    },
  });
  return { events, result };
}
