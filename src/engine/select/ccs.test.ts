import { describe, it, expect } from 'vitest';
import { allocateBudget, selectCcs } from './ccs';
import { SelectionError } from '../errors';

describe('allocateBudget', () => {
  it('fills the smallest strata first and spreads the rest evenly', () => {
    // Non-empty strata by size: #1 (1), #3 (3), #2 (10). 8/3 → 1 (all of #1); 7/2 → 3 (all of #3); 4.
    expect(allocateBudget([0, 1, 10, 3], 8)).toEqual([0, 1, 4, 3]);
    expect(allocateBudget([5, 5, 5], 7)).toEqual([2, 2, 3]);
    expect(allocateBudget([2, 9, 9], 20)).toEqual([2, 9, 9]);
    expect(allocateBudget([4, 4], 0)).toEqual([0, 0]);
  });
});

describe('selectCcs', () => {
  const one = (n: number): Int32Array => new Int32Array(n);

  it('keeps none of the hardest β by EL2N', () => {
    const el2n = Array.from({ length: 100 }, (_, i) => i); // sample i has EL2N i
    for (const seed of [0, 1, 2]) {
      const a = Array.from(selectCcs(el2n, one(100), 1, { perClass: 50, balanced: false, seed }));
      expect(a.length).toBe(50);
      expect(Math.max(...a)).toBeLessThan(90); // β = 0.1 drops #90…#99
      const b = Array.from(
        selectCcs(el2n, one(100), 1, { perClass: 30, balanced: true, seed, beta: 0.3 }),
      );
      expect(Math.max(...b)).toBeLessThan(70);
    }
  });

  it('covers the score range: 50 equal strata, one sample from each', () => {
    // 1000 samples, EL2N = index; β drops #900…#999; strata of width 899/50 over [0, 899].
    const el2n = Array.from({ length: 1000 }, (_, i) => i);
    const a = Array.from(selectCcs(el2n, one(1000), 1, { perClass: 50, balanced: false, seed: 3 }));
    const strata = a.map((i) => Math.min(49, Math.floor(i / (899 / 50))));
    expect(strata).toEqual(Array.from({ length: 50 }, (_, s) => s));
  });

  it('always keeps a lone sample in a sparse stratum', () => {
    // #0 alone at EL2N 0, twenty samples near 10: 3 to keep → #0 plus 2 from the dense end.
    const el2n = [0, ...Array.from({ length: 20 }, (_, i) => 10 + i * 1e-3)];
    for (const seed of [0, 1, 2, 3, 4]) {
      const a = Array.from(
        selectCcs(el2n, one(21), 1, { perClass: 3, balanced: false, seed, beta: 0 }),
      );
      expect(a.length).toBe(3);
      expect(a[0]).toBe(0);
    }
  });

  it('balanced keeps exactly n per class; seeded and deterministic', () => {
    const labels = Int32Array.from({ length: 120 }, (_, i) => i % 3);
    const el2n = Array.from({ length: 120 }, (_, i) => Math.sin(i) + 1);
    const run = (seed: number): number[] =>
      Array.from(selectCcs(el2n, labels, 3, { perClass: 7, balanced: true, seed }));
    const a = run(5);
    expect([0, 1, 2].map((c) => a.filter((i) => labels[i] === c).length)).toEqual([7, 7, 7]);
    expect(run(5)).toEqual(a);
    expect(run(6)).not.toEqual(a);
  });

  it('drops fewer than β when the budget needs them', () => {
    const a = Array.from(
      selectCcs([3, 1, 2, 0], one(4), 1, { perClass: 4, balanced: false, seed: 0 }),
    );
    expect(a).toEqual([0, 1, 2, 3]);
    // 10 samples, keep 9: β would drop 1 (#9, EL2N 9) and that is allowed.
    const b = Array.from(
      selectCcs(
        Array.from({ length: 10 }, (_, i) => i),
        one(10),
        1,
        { perClass: 9, balanced: false, seed: 0 },
      ),
    );
    expect(b).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('rejects bad parameters', () => {
    expect(() => selectCcs([1, 2], one(2), 1, { perClass: 3, balanced: true, seed: 0 })).toThrow(
      SelectionError,
    );
    expect(() =>
      selectCcs([1, 2], one(2), 1, { perClass: 1, balanced: true, seed: 0, beta: 1 }),
    ).toThrow('CCS hard cutoff β = 1 must be in [0, 1)');
    expect(() =>
      selectCcs([1, Infinity], one(2), 1, { perClass: 1, balanced: true, seed: 0 }),
    ).toThrow('EL2N score of sample 1 is not finite');
  });
});
