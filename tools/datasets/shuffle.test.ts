// Tests of the seeded split shuffle: a permutation of whole images with their labels, reproducible
// from the seed, and no longer grouped by class when the input was.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng';
import { groupedByClass } from '../../src/engine/test-subset';
import { shuffleSplit } from './shuffle';
import type { ImportedSplit } from './types';

/** 3 classes × 10 images of 2 bytes, sorted by class; image i holds bytes (i, label). */
function sortedSplit(): ImportedSplit {
  const count = 30;
  const labels = Int32Array.from({ length: count }, (_, i) => Math.floor(i / 10));
  const images = new Uint8Array(count * 2);
  labels.forEach((y, i) => images.set([i, y], 2 * i));
  return { images, labels, shape: [1, 2, 1], count, classes: ['a', 'b', 'c'] };
}

describe('shuffleSplit', () => {
  it('moves whole images with their labels in the order of Rng(seed).permutation', () => {
    const split = sortedSplit();
    const out = shuffleSplit(split, 5);
    const p = new Rng(5).permutation(30);
    expect(out.count).toBe(30);
    expect(out.shape).toEqual([1, 2, 1]);
    for (let i = 0; i < 30; i++) {
      expect([out.images[2 * i], out.images[2 * i + 1]]).toEqual([p[i], split.labels[p[i]!]]);
      expect(out.labels[i]).toBe(split.labels[p[i]!]);
    }
    expect(groupedByClass(split.labels)).toBe(true);
    expect(groupedByClass(out.labels)).toBe(false);
    // The input is left as it was.
    expect(split.images[2]).toBe(1);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const a = shuffleSplit(sortedSplit(), 5);
    expect(shuffleSplit(sortedSplit(), 5).images).toEqual(a.images);
    expect(shuffleSplit(sortedSplit(), 6).images).not.toEqual(a.images);
  });
});
