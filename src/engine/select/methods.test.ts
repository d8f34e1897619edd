// selectIndices on a hand-checked 8-sample set: every method's defaults and variants (given as
// selection tokens), seeded draws, k-means' need for features, and the YOCO Table 2 ablation rows.
import { describe, it, expect } from 'vitest';
import { METHOD_SCORES, selectIndices, type SelectInput } from './methods';
import { selectByScore } from './select';
import { METHOD_DEFAULTS, parseSelection, selectionToken, type Selection } from './selection';
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
/** Indices a selection (a token, or a Selection as given) keeps at `perClass`, seeded. */
const sel = (s: string | Selection, perClass: number, seed?: number, on = input): number[] => {
  const selection = typeof s === 'string' ? parseSelection(s) : s;
  return Array.from(selectIndices({ ...selection, perClass, ...(seed ? { seed } : {}) }, on));
};

describe('selectIndices', () => {
  it('yoco is LBPE, easy, balanced and cannot be changed', () => {
    expect(sel('yoco', 1)).toEqual([1, 7]);
    expect(sel({ method: 'yoco', prefer: 'hard', balanced: false }, 1)).toEqual([1, 7]);
    expect(sel('yoco', 2)).toEqual([1, 3, 6, 7]);
  });

  it('lbpe defaults to yoco but is configurable', () => {
    expect(sel('lbpe', 1)).toEqual([1, 7]);
    expect(sel('lbpe+imbalanced', 1)).toEqual([1, 3]); // global: 0.1, 0.2
    expect(sel('lbpe+hard', 1)).toEqual([0, 4]);
  });

  it('pruning baselines keep the hard samples globally by default', () => {
    expect(sel('el2n', 1)).toEqual([6, 7]); // 8, 7
    expect(sel('forgetting', 1)).toEqual([1, 4]); // 3, 2
    expect(sel('aum', 1)).toEqual([1, 4]); // lowest AUM −0.9, −0.5
    expect(sel('entropy', 1)).toEqual([2, 7]); // 0.9, 0.7
    expect(sel('loss', 1)).toEqual([4, 5]); // 7, 6
    expect(sel('aum+easy+balanced', 1)).toEqual([3, 7]); // highest AUM per class
    expect(sel('forgetting+easy+balanced', 1)).toEqual([0, 5]); // ties → index
  });

  it('random and ccs are seeded; ccs uses EL2N', () => {
    expect(sel('random', 2, 3)).toEqual(sel('random', 2, 3));
    const bal = sel('random+balanced', 2, 3);
    expect(bal.filter((i) => i < 4).length).toBe(2);
    expect(sel('ccs', 4, 1).length).toBe(8);
    // With 4 per class balanced, CCS must keep every sample: β shrinks to fit.
    expect(sel('ccs+balanced', 4, 1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('kmeans needs features', () => {
    expect(() => sel('kmeans', 1)).toThrow(SelectionError);
    expect(() => sel('kmeans', 1)).toThrow('k-means selection needs the penultimate features');
    const features = Float32Array.of(0, 0.1, 0.2, 5, 10, 10.1, 10.2, 15);
    const withF: SelectInput = { ...input, features, featureDim: 1 };
    expect(sel('kmeans+balanced', 1, 0, withF)).toHaveLength(2);
  });

  it('every method has defaults and an error for impossible sizes', () => {
    expect(Object.keys(METHOD_DEFAULTS).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) {
      if (m === 'kmeans') continue;
      expect(() => sel({ ...parseSelection(m), balanced: true }, 5)).toThrow(SelectionError);
    }
    for (const name of SCORE_NAMES)
      expect(Object.values(METHOD_SCORES).some((i) => i.score === name)).toBe(true);
  });
});

describe('ablation rows (YOCO Table 2)', () => {
  const TABLE_2 = ['random', 'random+balanced', 'lbpe+imbalanced', 'lbpe'];

  it('lists random, random balanced, LBPE only, LBPE + balanced', () => {
    const rows = TABLE_2.map(parseSelection);
    expect(rows.map((r) => [r.method, r.prefer, r.balanced])).toEqual([
      ['random', 'easy', false],
      ['random', 'easy', true],
      ['lbpe', 'easy', false],
      ['lbpe', 'easy', true],
    ]);
    expect(new Set(rows.map(selectionToken)).size).toBe(4);
  });

  it('the LBPE + balanced row is exactly YOCO, LBPE only is the global easy order', () => {
    const [, , lbpeOnly, both] = TABLE_2;
    expect(sel(both!, 2)).toEqual(sel('yoco', 2));
    const global = selectByScore(scores.lbpe, labels, 2, {
      perClass: 2,
      prefer: 'easy',
      balanced: false,
      higherIsHarder: true,
    });
    expect(sel(lbpeOnly!, 2)).toEqual(Array.from(global));
    expect(Array.from(global)).toEqual([0, 1, 2, 3]); // all of class 0: LBPE alone can be very imbalanced
  });
});
