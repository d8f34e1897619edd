// Selection by score (select.ts): per class or over the whole set, easy or hard first, balanced
// or not, with SelectionErrors for sizes no class can supply; and the threshold rule.
import { describe, it, expect } from 'vitest';
import { allIndices, selectByScore, takeExtreme } from './select';
import { Rng } from '../rng';
import { SelectionError } from '../errors';

// 12 samples, classes interleaved 0,1,2,0,1,2,…
const labels = Int32Array.from({ length: 12 }, (_, i) => i % 3);
// class 0: #0 0.5, #3 0.2, #6 0.8, #9 0.2   class 1: #1 0.1, #4 0.7, #7 0.4, #10 0.05
// class 2: #2 0.9, #5 0.3, #8 0.6, #11 0.95
const scores = [0.5, 0.1, 0.9, 0.2, 0.7, 0.3, 0.8, 0.4, 0.6, 0.2, 0.05, 0.95];

const pick = (
  prefer: 'easy' | 'hard',
  balanced: boolean,
  perClass: number,
  higherIsHarder = true,
): number[] =>
  Array.from(selectByScore(scores, labels, 3, { perClass, prefer, balanced, higherIsHarder }));

const perClassCounts = (idx: number[]): number[] =>
  [0, 1, 2].map((c) => idx.filter((i) => labels[i] === c).length);

describe('selectByScore', () => {
  it('balanced, easy: the lowest scores of each class, ascending indices', () => {
    expect(pick('easy', true, 2)).toEqual([1, 3, 5, 8, 9, 10]);
    expect(perClassCounts(pick('easy', true, 2))).toEqual([2, 2, 2]);
  });

  it('balanced, hard: the highest scores of each class', () => {
    expect(pick('hard', true, 1)).toEqual([4, 6, 11]);
    expect(pick('hard', true, 3)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 11]);
  });

  it('ties break by sample index (#3 before #9 in class 0)', () => {
    expect(pick('easy', true, 1)).toEqual([3, 5, 10]);
    const flat = selectByScore([1, 1, 1, 1, 1, 1], Int32Array.of(0, 0, 0, 1, 1, 1), 2, {
      perClass: 2,
      prefer: 'hard',
      balanced: true,
      higherIsHarder: true,
    });
    expect(Array.from(flat)).toEqual([0, 1, 3, 4]);
  });

  it('imbalanced: one global order, n · classes in all', () => {
    expect(pick('easy', false, 2)).toEqual([1, 3, 5, 7, 9, 10]); // 0.05 0.1 0.2 0.2 0.3 0.4
    expect(perClassCounts(pick('easy', false, 2))).toEqual([2, 3, 1]);
    expect(pick('hard', false, 1)).toEqual([2, 6, 11]); // 0.95 0.9 0.8
  });

  it('reverses the order for AUM (low = hard)', () => {
    expect(pick('easy', true, 1, false)).toEqual([4, 6, 11]); // highest AUM = easiest
    expect(pick('hard', true, 1, false)).toEqual([3, 5, 10]); // lowest AUM, tie #3/#9 → #3
    expect(pick('hard', false, 1, false)).toEqual([1, 3, 10]); // 0.05 0.1 0.2(#3)
  });

  it('keeps a whole class when n equals its size', () => {
    expect(pick('easy', true, 4)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('rejects impossible sizes and malformed input with SelectionError', () => {
    expect(() => pick('easy', true, 5)).toThrow(SelectionError);
    expect(() => pick('easy', true, 5)).toThrow(
      'class 0 has 4 samples, fewer than the 5 per class requested',
    );
    expect(() => pick('easy', false, 5)).toThrow(
      '5 per class × 3 classes = 15 samples requested, but there are only 12',
    );
    expect(() => pick('easy', true, 0)).toThrow(
      'samples per class must be a positive integer, got 0',
    );
    expect(() => pick('easy', true, 1.5)).toThrow(SelectionError);
    const opts = { perClass: 1, prefer: 'easy' as const, balanced: true, higherIsHarder: true };
    expect(() => selectByScore([1, 2], labels, 3, opts)).toThrow(
      'there are 2 scores for 12 samples; need one score per sample',
    );
    expect(() => selectByScore([1, 2], Int32Array.of(0, 3), 3, opts)).toThrow(
      'label 3 of sample 1 is outside 0…2',
    );
    expect(() => selectByScore([1, NaN], Int32Array.of(0, 1), 2, opts)).toThrow(
      'score of sample 1 is not a number',
    );
    // A class with no samples at all cannot be balanced.
    expect(() => selectByScore([1, 2], Int32Array.of(0, 0), 2, opts)).toThrow(
      'class 1 has 0 samples',
    );
  });
});

describe('takeExtreme (threshold rule)', () => {
  it('matches a full sort by (key, index) on data with many ties', () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 50 + rng.int(50);
      const key = Float64Array.from({ length: n }, () => rng.int(6) - 3 || -0);
      const count = rng.int(n + 1);
      for (const fromTop of [false, true]) {
        const ref = Array.from({ length: n }, (_, i) => i)
          .sort((a, b) => (fromTop ? key[b]! - key[a]! : key[a]! - key[b]!) || a - b)
          .slice(0, count)
          .sort((a, b) => a - b);
        expect(Array.from(takeExtreme(allIndices(n), key, count, fromTop))).toEqual(ref);
      }
    }
  });
});
