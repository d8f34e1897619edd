// Baseline scores from training dynamics (design.md §2): EL2N, forgetting events and AUM.
//
// - EL2N: the per-epoch L2 error (the same one LBPE uses) summed over epochs 0–9, or over all
//   recorded epochs when fewer than 10 were recorded. Missing entries follow the LBPE rule
//   (skipped, sum rescaled; see lbpe.ts). High = hard.
// - Forgetting: number of correct→incorrect transitions between consecutive observations of a
//   sample (in the order they were recorded). High = hard. As design.md §2 states, a sample that is
//   never learned has 0 events (Toneva et al. would rank it as most forgettable; we do not).
// - AUM: sum over observations of the margin p_y − max_{k≠y} p_k on softmax probabilities
//   (Pleiss et al. use logits and average; the sum ranks identically when every sample is seen
//   equally often). Low = hard.
import { checkPositiveInteger, ConfigError } from '../errors';
import { sumOverEpochs, type ErrorRows } from './lbpe';

/** Epochs EL2N sums over (0 … EL2N_EPOCHS − 1). */
export const EL2N_EPOCHS = 10;

/** EL2N of every sample from the per-epoch error matrix. */
export function el2n(errors: ErrorRows, epochs: number = EL2N_EPOCHS): Float64Array {
  if (errors.length === 0) throw new ConfigError('EL2N: no epochs were recorded');
  checkPositiveInteger('EL2N: epochs', epochs);
  const use = Math.min(epochs, errors.length);
  const list: number[] = [];
  for (let t = 0; t < use; t++) list.push(t);
  return sumOverEpochs(errors, list, 'EL2N');
}

/** Streaming forgetting counter over N samples. */
export class ForgettingTracker {
  private readonly last: Int8Array; // -1 not yet seen, 0 incorrect, 1 correct
  private readonly events: Int32Array;

  constructor(readonly numSamples: number) {
    this.last = new Int8Array(numSamples).fill(-1);
    this.events = new Int32Array(numSamples);
  }

  observe(sample: number, correct: boolean): void {
    if (this.last[sample] === 1 && !correct) this.events[sample]!++;
    this.last[sample] = correct ? 1 : 0;
  }

  counts(): Float64Array {
    return Float64Array.from(this.events);
  }
}

/** Margin p_y − max_{k≠y} p_k of one probability row starting at `offset`. */
export function margin(
  probs: ArrayLike<number>,
  offset: number,
  numClasses: number,
  label: number,
): number {
  let other = -Infinity;
  for (let k = 0; k < numClasses; k++) {
    if (k === label) continue;
    const p = probs[offset + k]!;
    if (p > other) other = p;
  }
  return probs[offset + label]! - (numClasses > 1 ? other : 0);
}

/** Streaming AUM accumulator over N samples. */
export class AumTracker {
  private readonly sums: Float64Array;

  constructor(readonly numSamples: number) {
    this.sums = new Float64Array(numSamples);
  }

  observe(sample: number, value: number): void {
    this.sums[sample]! += value;
  }

  scores(): Float64Array {
    return Float64Array.from(this.sums);
  }
}
