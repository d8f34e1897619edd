import { describe, it, expect } from 'vitest';
import { lbpe, topKEpochs } from './lbpe';
import { ConfigError } from '../errors';

// 4 epochs × 3 samples of hand-picked errors.
const errors = [
  [0.9, 0.5, 0.2],
  [0.8, 0.4, 0.3],
  [0.1, 0.6, 0.7],
  [0.3, 0.2, 0.9],
];

describe('lbpe', () => {
  it('sums the errors over the K most accurate epochs', () => {
    // Most accurate: epoch 2 (0.9) and epoch 1 (0.7).
    const s = lbpe(errors, [0.2, 0.7, 0.9, 0.4], 4, 2);
    expect(Array.from(s).map((x) => +x.toFixed(12))).toEqual([0.9, 1.0, 1.0]);
  });

  it('breaks accuracy ties toward the earlier epoch', () => {
    expect(topKEpochs([0.2, 0.6, 0.6, 0.6], 4, 2)).toEqual([1, 2]);
    const s = lbpe(errors, [0.2, 0.6, 0.6, 0.6], 4, 2);
    expect(Array.from(s).map((x) => +x.toFixed(12))).toEqual([0.9, 1.0, 1.0]);
  });

  it('only looks at the first E epochs', () => {
    // Epoch 3 is the most accurate but E = 3 excludes it: epoch 1 wins.
    const s = lbpe(errors, [0.2, 0.5, 0.4, 0.9], 3, 1);
    expect(Array.from(s)).toEqual([0.8, 0.4, 0.3]);
    expect(Array.from(lbpe(errors, [0.2, 0.5, 0.4, 0.9], 4, 1))).toEqual([0.3, 0.2, 0.9]);
  });

  it('with K = E is the plain sum over the first E epochs', () => {
    const s = lbpe(errors, [0.1, 0.2, 0.3, 0.4], 2, 2);
    expect(Array.from(s).map((x) => +x.toFixed(12))).toEqual([1.7, 0.9, 0.5]);
  });

  it('rescales a missing (NaN) entry to the K epochs', () => {
    const withGap = [
      [0.4, NaN],
      [0.2, 0.3],
    ];
    expect(Array.from(lbpe(withGap, [0.5, 0.5], 2, 2)).map((x) => +x.toFixed(12))).toEqual([
      0.6, 0.6,
    ]);
    expect(() => lbpe(withGap, [0.9, 0.1], 2, 1)).toThrow(
      /sample 1 was not observed in any of epochs 0/,
    );
  });

  it('rejects E and K out of range with ConfigError', () => {
    const acc = [0.1, 0.2, 0.3, 0.4];
    expect(() => lbpe(errors, acc, 5, 2)).toThrow(ConfigError);
    expect(() => lbpe(errors, acc, 5, 2)).toThrow(
      'E = 5 is out of range; it must be an integer from 1 to 4',
    );
    expect(() => lbpe(errors, acc, 0, 1)).toThrow(/E = 0 is out of range/);
    expect(() => lbpe(errors, acc, 3, 4)).toThrow(
      'K = 4 is out of range; it must be an integer from 1 to E = 3',
    );
    expect(() => lbpe(errors, acc, 3, 0)).toThrow(ConfigError);
    expect(() => lbpe(errors, acc, 2.5, 1)).toThrow(ConfigError);
    expect(() => lbpe(errors, [0.1, 0.2], 3, 1)).toThrow(/from 1 to 2/);
  });

  it('rejects rows of different lengths', () => {
    expect(() => lbpe([[1, 2], [1]], [0, 1], 2, 2)).toThrow(/epoch 1 has 1 samples, epoch 0 has 2/);
  });
});
