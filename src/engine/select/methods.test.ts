import { describe, it, expect } from 'vitest';
import { METHOD_INFO, selectIndices, type SelectInput } from './methods';
import { ABLATION_ROWS } from './ablation';
import { selectByScore } from './select';
import { SelectionError } from '../errors';
import { METHODS, SCORE_NAMES, type ScoreTable } from '../types';

// 2 classes × 4 samples: class 0 = #0…#3, class 1 = #4…#7.
const labels = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1);
const col = (v: number[]): Float64Array => Float64Array.from(v);
const scores: ScoreTable = {
  lbpe: col([0.4, 0.1, 0.3, 0.2, 0.9, 0.8, 0.7, 0.6]),
  el2n: col([1, 2, 3, 4, 5, 6, 7, 8]),
  forgetting: col([0, 3, 1, 0, 2, 0, 0, 1]),
  aum: col([0.5, -0.5, 0.2, 0.9, -0.9, 0.1, 0.3, 0.8]),
  entropy: col([0.1, 0.2, 0.9, 0.3, 0.4, 0.5, 0.6, 0.7]),
  loss: col([2, 1, 0, 3, 7, 6, 5, 4]),
};
const input: SelectInput = { scores, labels, numClasses: 2 };
const sel = (m: (typeof METHODS)[number], o: Parameters<typeof selectIndices>[2]): number[] =>
  Array.from(selectIndices(m, input, o));

describe('selectIndices', () => {
  it('yoco is LBPE, easy, balanced and cannot be changed', () => {
    expect(sel('yoco', { perClass: 1 })).toEqual([1, 7]);
    expect(sel('yoco', { perClass: 1, prefer: 'hard', balanced: false })).toEqual([1, 7]);
    expect(sel('yoco', { perClass: 2 })).toEqual([1, 3, 6, 7]);
  });

  it('lbpe defaults to yoco but is configurable', () => {
    expect(sel('lbpe', { perClass: 1 })).toEqual([1, 7]);
    expect(sel('lbpe', { perClass: 1, balanced: false })).toEqual([1, 3]); // global: 0.1, 0.2
    expect(sel('lbpe', { perClass: 1, prefer: 'hard' })).toEqual([0, 4]);
  });

  it('pruning baselines keep the hard samples globally by default', () => {
    expect(sel('el2n', { perClass: 1 })).toEqual([6, 7]); // 8, 7
    expect(sel('forgetting', { perClass: 1 })).toEqual([1, 4]); // 3, 2
    expect(sel('aum', { perClass: 1 })).toEqual([1, 4]); // lowest AUM −0.9, −0.5
    expect(sel('entropy', { perClass: 1 })).toEqual([2, 7]); // 0.9, 0.7
    expect(sel('loss', { perClass: 1 })).toEqual([4, 5]); // 7, 6
    expect(sel('aum', { perClass: 1, prefer: 'easy', balanced: true })).toEqual([3, 7]); // highest AUM per class
    expect(sel('forgetting', { perClass: 1, prefer: 'easy', balanced: true })).toEqual([0, 5]); // ties → index
  });

  it('random and ccs are seeded; ccs uses EL2N', () => {
    expect(sel('random', { perClass: 2, seed: 3 })).toEqual(
      sel('random', { perClass: 2, seed: 3 }),
    );
    const bal = sel('random', { perClass: 2, balanced: true, seed: 3 });
    expect(bal.filter((i) => i < 4).length).toBe(2);
    expect(sel('ccs', { perClass: 4, seed: 1 }).length).toBe(8);
    // With 4 per class balanced, CCS must keep every sample: β shrinks to fit.
    expect(sel('ccs', { perClass: 4, balanced: true, seed: 1 })).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('kmeans needs features', () => {
    expect(() => sel('kmeans', { perClass: 1 })).toThrow(SelectionError);
    expect(() => sel('kmeans', { perClass: 1 })).toThrow(
      'k-means selection needs the penultimate features',
    );
    const features = Float32Array.of(0, 0.1, 0.2, 5, 10, 10.1, 10.2, 15);
    const withF: SelectInput = { ...input, features, featureDim: 1 };
    expect(
      Array.from(selectIndices('kmeans', withF, { perClass: 1, balanced: true, seed: 0 })),
    ).toHaveLength(2);
  });

  it('every method has defaults and an error for impossible sizes', () => {
    expect(Object.keys(METHOD_INFO).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) {
      if (m === 'kmeans') continue;
      expect(() => sel(m, { perClass: 5, balanced: true })).toThrow(SelectionError);
    }
    for (const name of SCORE_NAMES)
      expect(Object.values(METHOD_INFO).some((i) => i.score === name)).toBe(true);
  });
});

describe('ablation rows (YOCO Table 2)', () => {
  it('lists random, random balanced, LBPE only, LBPE + balanced', () => {
    expect(ABLATION_ROWS.map((r) => [r.method, r.prefer, r.balanced])).toEqual([
      ['random', 'easy', false],
      ['random', 'easy', true],
      ['lbpe', 'easy', false],
      ['lbpe', 'easy', true],
    ]);
    expect(new Set(ABLATION_ROWS.map((r) => r.id)).size).toBe(4);
  });

  it('the LBPE + balanced row is exactly YOCO, LBPE only is the global easy order', () => {
    const [, , lbpeOnly, both] = ABLATION_ROWS;
    expect(
      sel(both!.method, { perClass: 2, prefer: both!.prefer, balanced: both!.balanced }),
    ).toEqual(sel('yoco', { perClass: 2 }));
    const global = selectByScore(scores.lbpe, labels, 2, {
      perClass: 2,
      prefer: 'easy',
      balanced: false,
      higherIsHarder: true,
    });
    expect(
      sel(lbpeOnly!.method, {
        perClass: 2,
        prefer: lbpeOnly!.prefer,
        balanced: lbpeOnly!.balanced,
      }),
    ).toEqual(Array.from(global));
    expect(Array.from(global)).toEqual([0, 1, 2, 3]); // all of class 0: LBPE alone can be very imbalanced
  });
});
