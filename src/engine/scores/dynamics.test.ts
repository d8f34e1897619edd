import { describe, it, expect } from 'vitest';
import { argmaxRow, DynamicsRecorder, l2Error } from './dynamics';
import { ConfigError } from '../errors';

const S2 = Math.SQRT2;

/**
 * Hand-made dynamics: 4 samples, 2 classes, 4 epochs, one step per epoch with all samples.
 * Labels [0, 1, 0, 1]. P(true class) per epoch:
 *   s0: 0.4 0.7 0.3 0.6   correct F T F T   errors √2·(0.6 0.3 0.7 0.4)   margins −0.2 0.4 −0.4 0.2
 *   s1: 0.9 0.4 0.8 0.6   correct T F T T   errors √2·(0.1 0.6 0.2 0.4)   margins 0.8 −0.2 0.6 0.2
 *   s2: 0.2 0.55 0.7 0.9  correct F T T T   errors √2·(0.8 0.45 0.3 0.1)  margins −0.6 0.1 0.4 0.8
 *   s3: 0.7 0.1 0.6 0.45  correct T F T F   errors √2·(0.3 0.9 0.4 0.55)  margins 0.4 −0.8 0.2 −0.1
 * Epoch accuracies: 2/4, 2/4, 3/4, 3/4.
 */
const labels = new Int32Array([0, 1, 0, 1]);
const pTrue = [
  [0.4, 0.9, 0.2, 0.7],
  [0.7, 0.4, 0.55, 0.1],
  [0.3, 0.8, 0.7, 0.6],
  [0.6, 0.6, 0.9, 0.45],
];

function record(): DynamicsRecorder {
  const rec = new DynamicsRecorder(4, 2, 4);
  for (let t = 0; t < 4; t++) {
    const probs = new Float32Array(8);
    for (let i = 0; i < 4; i++) {
      const y = labels[i]!;
      probs[i * 2 + y] = pTrue[t]![i]!;
      probs[i * 2 + (1 - y)] = 1 - pTrue[t]![i]!;
    }
    // Rows in a shuffled order, as a training loop would send them.
    const order = [2, 0, 3, 1];
    rec.onStep(
      t,
      Int32Array.from(order),
      Float32Array.from(order.flatMap((i) => [probs[i * 2]!, probs[i * 2 + 1]!])),
      Int32Array.from(order.map((i) => labels[i]!)),
    );
    rec.onEpochEnd(t);
  }
  return rec;
}

const close = (a: ArrayLike<number>, b: number[], digits = 6): void => {
  expect(a.length).toBe(b.length);
  b.forEach((v, i) => expect(a[i]).toBeCloseTo(v, digits));
};

describe('per-row quantities', () => {
  it('L2 error on probabilities and argmax', () => {
    expect(l2Error([0.2, 0.5, 0.3], 0, 3, 0)).toBeCloseTo(Math.sqrt(0.64 + 0.25 + 0.09), 12);
    expect(l2Error([0, 1, 0], 0, 3, 1)).toBe(0);
    expect(argmaxRow([0.2, 0.5, 0.3], 0, 3)).toBe(1);
    expect(argmaxRow([0.4, 0.4, 0.2], 0, 3)).toBe(0); // tie → lowest class
  });
});

describe('DynamicsRecorder', () => {
  it('stores the per-epoch error matrix and epoch accuracies', () => {
    const rec = record();
    expect(rec.epochs).toBe(4);
    expect(rec.epochAccuracy()).toEqual([0.5, 0.5, 0.75, 0.75]);
    const rows = rec.errorRows();
    close(
      rows[0]!,
      [0.6, 0.1, 0.8, 0.3].map((x) => S2 * x),
    );
    close(
      rows[3]!,
      [0.4, 0.4, 0.1, 0.55].map((x) => S2 * x),
    );
  });

  it('LBPE with E=4, K=2 sums epochs 2 and 3', () => {
    close(
      record().lbpe(4, 2),
      [1.1, 0.6, 0.4, 0.95].map((x) => S2 * x),
    );
  });

  it('LBPE with E=2, K=1 takes epoch 0 (tie with epoch 1 → earlier)', () => {
    close(
      record().lbpe(2, 1),
      [0.6, 0.1, 0.8, 0.3].map((x) => S2 * x),
    );
  });

  it('EL2N sums all 4 epochs (fewer than 10)', () => {
    close(
      record().el2n(),
      [2.0, 1.3, 1.65, 2.15].map((x) => S2 * x),
    );
  });

  it('forgetting counts and AUM sums', () => {
    const rec = record();
    expect(Array.from(rec.forgettingCounts())).toEqual([1, 1, 0, 2]);
    close(rec.aumScores(), [0, 1.4, 0.7, -0.3]);
    const all = rec.scores(4, 2);
    close(
      all.lbpe,
      [1.1, 0.6, 0.4, 0.95].map((x) => S2 * x),
    );
    expect(Array.from(all.forgetting)).toEqual([1, 1, 0, 2]);
  });

  it('averages a sample seen twice in an epoch, counts both observations', () => {
    const rec = new DynamicsRecorder(2, 2, 2);
    // Epoch 0, two steps: sample 0 seen with p_y 0.9 (correct) then 0.3 (incorrect).
    rec.onStep(0, Int32Array.of(0, 1), Float32Array.of(0.9, 0.1, 0.5, 0.5), Int32Array.of(0, 1));
    rec.onStep(0, Int32Array.of(0), Float32Array.of(0.3, 0.7), Int32Array.of(0));
    rec.onEpochEnd(0);
    close(rec.errorRows()[0]!, [S2 * 0.4, S2 * 0.5]); // mean of √2·0.1 and √2·0.7
    // Rows: s0 correct, s1 (0.5/0.5 → argmax 0, label 1) incorrect, s0 incorrect → 1/3.
    expect(rec.epochAccuracy()[0]).toBeCloseTo(1 / 3, 12);
    expect(Array.from(rec.forgettingCounts())).toEqual([1, 0]);
    close(rec.aumScores(), [0.8 - 0.4, 0]);
  });

  it('keeps NaN for unseen samples and empty epochs, and stores only storedEpochs rows', () => {
    const rec = new DynamicsRecorder(2, 2, 2);
    rec.onStep(0, Int32Array.of(0), Float32Array.of(1, 0), Int32Array.of(0));
    // Epoch 1 has no steps; epoch 2 starts (closes epoch 0, skips 1) and lies beyond storedEpochs.
    rec.onStep(2, Int32Array.of(0, 1), Float32Array.of(0, 1, 0, 1), Int32Array.of(0, 1));
    rec.onEpochEnd(2);
    expect(rec.epochs).toBe(3);
    expect(rec.epochAccuracy()).toEqual([1, NaN, 0.5]);
    const rows = rec.errorRows();
    expect(rows.length).toBe(2);
    expect(Array.from(rows[0]!)).toEqual([0, NaN]);
    expect(Array.from(rows[1]!)).toEqual([NaN, NaN]);
    expect(Array.from(rec.forgettingCounts())).toEqual([1, 0]); // epoch 2 still counts
    expect(() => rec.lbpe(2, 1)).toThrow(/sample 1 was not observed/);
  });

  it('rejects out-of-order epochs and malformed batches', () => {
    const rec = new DynamicsRecorder(2, 2, 2);
    rec.onStep(1, Int32Array.of(0), Float32Array.of(1, 0), Int32Array.of(0));
    rec.onEpochEnd(1);
    expect(() => rec.onStep(0, Int32Array.of(0), Float32Array.of(1, 0), Int32Array.of(0))).toThrow(
      ConfigError,
    );
    expect(() => rec.onEpochEnd(1)).toThrow(/epoch 1 ended twice or out of order/);
    expect(() => rec.onStep(2, Int32Array.of(0), Float32Array.of(1), Int32Array.of(0))).toThrow(
      'DynamicsRecorder: batch of 1 indices needs 1 labels and 2 probabilities, got 1 and 1',
    );
    expect(() => rec.onStep(2, Int32Array.of(5), Float32Array.of(1, 0), Int32Array.of(0))).toThrow(
      /sample index 5/,
    );
    expect(() => new DynamicsRecorder(0, 2, 1)).toThrow(ConfigError);
  });
});
