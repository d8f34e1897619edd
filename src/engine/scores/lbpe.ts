// LBPE score (YOCO Algorithm 1, design.md §2): sum of the per-epoch L2 prediction errors of each sample
// over the K epochs (among the first E) with the highest training accuracy. Low = easy.
//
// Choices where the paper is silent:
// - The paper averages over the Top-K epochs; design.md §2 sums. Both rank samples identically; we sum.
// - Ties in training accuracy go to the EARLIER epoch (stable sort, descending accuracy). An epoch
//   whose accuracy is not a number (no rows were recorded in it) is never preferred over one that is.
// - A missing entry (NaN: the sample was not observed in that epoch) is skipped and the sum is
//   rescaled to the number of chosen epochs (mean over observed epochs × count), so samples stay
//   comparable. A sample observed in none of the chosen epochs is a ConfigError.
import { ConfigError } from '../errors';

/** Per-epoch per-sample error matrix: `errors[t][i]` is sample i's error in epoch t. */
export type ErrorRows = ReadonlyArray<ArrayLike<number>>;

/** Indices of the K epochs among the first E with the highest accuracy (ties → earlier). */
export function topKEpochs(epochAccuracy: ArrayLike<number>, E: number, K: number): number[] {
  const order: number[] = [];
  for (let t = 0; t < E; t++) order.push(t);
  const acc = (t: number): number => {
    const a = epochAccuracy[t]!;
    return Number.isNaN(a) ? -Infinity : a;
  };
  order.sort((a, b) => acc(b) - acc(a) || a - b);
  return order.slice(0, K).sort((a, b) => a - b);
}

/**
 * Sum each sample's error over the given epochs (rescaled for missing entries, see header).
 * `what` names the score in error messages.
 */
export function sumOverEpochs(
  errors: ErrorRows,
  epochs: readonly number[],
  what: string,
): Float64Array {
  const n = errors.length > 0 ? errors[0]!.length : 0;
  for (let t = 0; t < errors.length; t++) {
    if (errors[t]!.length !== n) {
      throw new ConfigError(
        `${what}: epoch ${t} has ${errors[t]!.length} samples, epoch 0 has ${n}`,
      );
    }
  }
  const out = new Float64Array(n);
  const k = epochs.length;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let seen = 0;
    for (const t of epochs) {
      const e = errors[t]![i]!;
      if (Number.isNaN(e)) continue;
      sum += e;
      seen++;
    }
    if (seen === 0) {
      throw new ConfigError(
        `${what}: sample ${i} was not observed in any of epochs ${epochs.join(', ')}`,
      );
    }
    out[i] = seen === k ? sum : (sum / seen) * k;
  }
  return out;
}

/**
 * LBPE of every sample: restrict to the first `E` epochs, pick the `K` with the highest training
 * accuracy and sum the per-epoch errors over them.
 */
export function lbpe(
  errors: ErrorRows,
  epochAccuracy: ArrayLike<number>,
  E: number,
  K: number,
): Float64Array {
  const available = Math.min(errors.length, epochAccuracy.length);
  if (!Number.isInteger(E) || E < 1 || E > available) {
    throw new ConfigError(
      `LBPE: E = ${E} is out of range; it must be an integer from 1 to ${available} (epochs recorded)`,
    );
  }
  if (!Number.isInteger(K) || K < 1 || K > E) {
    throw new ConfigError(
      `LBPE: K = ${K} is out of range; it must be an integer from 1 to E = ${E}`,
    );
  }
  return sumOverEpochs(errors, topKEpochs(epochAccuracy, E, K), 'LBPE');
}
