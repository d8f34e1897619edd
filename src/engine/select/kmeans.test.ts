import { describe, it, expect } from 'vitest';
import { kmeansPlusPlus, pickNearest, refineCentres, selectKMeans } from './kmeans';
import { Rng } from '../rng';
import { allIndices } from './select';
import { SelectionError } from '../errors';

/** A plus-shaped cluster of 5 points around (x, y); its mean is the centre point (listed 3rd). */
const plus = (x: number, y: number): number[][] => [
  [x - 1, y],
  [x, y - 1],
  [x, y],
  [x, y + 1],
  [x + 1, y],
];

describe('selectKMeans', () => {
  it('keeps the centre sample of each well-separated cluster (imbalanced)', () => {
    const pts = [...plus(0, 0), ...plus(100, 0), ...plus(0, 100)];
    const features = Float32Array.from(pts.flat());
    for (const seed of [0, 1, 2, 3]) {
      const a = selectKMeans(features, 2, new Int32Array(15), 1, {
        perClass: 3,
        balanced: false,
        seed,
      });
      expect(Array.from(a)).toEqual([2, 7, 12]);
    }
  });

  it('balanced clusters each class on its own', () => {
    // Class 0: clusters at (0,0) and (50,50); class 1: clusters at (0,0)+1 offset and (−50, 20).
    const pts = [...plus(0, 0), ...plus(50, 50), ...plus(1, 1), ...plus(-50, 20)];
    const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const a = selectKMeans(Float32Array.from(pts.flat()), 2, labels, 2, {
      perClass: 2,
      balanced: true,
      seed: 9,
    });
    expect(Array.from(a)).toEqual([2, 7, 12, 17]);
  });

  it('picks distinct samples even when centroids share a nearest sample', () => {
    const same = new Float32Array(5 * 3).fill(1); // 5 identical points
    const a = Array.from(
      selectKMeans(same, 3, new Int32Array(5), 1, { perClass: 3, balanced: false, seed: 4 }),
    );
    expect(a.length).toBe(3);
    expect(new Set(a).size).toBe(3);
    const all = selectKMeans(Float32Array.from(plus(0, 0).flat()), 2, new Int32Array(5), 1, {
      perClass: 5,
      balanced: false,
      seed: 0,
    });
    expect(Array.from(all)).toEqual([0, 1, 2, 3, 4]);
  });

  it('is deterministic for a seed', () => {
    const f = Float32Array.from(
      { length: 60 * 4 },
      (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1,
    );
    const labels = Int32Array.from({ length: 60 }, (_, i) => i % 3);
    const run = (): number[] =>
      Array.from(selectKMeans(f, 4, labels, 3, { perClass: 4, balanced: false, seed: 11 }));
    expect(run()).toEqual(run());
    expect(run().length).toBe(12);
  });

  it('rejects wrong feature sizes and impossible k', () => {
    expect(() =>
      selectKMeans(new Float32Array(7), 2, new Int32Array(4), 1, {
        perClass: 1,
        balanced: false,
        seed: 0,
      }),
    ).toThrow('k-means needs 4 × 2 features, got 7 values');
    expect(() =>
      selectKMeans(new Float32Array(8), 2, new Int32Array(4), 1, {
        perClass: 5,
        balanced: true,
        seed: 0,
      }),
    ).toThrow(SelectionError);
    expect(() =>
      selectKMeans(Float32Array.of(0, NaN), 1, new Int32Array(2), 1, {
        perClass: 1,
        balanced: true,
        seed: 0,
      }),
    ).toThrow('feature 0 of sample 1 is not finite');
  });
});

/** Plain Lloyd, written out for comparison: assign (ties → lower centre), update, repeat. */
function naiveLloyd(
  f: Float32Array,
  dim: number,
  centres: Float64Array,
  iterations: number,
): Int32Array {
  const n = f.length / dim;
  const k = centres.length / dim;
  const assign = new Int32Array(n).fill(-1);
  const reassign = (): boolean => {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let d = 0; d < dim; d++) s += (f[i * dim + d]! - centres[c * dim + d]!) ** 2;
        if (s < bestD) [best, bestD] = [c, s];
      }
      if (assign[i] !== best) changed = true;
      assign[i] = best;
    }
    return changed;
  };
  const update = (): void => {
    for (let c = 0; c < k; c++) {
      const members = [...assign.keys()].filter((i) => assign[i] === c);
      if (members.length === 0) continue;
      for (let d = 0; d < dim; d++)
        centres[c * dim + d] = members.reduce((s, i) => s + f[i * dim + d]!, 0) / members.length;
    }
  };
  reassign();
  let changed = true;
  for (let it = 0; it < iterations && changed; it++) {
    update();
    changed = reassign();
  }
  if (changed && iterations > 0) update();
  return assign;
}

/** Plain k-means++ with the same random draws. */
function naivePlusPlus(f: Float32Array, dim: number, k: number, rng: Rng): Float64Array {
  const n = f.length / dim;
  const centres = new Float64Array(k * dim);
  const nearest = new Float64Array(n).fill(Infinity);
  for (let c = 0; c < k; c++) {
    let j = -1;
    if (c === 0) j = rng.int(n);
    else {
      let r = rng.next() * nearest.reduce((a, b) => a + b, 0);
      for (let t = 0; t < n; t++) {
        if (nearest[t]! <= 0) continue;
        j = t;
        r -= nearest[t]!;
        if (r < 0) break;
      }
    }
    for (let d = 0; d < dim; d++) centres[c * dim + d] = f[j * dim + d]!;
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += (f[t * dim + d]! - centres[c * dim + d]!) ** 2;
      nearest[t] = Math.min(nearest[t]!, s);
    }
  }
  return centres;
}

const blobs = (rng: Rng, n: number, dim: number): Float32Array =>
  Float32Array.from({ length: n * dim }, (_, j) => rng.normal() + (Math.floor(j / dim) % 4) * 1.5);

describe('accelerated k-means pieces equal the plain algorithms', () => {
  it('k-means++ with triangle-inequality skips picks the same centres', () => {
    for (const [n, dim, k] of [
      [200, 3, 10],
      [300, 16, 40],
    ] as const) {
      const f = blobs(new Rng(n), n, dim);
      const fast = kmeansPlusPlus(f, dim, allIndices(n), k, new Rng(77));
      const slow = naivePlusPlus(f, dim, k, new Rng(77));
      expect(Array.from(fast)).toEqual(Array.from(slow));
    }
  });

  it('Elkan and Hamerly refinement give the same clusters and centres as plain Lloyd', () => {
    const rng = new Rng(21);
    for (const [n, dim, k, iters] of [
      [200, 3, 7, 20],
      [150, 8, 12, 5],
      [120, 2, 30, 50],
      [300, 32, 25, 20],
    ] as const) {
      const f = blobs(rng, n, dim);
      const pool = allIndices(n);
      const init = kmeansPlusPlus(f, dim, pool, k, rng);
      const slow = init.slice();
      const b = naiveLloyd(f, dim, slow, iters);
      for (const bounds of ['elkan', 'hamerly'] as const) {
        const fast = init.slice();
        const a = refineCentres(f, dim, pool, fast, iters, bounds);
        expect(Array.from(a)).toEqual(Array.from(b));
        fast.forEach((v, j) => expect(v).toBeCloseTo(slow[j]!, 9));
      }
    }
  });

  it('pruned picking equals a brute-force nearest-untaken search', () => {
    const rng = new Rng(3);
    const n = 400;
    const dim = 6;
    const f = blobs(rng, n, dim);
    const pool = allIndices(n);
    const k = 35;
    const centres = kmeansPlusPlus(f, dim, pool, k, rng);
    const assign = refineCentres(f, dim, pool, centres, 3); // stopped early: assign may be stale
    const taken = new Set<number>();
    const brute: number[] = [];
    for (let c = 0; c < k; c++) {
      let best = -1;
      let bestD = Infinity;
      for (let t = 0; t < n; t++) {
        if (taken.has(t)) continue;
        let s = 0;
        for (let d = 0; d < dim; d++) s += (f[t * dim + d]! - centres[c * dim + d]!) ** 2;
        if (s < bestD) [best, bestD] = [t, s];
      }
      taken.add(best);
      brute.push(best);
    }
    expect(Array.from(pickNearest(f, dim, pool, centres, assign))).toEqual(brute);
  });
});
