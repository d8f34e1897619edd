// Seeded shuffle of an imported split. The builder stores the test set in this order because
// importers keep the source's order, and an image folder (or any class-sorted source) is read class
// by class: there, the first N test images would hold only the first classes.
import { Rng } from '../../src/engine/rng';
import type { ImportedSplit } from './types';

/** `split` reordered so that image i is the old image p[i], p = new Rng(seed).permutation(count). */
export function shuffleSplit(split: ImportedSplit, seed: number): ImportedSplit {
  const order = new Rng(seed).permutation(split.count);
  const size = split.images.length / split.count;
  const images = new Uint8Array(split.images.length);
  const labels = new Int32Array(split.count);
  order.forEach((from, to) => {
    images.set(split.images.subarray(from * size, (from + 1) * size), to * size);
    labels[to] = split.labels[from]!;
  });
  return { ...split, images, labels };
}
