// Mini-batching for training: a seeded shuffle of all sample indices per epoch, cut into batches
// of `batchSize`. The last batch keeps the remainder (it is smaller, never dropped), so every
// sample is seen exactly once per epoch, as the score recorders (design.md §2) need. Also gathers the
// chosen samples into one contiguous, normalised Float32Array batch.
import { checkPositiveInteger, ConfigError } from '../errors';
import type { Rng } from '../rng';
import { normalizeInto, type Normalizer } from './normalize';

/** Shuffled batches of `0..count-1` for one epoch; every index appears exactly once. */
export function epochBatches(count: number, batchSize: number, rng: Rng): Int32Array[] {
  if (!Number.isInteger(count) || count < 1)
    throw new ConfigError(`training set must hold at least one sample, got ${count}`);
  checkPositiveInteger('batch size', batchSize);
  const order = rng.permutation(count);
  const batches: Int32Array[] = [];
  for (let start = 0; start < count; start += batchSize) {
    batches.push(order.slice(start, Math.min(count, start + batchSize)));
  }
  return batches;
}

/** Number of batches per epoch (the last one may be partial). */
export function batchesPerEpoch(count: number, batchSize: number): number {
  return Math.ceil(count / batchSize);
}

/**
 * Copy samples `indices` (each `sampleSize` values of `samples`) into `out` in that order,
 * normalising them when `normalizer` is given. `out` must hold `indices.length · sampleSize`.
 */
export function gatherBatch(
  samples: Float32Array | Uint8Array,
  sampleSize: number,
  indices: Int32Array,
  normalizer?: Normalizer,
  out: Float32Array = new Float32Array(indices.length * sampleSize),
): Float32Array {
  const count = samples.length / sampleSize;
  if (out.length < indices.length * sampleSize) {
    throw new ConfigError(
      `batch buffer holds ${out.length} values, needs ${indices.length * sampleSize}`,
    );
  }
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i]!;
    if (j < 0 || j >= count) throw new ConfigError(`sample index ${j} is outside 0..${count - 1}`);
    const src = j * sampleSize;
    const dst = i * sampleSize;
    if (normalizer) normalizeInto(normalizer, samples, src, sampleSize, out, dst);
    else out.set(samples.subarray(src, src + sampleSize), dst);
  }
  return out;
}
