// Tests of the stratified test subset: per-class quotas, which images are chosen, and that the
// choice does not depend on whether the test set is sorted by class.
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { Rng } from './rng';
import {
  classCounts,
  describePerClass,
  groupedByClass,
  stratifiedIndices,
  stratifiedQuotas,
  stratifiedTestSubset,
} from './test-subset';

/** `perClass` images of each of `classes` classes, one byte each (the byte = stored index % 256). */
function sortedSet(classes: number, perClass: number): { images: Uint8Array; labels: Int32Array } {
  const labels = Int32Array.from({ length: classes * perClass }, (_, i) =>
    Math.floor(i / perClass),
  );
  const images = Uint8Array.from(labels, (_, i) => i % 256);
  return { images, labels };
}

describe('stratifiedTestSubset', () => {
  it('takes 20 images of each class from a class-sorted set of 10 classes with a limit of 200', () => {
    const set = sortedSet(10, 100);
    const sub = stratifiedTestSubset(set, 10, 200);
    expect(sub.perClass).toEqual(new Array(10).fill(20));
    expect(sub.labels).toHaveLength(200);
    // Each class's first 20 images, in ascending stored order.
    const expected = Array.from({ length: 10 }, (_, c) =>
      Array.from({ length: 20 }, (_, j) => c * 100 + j),
    ).flat();
    expect([...sub.indices]).toEqual(expected);
    expect([...sub.labels]).toEqual(expected.map((i) => Math.floor(i / 100)));
    expect([...sub.images]).toEqual(expected.map((i) => i % 256));
  });

  it('copies whole images of any size and keeps a float set float', () => {
    const labels = Int32Array.from([1, 1, 0, 0]);
    const images = Float32Array.from({ length: 4 * 3 }, (_, k) => k);
    const sub = stratifiedTestSubset({ images, labels }, 2, 2);
    expect([...sub.indices]).toEqual([0, 2]);
    expect(sub.images).toBeInstanceOf(Float32Array);
    expect([...sub.images]).toEqual([0, 1, 2, 6, 7, 8]);
    expect([...sub.labels]).toEqual([1, 0]);
  });

  it('uses the whole set, uncopied, when the limit reaches its size', () => {
    const set = sortedSet(3, 4);
    for (const n of [12, 13]) {
      const sub = stratifiedTestSubset(set, 3, n);
      expect(sub.images).toBe(set.images);
      expect(sub.labels).toBe(set.labels);
      expect(sub.indices).toHaveLength(12);
      expect(sub.perClass).toEqual([4, 4, 4]);
    }
  });

  it('chooses the same images whether or not the set is sorted by class (stable sort)', () => {
    const rng = new Rng(5);
    const classes = 7;
    const n = 500;
    const labels = Int32Array.from({ length: n }, () => rng.int(classes));
    const images = Uint8Array.from({ length: n }, (_, i) => i % 256);
    const order = [...labels.keys()].sort((a, b) => labels[a]! - labels[b]! || a - b);
    const sorted = {
      images: Uint8Array.from(order, (i) => images[i]!),
      labels: Int32Array.from(order, (i) => labels[i]!),
    };
    expect(groupedByClass(sorted.labels)).toBe(true);
    expect(groupedByClass(labels)).toBe(false);
    for (const limit of [1, 9, 100, 333]) {
      const a = stratifiedTestSubset({ images, labels }, classes, limit);
      const b = stratifiedTestSubset(sorted, classes, limit);
      expect(b.perClass).toEqual(a.perClass);
      const originalIds = (s: typeof a, ids: readonly number[]) =>
        [...s.indices].map((i) => ids[i]!);
      expect(originalIds(b, order).sort((x, y) => x - y)).toEqual([...a.indices]);
    }
  });

  it('rejects a size below 1 and labels outside the classes with ConfigError', () => {
    const set = sortedSet(2, 3);
    expect(() => stratifiedTestSubset(set, 2, 0)).toThrow(ConfigError);
    expect(() => stratifiedTestSubset(set, 2, 1.5)).toThrow(
      'a test subset size must be a positive integer, got 1.5',
    );
    expect(() => stratifiedTestSubset(set, 1, 2)).toThrow('test label 1 at index 3 is outside 0…0');
  });
});

describe('stratifiedQuotas', () => {
  it('rounds by largest remainder, ties to the lower class index', () => {
    // Exact shares 2.5, 1.5, 1: the one left over goes to class 0 (tie with class 1).
    expect(stratifiedQuotas([5, 3, 2], 5)).toEqual([3, 1, 1]);
    // Exact shares 0.03, 0.03, 2.94: the largest remainder wins.
    expect(stratifiedQuotas([1, 1, 98], 3)).toEqual([0, 0, 3]);
    // Fewer images than classes: the first classes get one each.
    expect(stratifiedQuotas([10, 10, 10, 10], 3)).toEqual([1, 1, 1, 0]);
    // Empty classes get none.
    expect(stratifiedQuotas([4, 0, 4], 4)).toEqual([2, 0, 2]);
    expect(stratifiedQuotas([4, 0, 4], 99)).toEqual([4, 0, 4]);
  });

  it('sums to the limit, stays within one of the exact share and never exceeds a class', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 300; trial++) {
      const counts = Array.from({ length: 1 + rng.int(12) }, () => rng.int(40));
      const total = counts.reduce((a, b) => a + b, 0);
      const n = rng.int(total + 1);
      const q = stratifiedQuotas(counts, n);
      expect(q.reduce((a, b) => a + b, 0)).toBe(n);
      q.forEach((v, k) => {
        expect(v).toBeLessThanOrEqual(counts[k]!);
        expect(Math.abs(v - (n * counts[k]!) / total)).toBeLessThan(1);
      });
    }
  });

  it('gives the first images of each class in stored order', () => {
    const labels = [2, 0, 0, 1, 2, 0, 1, 1, 2, 0];
    expect(classCounts(labels, 3)).toEqual([4, 3, 3]);
    // Quotas for 5 of 10: shares 2, 1.5, 1.5 → [2, 2, 1].
    expect([...stratifiedIndices(labels, 3, 5)]).toEqual([0, 1, 2, 3, 6]);
  });
});

describe('groupedByClass and describePerClass', () => {
  it('says whether each class is one contiguous run', () => {
    expect(groupedByClass([0, 0, 1, 1, 2])).toBe(true);
    expect(groupedByClass([2, 2, 0, 1, 1])).toBe(true);
    expect(groupedByClass([0, 1, 0])).toBe(false);
    expect(groupedByClass([3, 3, 3])).toBe(false); // one class: nothing to sort
    expect(groupedByClass([])).toBe(false);
  });

  it('describes equal and unequal class counts and missing classes', () => {
    expect(describePerClass([4, 4, 4, 4])).toBe('4 per class, all 4 classes');
    expect(describePerClass([188, 219, 200])).toBe('188–219 per class, all 3 classes');
    expect(describePerClass([2, 0, 2])).toBe('2 per class, 2 of 3 classes');
    expect(describePerClass([0, 0])).toBe('no images');
  });
});
