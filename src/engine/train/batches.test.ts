import { describe, it, expect } from 'vitest';
import { ConfigError } from '../errors';
import { Rng } from '../rng';
import { batchesPerEpoch, epochBatches, gatherBatch } from './batches';
import { createNormalizer } from './normalize';

describe('epochBatches', () => {
  it('covers every index exactly once and keeps the partial last batch', () => {
    const batches = epochBatches(10, 4, new Rng(1));
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batchesPerEpoch(10, 4)).toBe(3);
    const all = batches.flatMap((b) => Array.from(b)).sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('is deterministic per seed and reshuffles each epoch', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const a1 = epochBatches(50, 16, a).map((x) => Array.from(x));
    const b1 = epochBatches(50, 16, b).map((x) => Array.from(x));
    expect(a1).toEqual(b1);
    const a2 = epochBatches(50, 16, a).map((x) => Array.from(x));
    expect(a2).not.toEqual(a1);
    const identity = Array.from({ length: 50 }, (_, i) => i);
    expect(a1.flat()).not.toEqual(identity);
  });

  it('rejects empty sets and bad batch sizes', () => {
    expect(() => epochBatches(0, 4, new Rng(1))).toThrow(ConfigError);
    expect(() => epochBatches(5, 0, new Rng(1))).toThrow(
      /batch size must be a positive integer, got 0/,
    );
  });
});

describe('gatherBatch', () => {
  const samples = new Float32Array([0, 1, 10, 11, 20, 21, 30, 31]); // 4 samples of 2 values

  it('copies the chosen samples in order', () => {
    expect(Array.from(gatherBatch(samples, 2, new Int32Array([3, 0, 2])))).toEqual([
      30, 31, 0, 1, 20, 21,
    ]);
  });

  it('normalises while copying', () => {
    const n = createNormalizer({ mean: [0], std: [10 / 255] }, 1); // v -> v / 10
    const out = gatherBatch(new Uint8Array([0, 10, 20, 30, 40, 50]), 3, new Int32Array([1]), n);
    expect(Array.from(out)).toEqual([3, 4, 5]);
  });

  it('rejects indices outside the set', () => {
    expect(() => gatherBatch(samples, 2, new Int32Array([4]))).toThrow(
      /sample index 4 is outside 0..3/,
    );
  });
});
