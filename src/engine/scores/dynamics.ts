// Records training dynamics (design.md §2) from the training loop's DynamicsSink calls and turns them
// into the LBPE, EL2N, forgetting and AUM scores.
//
// Per step and batch row it computes, from the softmax row p and the row's own label y:
// - the L2 error ‖p − onehot(y)‖₂, stored per epoch and sample (N × storedEpochs Float32, one
//   buffer; a sample seen more than once in an epoch gets the MEAN of its errors for that epoch;
//   a sample not seen in an epoch keeps NaN there);
// - correctness (argmax == y; on equal maxima the lowest class index wins), fed in order to the
//   forgetting counter and counted into the epoch's training accuracy (correct rows / all rows);
// - the AUM margin p_y − max_{k≠y} p_k, summed over all observations.
// Errors are stored only for epochs < storedEpochs (LBPE needs the first E, EL2N the first 10);
// later epochs still update forgetting, AUM and the epoch accuracies.
// Epochs must arrive in order. An epoch is closed by onEpochEnd or by the first step of a later
// epoch; only closed epochs appear in the accessors.
import { ConfigError } from '../errors';
import type { DynamicsSink } from './types';
import { lbpe } from './lbpe';
import { AumTracker, el2n, ForgettingTracker, margin } from './baselines';

/** L2 distance between the probability row at `offset` and the one-hot vector of `label`. */
export function l2Error(
  probs: ArrayLike<number>,
  offset: number,
  numClasses: number,
  label: number,
): number {
  let s = 0;
  for (let k = 0; k < numClasses; k++) {
    const d = probs[offset + k]! - (k === label ? 1 : 0);
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Index of the largest entry of the row (lowest index on ties). */
export function argmaxRow(probs: ArrayLike<number>, offset: number, numClasses: number): number {
  let best = 0;
  let bestP = probs[offset]!;
  for (let k = 1; k < numClasses; k++) {
    const p = probs[offset + k]!;
    if (p > bestP) {
      bestP = p;
      best = k;
    }
  }
  return best;
}

export interface DynamicsScores {
  readonly lbpe: Float64Array;
  readonly el2n: Float64Array;
  readonly forgetting: Float64Array;
  readonly aum: Float64Array;
}

export class DynamicsRecorder implements DynamicsSink {
  private readonly buffer: Float32Array;
  private readonly rows: Float32Array[] = [];
  private readonly epochSum: Float64Array;
  private readonly epochCount: Int32Array;
  private readonly forgetting: ForgettingTracker;
  private readonly aum: AumTracker;
  private readonly accuracies: number[] = [];
  private open = -1;
  private completed = 0;
  private correctInEpoch = 0;
  private rowsInEpoch = 0;

  constructor(
    readonly numSamples: number,
    readonly numClasses: number,
    readonly storedEpochs: number,
  ) {
    for (const [name, v, min] of [
      ['numSamples', numSamples, 1],
      ['numClasses', numClasses, 2],
      ['storedEpochs', storedEpochs, 1],
    ] as const) {
      if (!Number.isInteger(v) || v < min) {
        throw new ConfigError(`DynamicsRecorder: ${name} = ${v} must be an integer ≥ ${min}`);
      }
    }
    this.buffer = new Float32Array(numSamples * storedEpochs).fill(NaN);
    this.epochSum = new Float64Array(numSamples);
    this.epochCount = new Int32Array(numSamples);
    this.forgetting = new ForgettingTracker(numSamples);
    this.aum = new AumTracker(numSamples);
  }

  onStep(epoch: number, sampleIndices: Int32Array, probs: Float32Array, labels: Int32Array): void {
    const C = this.numClasses;
    const B = sampleIndices.length;
    if (!Number.isInteger(epoch) || epoch < this.completed) {
      throw new ConfigError(
        `DynamicsRecorder: a step of epoch ${epoch} arrived after epoch ${this.completed - 1} ended`,
      );
    }
    if (labels.length !== B || probs.length !== B * C) {
      throw new ConfigError(
        `DynamicsRecorder: batch of ${B} indices needs ${B} labels and ${B * C} probabilities, got ${labels.length} and ${probs.length}`,
      );
    }
    if (this.open !== -1 && epoch !== this.open) this.close(this.open);
    this.skipTo(epoch);
    this.open = epoch;
    for (let r = 0; r < B; r++) {
      const i = sampleIndices[r]!;
      const y = labels[r]!;
      if (!(i >= 0 && i < this.numSamples)) {
        throw new ConfigError(
          `DynamicsRecorder: sample index ${i} is outside 0…${this.numSamples - 1}`,
        );
      }
      if (!(y >= 0 && y < C))
        throw new ConfigError(`DynamicsRecorder: label ${y} is outside 0…${C - 1}`);
      const off = r * C;
      const correct = argmaxRow(probs, off, C) === y;
      this.epochSum[i]! += l2Error(probs, off, C, y);
      this.epochCount[i]!++;
      this.forgetting.observe(i, correct);
      this.aum.observe(i, margin(probs, off, C, y));
      this.rowsInEpoch++;
      if (correct) this.correctInEpoch++;
    }
  }

  onEpochEnd(epoch: number): void {
    if (!Number.isInteger(epoch) || epoch < this.completed) {
      throw new ConfigError(`DynamicsRecorder: epoch ${epoch} ended twice or out of order`);
    }
    if (this.open !== -1 && this.open !== epoch) this.close(this.open);
    if (this.open === epoch) {
      this.close(epoch);
    } else {
      this.skipTo(epoch + 1); // an epoch without steps: closed empty
    }
  }

  /** Number of closed epochs. */
  get epochs(): number {
    return this.completed;
  }

  /** Per-epoch rows of the error matrix (views, not copies) for closed stored epochs. */
  errorRows(): Float32Array[] {
    return this.rows.slice();
  }

  /** Training accuracy of every closed epoch (NaN where no rows were recorded). */
  epochAccuracy(): number[] {
    return this.accuracies.slice();
  }

  lbpe(E: number, K: number): Float64Array {
    return lbpe(this.rows, this.accuracies, E, K);
  }

  el2n(): Float64Array {
    return el2n(this.rows);
  }

  forgettingCounts(): Float64Array {
    return this.forgetting.counts();
  }

  aumScores(): Float64Array {
    return this.aum.scores();
  }

  /** All four dynamics scores (LBPE with the given E and K, see design.md §2). */
  scores(E: number, K: number): DynamicsScores {
    return {
      lbpe: this.lbpe(E, K),
      el2n: this.el2n(),
      forgetting: this.forgettingCounts(),
      aum: this.aumScores(),
    };
  }

  /** Epochs between the last closed one and `epoch` had no steps: close them empty. */
  private skipTo(epoch: number): void {
    while (this.completed < epoch) {
      if (this.completed < this.storedEpochs) this.rows.push(this.row(this.completed));
      this.accuracies.push(NaN);
      this.completed++;
    }
  }

  private row(t: number): Float32Array {
    return this.buffer.subarray(t * this.numSamples, (t + 1) * this.numSamples);
  }

  private close(epoch: number): void {
    if (epoch < this.storedEpochs) {
      const row = this.row(epoch);
      for (let i = 0; i < this.numSamples; i++) {
        const c = this.epochCount[i]!;
        if (c > 0) row[i] = this.epochSum[i]! / c;
      }
      this.rows.push(row);
    }
    this.epochSum.fill(0);
    this.epochCount.fill(0);
    this.accuracies.push(this.rowsInEpoch > 0 ? this.correctInEpoch / this.rowsInEpoch : NaN);
    this.correctInEpoch = 0;
    this.rowsInEpoch = 0;
    this.completed = epoch + 1;
    this.open = -1;
  }
}
