// Tests of BiLP preemptive pre-pruning: exact kept indices per class (lowest loss, ties by
// index), rounding of the per-class count, the minimum per class, and input errors.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { prePrune } from './bilp';

describe('prePrune', () => {
  const labels = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
  const losses = [0.9, 0.1, 0.2, 0.5, 0.2, 0.3, 0.05, 0.3, 1.5, Infinity];

  it('keeps the lowest-loss fraction of every class, ties by index', () => {
    // class 0: 0(.9) 2(.2) 4(.2) 6(.05) 8(1.5) → order 6, 2, 4, 0, 8
    // class 1: 1(.1) 3(.5) 5(.3) 7(.3) 9(∞)    → order 1, 5, 7, 3, 9
    const r = prePrune(losses, labels, 2, 0.6);
    expect(Array.from(r.perClass[0]!)).toEqual([6, 2, 4]);
    expect(Array.from(r.perClass[1]!)).toEqual([1, 5, 7]);
    expect(Array.from(r.kept)).toEqual([1, 2, 4, 5, 6, 7]);
  });

  it('rounds the per-class count and respects the minimum', () => {
    expect(Array.from(prePrune(losses, labels, 2, 0.3).kept)).toEqual(
      [1, 6, 2, 5].sort((a, b) => a - b),
    ); // round(1.5) = 2
    expect(Array.from(prePrune(losses, labels, 2, 0.05).kept)).toEqual([1, 6]); // round(0.25) = 0 → min 1
    expect(Array.from(prePrune(losses, labels, 2, 0.05, { minPerClass: 4 }).perClass[1]!)).toEqual([
      1, 5, 7, 3,
    ]);
    expect(prePrune(losses, labels, 2, 1).kept).toHaveLength(10);
    expect(prePrune(losses, labels, 2, 0.1, { minPerClass: 9 }).kept).toHaveLength(10);
  });

  it('handles an empty class', () => {
    const r = prePrune([1, 2, 3], [0, 0, 2], 3, 0.5);
    expect(r.perClass.map((a) => Array.from(a))).toEqual([[0], [], [2]]);
  });

  it('rejects bad inputs with messages that name the problem', () => {
    expect(() => prePrune(losses, labels, 2, 0)).toThrow(ConfigError);
    expect(() => prePrune(losses, labels, 2, 1.2)).toThrow(
      /keep fraction must be in \(0, 1\], got 1.2/,
    );
    expect(() => prePrune([1, 2], [0], 2, 0.5)).toThrow(/2 losses for 1 labels/);
    expect(() => prePrune([1, 2], [0, 2], 2, 0.5)).toThrow(/label 2 of sample 1 is out of range/);
    expect(() => prePrune([1, NaN], [0, 1], 2, 0.5)).toThrow(/loss of sample 1 is NaN/);
  });
});
