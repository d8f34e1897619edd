// Tests of Spearman's ρ on hand-checked series: perfect, reversed, ties, constant, pairs order.
import { describe, expect, it } from 'vitest';
import { averageRanks, pairwiseSpearman, spearman } from './spearman';

describe('spearman', () => {
  it('averages tied ranks', () => {
    expect(Array.from(averageRanks([10, 30, 20, 30]))).toEqual([0, 2.5, 1, 2.5]);
  });
  it('is 1 for a monotone relation and -1 for a reversed one', () => {
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 10000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });
  it('matches the textbook value with ties', () => {
    // ranks a = [0,1,2,3,4], b = [0,2,1,3.5,3.5]; ρ is the Pearson correlation of the ranks:
    // centred a = [-2,-1,0,1,2], b = [-2,0,-1,1.5,1.5]; Σab = 4+0+0+1.5+3 = 8.5, Σa² = 10, Σb² = 4+0+1+2.25+2.25 = 9.5.
    expect(spearman([1, 2, 3, 4, 5], [1, 3, 2, 7, 7])).toBeCloseTo(8.5 / Math.sqrt(10 * 9.5), 12);
  });
  it('is NaN for a constant series and rejects unequal lengths', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => spearman([1, 2], [1])).toThrow('lengths 2 and 1 differ');
  });
  it('lists every pair of runs in order', () => {
    const r = pairwiseSpearman([
      [1, 2, 3],
      [1, 2, 3],
      [3, 2, 1],
    ]);
    expect(r.map((v) => Math.round(v))).toEqual([1, -1, -1]);
  });
});
