// The final-model scores (final.ts: entropy and loss of the trained model's softmax) and the
// averaging of a score over scoring runs (combine.ts).
import { describe, it, expect } from 'vitest';
import { entropyScores, lossScores, MIN_PROB } from './final';
import { averageRuns } from './combine';
import { ConfigError } from '../errors';

describe('final-model scores', () => {
  const probs = new Float32Array([0.5, 0.5, 0, 0, 1, 0, 0, 0, 0.25, 0.25, 0.25, 0.25]);

  it('entropy −Σ p log p', () => {
    const h = entropyScores(
      new Float32Array([0.5, 0.5, 0, 0, 1, 0, 0, 0, 0.25, 0.25, 0.25, 0.25]),
      4,
    );
    expect(h[0]).toBeCloseTo(Math.LN2, 7);
    expect(h[1]).toBe(0);
    expect(h[2]).toBeCloseTo(Math.log(4), 7);
  });

  it('loss −log p_y, clamped so it stays finite', () => {
    const l = lossScores(probs, [1, 0, 3], 4);
    expect(l[0]).toBeCloseTo(Math.LN2, 7);
    expect(l[1]).toBe(0);
    expect(l[2]).toBeCloseTo(Math.log(4), 7);
    expect(lossScores(probs, [2, 0, 0], 4)[0]).toBeCloseTo(-Math.log(MIN_PROB), 9);
  });

  it('rejects bad shapes and labels', () => {
    expect(() => entropyScores(new Float32Array(5), 2)).toThrow(ConfigError);
    expect(() => lossScores(probs, [0, 1], 4)).toThrow('loss: 3 probability rows but 2 labels');
    expect(() => lossScores(probs, [0, 1, 4], 4)).toThrow('label 4 of sample 2 is outside 0…3');
  });
});

describe('averaging over runs', () => {
  it('element-wise mean', () => {
    expect(
      Array.from(
        averageRuns([
          [1, 2, 3],
          [3, 4, 8],
          [2, 0, 1],
        ]),
      ),
    ).toEqual([2, 2, 4]);
    // Per-sample observer losses of several runs (BiLP pre-pruning) average the same way.
    expect(
      Array.from(
        averageRuns([
          [1, 2, 3],
          [3, 2, 1],
        ]),
      ),
    ).toEqual([2, 2, 2]);
  });

  it('rejects different lengths and no runs', () => {
    expect(() => averageRuns([[1, 2], [1]])).toThrow(
      'averaging scores: run 1 has 1 samples, run 0 has 2',
    );
    expect(() => averageRuns([[1], [1, 2]])).toThrow(
      'averaging scores: run 1 has 2 samples, run 0 has 1',
    );
    expect(() => averageRuns([])).toThrow(ConfigError);
  });
});
