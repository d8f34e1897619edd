// Which test images a run evaluates when it asks for fewer than the whole test set: a stratified
// subset, so that the figure does not depend on how the bundle happens to order its test set (a
// class-sorted test set's first N images hold only its first classes). The one rule used by the
// CLI (train, table), the app's engine session and the throughput measurement:
//   - per-class quotas in proportion to the class counts, by largest remainder (ties go to the
//     lower class index), so a balanced set gets equal counts;
//   - within a class, its first images in stored order;
//   - the chosen indices in ascending stored order; N ≥ the set's size takes the whole set.
// It depends only on the labels and N, so every run and method on a bundle sees the same images.
import type { LoadedBundle } from './bundle/read';
import { checkPositiveInteger, ConfigError } from './errors';
import type { TestSet } from './train/train';

export interface TestSubset extends TestSet {
  /** Stored indices of the chosen images, ascending. */
  readonly indices: Int32Array;
  /** Chosen images per class (index = class). */
  readonly perClass: readonly number[];
}

/** Images per class in `labels` (labels must lie in 0…numClasses−1). */
export function classCounts(labels: ArrayLike<number>, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (!(y >= 0 && y < numClasses)) {
      throw new ConfigError(`test label ${y} at index ${i} is outside 0…${numClasses - 1}`);
    }
    counts[y]!++;
  }
  return counts;
}

/**
 * How many of `n` images each class gets: proportional to `counts`, rounded by largest remainder
 * with ties to the lower class index. Never more than a class holds; sums to min(n, total).
 */
export function stratifiedQuotas(counts: readonly number[], n: number): number[] {
  if (!Number.isInteger(n) || n < 0) {
    throw new ConfigError(`a test subset size must be a non-negative integer, got ${n}`);
  }
  const total = counts.reduce((a, b) => a + b, 0);
  if (n >= total) return [...counts];
  // Integer arithmetic (n · count < 2^53 for any real test set), so remainders compare exactly.
  const quotas = counts.map((c) => Math.floor((n * c) / total));
  const order = counts
    .map((c, k) => ({ k, rem: (n * c) % total }))
    .sort((a, b) => b.rem - a.rem || a.k - b.k);
  // The leftover is the sum of the fractional parts, so it is smaller than the number of classes
  // with a non-zero remainder: each of those gets at most one more, never past its count.
  let left = n - quotas.reduce((a, b) => a + b, 0);
  for (const { k } of order) {
    if (left === 0) break;
    quotas[k]!++;
    left--;
  }
  return quotas;
}

/** Ascending stored indices of the stratified subset of `n` images of a set with these labels. */
export function stratifiedIndices(
  labels: ArrayLike<number>,
  numClasses: number,
  n: number,
): Int32Array {
  const quotas = stratifiedQuotas(classCounts(labels, numClasses), n);
  const out = new Int32Array(quotas.reduce((a, b) => a + b, 0));
  let k = 0;
  for (let i = 0; i < labels.length && k < out.length; i++) {
    const y = labels[i]!;
    if (quotas[y]! > 0) {
      quotas[y]!--;
      out[k++] = i;
    }
  }
  return out;
}

/**
 * The stratified subset of `n` images of `set` (images copied out; the whole set, not copied,
 * when n ≥ its size). `numClasses` is the bundle's class count, so empty classes count as 0.
 */
export function stratifiedTestSubset(set: TestSet, numClasses: number, n: number): TestSubset {
  const total = set.labels.length;
  checkPositiveInteger('a test subset size', n);
  if (n >= total) {
    return {
      ...set,
      indices: Int32Array.from({ length: total }, (_, i) => i),
      perClass: classCounts(set.labels, numClasses),
    };
  }
  const indices = stratifiedIndices(set.labels, numClasses, n);
  const size = set.images.length / total;
  const images =
    set.images instanceof Float32Array
      ? new Float32Array(indices.length * size)
      : new Uint8Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  indices.forEach((src, dst) => {
    images.set(set.images.subarray(src * size, (src + 1) * size), dst * size);
    labels[dst] = set.labels[src]!;
  });
  return { images, labels, indices, perClass: classCounts(labels, numClasses) };
}

/** The stratified subset of `n` of a loaded bundle's test images. */
export function bundleTestSubset(bundle: LoadedBundle, n: number): TestSubset {
  const set = { images: bundle.testImages, labels: bundle.testLabels };
  return stratifiedTestSubset(set, bundle.manifest.classes.length, n);
}

/** True when every class's images form one contiguous run (a test set sorted by class). */
export function groupedByClass(labels: ArrayLike<number>): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (i > 0 && y === labels[i - 1]) continue;
    if (seen.has(y)) return false;
    seen.add(y);
  }
  return seen.size > 1;
}

/** "4 per class, all 4 classes", "188–219 per class, 9 of 10 classes": a subset's class counts. */
export function describePerClass(perClass: readonly number[]): string {
  const present = perClass.filter((c) => c > 0);
  if (present.length === 0) return 'no images';
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  const per = lo === hi ? `${lo} per class` : `${lo}–${hi} per class`;
  const classes =
    present.length === perClass.length
      ? `all ${perClass.length} classes`
      : `${present.length} of ${perClass.length} classes`;
  return `${per}, ${classes}`;
}
