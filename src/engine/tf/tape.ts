// Gradient tapes that do not outlive a failure. While tfjs records a gradient it keeps a clone of
// every tensor an op saves for its backward pass (the tape), and frees them only when the backward
// pass completes. A kernel that throws in the forward or the backward pass (a lost device, an
// out-of-memory) abandons the tape with those clones still kept: they are never freed.
// `freeTapeOnError` runs a gradient computation and, when it throws, disposes what the abandoned
// tape saved before rethrowing. (Custom ops call `save()` only once their forward value exists,
// so a forward that throws saves nothing outside the tape.)
import * as tf from '@tensorflow/tfjs-core';

/** Dispose the saved tensors of a tape left behind by a failed outermost gradient computation. */
export function releaseAbandonedTape(): void {
  const state = tf.engine().state;
  // Inside an outer gradient computation the tape is still in use; it will be released there.
  if (state.gradientDepth !== 0 || !state.activeTape) return;
  for (const node of state.activeTape) for (const t of node.saved ?? []) t.dispose();
  (state as { activeTape: unknown }).activeTape = null;
}

/** Run `fn` (which computes gradients); if it throws, release the abandoned tape, then rethrow. */
export function freeTapeOnError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    releaseAbandonedTape();
    throw e;
  }
}
