// Tests of the synthetic tiny bundle: it loads, is seeded, is learnable (a nearest-class-mean
// classifier fit on the decoded samples beats chance on its test set), and its scores track noise.
import { describe, it, expect } from 'vitest';
import { readBundle } from '../../src/engine/bundle/read';
import { decodeSamples, sampleLabels } from '../../src/engine/decode';
import { SCORE_NAMES } from '../../src/engine/types';
import { makeTinyBundle } from './tiny-bundle';

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Accuracy on the test set of nearest-class-mean fit on the decoded training samples. */
function nearestMeanAccuracy(b: Awaited<ReturnType<typeof readBundle>>): number {
  const { imageShape, ipc, factor, classes } = b.manifest;
  const size = imageShape[0] * imageShape[1] * imageShape[2];
  const samples = decodeSamples(b.images, imageShape, classes.length * ipc, factor);
  const labels = sampleLabels(b.labels, factor);
  const means = classes.map(() => new Float64Array(size));
  const counts = new Array<number>(classes.length).fill(0);
  for (let s = 0; s < labels.length; s++) {
    const m = means[labels[s]!]!;
    for (let k = 0; k < size; k++) m[k]! += samples[s * size + k]!;
    counts[labels[s]!]!++;
  }
  means.forEach((m, c) => m.forEach((v, k) => (m[k] = v / counts[c]!)));
  let correct = 0;
  for (let t = 0; t < b.testLabels.length; t++) {
    let best = -1;
    let bestD = Infinity;
    means.forEach((m, c) => {
      let d = 0;
      for (let k = 0; k < size; k++) d += (b.testImages[t * size + k]! - m[k]!) ** 2;
      if (d < bestD) [best, bestD] = [c, d];
    });
    if (best === b.testLabels[t]) correct++;
  }
  return correct / b.testLabels.length;
}

describe('makeTinyBundle', () => {
  it('builds a bundle that readBundle accepts, with the requested geometry', async () => {
    const tiny = await makeTinyBundle({
      classes: 5,
      ipc: 3,
      factor: 2,
      size: 12,
      channels: 1,
      testPerClass: 4,
      seed: 2,
    });
    const b = await readBundle(tiny.getFile);
    expect(b.manifest.imageShape).toEqual([12, 12, 1]);
    expect(b.manifest.classes).toHaveLength(5);
    expect(b.images.length).toBe(5 * 3 * 144);
    expect(b.testLabels.length).toBe(20);
    expect([...b.testLabels.slice(0, 6)]).toEqual([0, 1, 2, 3, 4, 0]);
    expect(b.scores.lbpe.length).toBe(5 * 3 * 4);
    expect(tiny.noise.length).toBe(60);
    expect(b.manifest.flip).toBe(false);
  });

  it('is reproducible for a seed and changes with the seed', async () => {
    const a = await makeTinyBundle({ seed: 5 });
    const b = await makeTinyBundle({ seed: 5 });
    const c = await makeTinyBundle({ seed: 6 });
    expect(b.manifest.files).toEqual(a.manifest.files);
    expect(c.manifest.files.images.sha256).not.toBe(a.manifest.files.images.sha256);
  });

  it('sorts the same test images by class with testOrder "sorted", training set unchanged', async () => {
    const opts = { classes: 3, ipc: 2, size: 8, testPerClass: 4, seed: 9 };
    const a = await readBundle((await makeTinyBundle(opts)).getFile);
    const b = await readBundle((await makeTinyBundle({ ...opts, testOrder: 'sorted' })).getFile);
    expect([...b.testLabels]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(b.images).toEqual(a.images);
    expect(b.scores).toEqual(a.scores);
    const size = 8 * 8 * 3;
    const image = (x: typeof a, i: number) => [...x.testImages.subarray(i * size, (i + 1) * size)];
    // Image j of class c: at j · 3 + c interleaved, at c · 4 + j sorted.
    for (const [c, j] of [
      [0, 0],
      [1, 2],
      [2, 3],
    ] as const) {
      expect(image(b, c * 4 + j)).toEqual(image(a, j * 3 + c));
    }
  });

  it('is learnable: nearest class mean on decoded samples classifies test images well above chance', async () => {
    for (const channels of [3, 1]) {
      const tiny = await makeTinyBundle({
        classes: 4,
        ipc: 3,
        factor: 2,
        size: 16,
        channels,
        testPerClass: 15,
        seed: 3,
      });
      const acc = nearestMeanAccuracy(await readBundle(tiny.getFile));
      expect(acc).toBeGreaterThan(0.8); // chance is 0.25
    }
  });

  it('float32: the same draws in pixel/255 units, overshooting [0, 1] both ways, still learnable', async () => {
    const opts = {
      classes: 4,
      ipc: 3,
      factor: 2,
      size: 16,
      channels: 3,
      testPerClass: 15,
      seed: 3,
    };
    const u8 = await makeTinyBundle(opts);
    const f32 = await makeTinyBundle({ ...opts, imageDType: 'float32' });
    expect(f32.manifest.imageDType).toBe('float32');
    expect(f32.manifest.files.images.path).toBe('images.f32');
    const b = await readBundle(f32.getFile);
    const images = b.images as Float32Array;
    expect(images).toBeInstanceOf(Float32Array);
    const below = images.filter((v) => v < 0).length;
    const above = images.filter((v) => v > 1).length;
    expect(below).toBeGreaterThan(0);
    expect(above).toBeGreaterThan(0);
    expect((below + above) / images.length).toBeLessThan(0.25); // mostly in range, as synthesized sets are
    // Test images, labels and scores are the uint8 bundle's: only the stored pixels differ.
    for (const key of ['testImages', 'testLabels', 'labels', 'scores'] as const) {
      expect(f32.manifest.files[key].sha256).toBe(u8.manifest.files[key].sha256);
    }
    expect(b.testImages).toBeInstanceOf(Uint8Array);
    expect(nearestMeanAccuracy(b)).toBeGreaterThan(0.8); // chance is 0.25
  });

  it('has finite scores that follow the per-sample noise level (AUM inversely)', async () => {
    const tiny = await makeTinyBundle({ classes: 3, ipc: 4, seed: 8 });
    const b = await readBundle(tiny.getFile);
    for (const name of SCORE_NAMES) expect(b.scores[name].every(Number.isFinite)).toBe(true);
    expect(pearson(b.scores.lbpe, tiny.noise)).toBeGreaterThan(0.95);
    expect(pearson(b.scores.el2n, tiny.noise)).toBeGreaterThan(0.9);
    expect(pearson(b.scores.loss, tiny.noise)).toBeGreaterThan(0.95);
    expect(pearson(b.scores.aum, tiny.noise)).toBeLessThan(-0.95);
    expect(b.scores.forgetting.every((v) => Number.isInteger(v) && v >= 0 && v <= 6)).toBe(true);
  });

  it('rejects a size not divisible by the factor', async () => {
    await expect(makeTinyBundle({ size: 10, factor: 3 })).rejects.toThrow(
      /size 10 is not divisible by factor 3/,
    );
  });
});
