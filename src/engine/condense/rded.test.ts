// Tests of RDED patch selection with deterministic scorers: the exact images and crops chosen
// (best crop per image, best images per class), the stitching order, output counts and shapes,
// batching and progress, seed determinism, stitching + decoding round trip, and errors.
import { describe, expect, it } from 'vitest';
import { decodeSamples } from '../decode';
import { ConfigError } from '../errors';
import { Rng } from '../rng';
import { cropPatch, upsamplePatches } from './crops';
import { selectRdedPatches, stitchRded, type CropScorer, type RdedOptions } from './rded';

/** Loss = mean pixel value / 100 of each (upsampled) crop. */
const meanScorer: CropScorer = async (images, count) => {
  const size = images.length / count;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let s = 0;
    for (let j = 0; j < size; j++) s += images[i * size + j]!;
    out[i] = s / size / 100;
  }
  return out;
};

describe('selectRdedPatches', () => {
  it('keeps the lowest-loss images and orders them for stitching (constant images)', async () => {
    const values = [50, 10, 30, 20, 40, 60];
    const shape = [4, 4, 1] as const;
    const images = new Uint8Array(6 * 16);
    values.forEach((v, i) => images.fill(v, i * 16, (i + 1) * 16));
    const r = await selectRdedPatches(
      images,
      new Int32Array(6),
      shape,
      ['only'],
      [0, 1, 2, 3, 4, 5],
      meanScorer,
      {
        ipc: 1,
        factor: 2,
        cropsPerImage: 3,
        seed: 4,
      },
    );
    expect(r.count).toBe(4);
    expect(r.patchShape).toEqual([2, 2, 1]);
    expect(Array.from(r.sources)).toEqual([1, 3, 2, 4]);
    expect(Array.from(r.losses)).toEqual([0.1, 0.2, 0.3, 0.4].map(Math.fround));
    expect(Array.from(r.ranks)).toEqual([0, 1, 2, 3]);
    expect(Array.from(r.patches)).toEqual([
      10, 10, 10, 10, 20, 20, 20, 20, 30, 30, 30, 30, 40, 40, 40, 40,
    ]);
  });

  // Channel 0 of image i is the constant i (survives cropping and resizing exactly), so the
  // scorer can tell which image a crop came from; channel 1 is a ramp, so crops differ.
  const shape = [12, 12, 2] as const;
  const numImages = 60;
  const classes = ['a', 'b', 'c'];
  function dataset(): { images: Uint8Array; labels: Int32Array } {
    const images = new Uint8Array(numImages * 288);
    const labels = new Int32Array(numImages);
    const rng = new Rng(99);
    for (let i = 0; i < numImages; i++) {
      labels[i] = i % 3;
      const gx = rng.uniform(-8, 8);
      const gy = rng.uniform(-8, 8);
      for (let y = 0; y < 12; y++) {
        for (let x = 0; x < 12; x++) {
          images[i * 288 + (y * 12 + x) * 2] = i;
          images[i * 288 + (y * 12 + x) * 2 + 1] = Math.round(
            128 + gx * (x - 5.5) + gy * (y - 5.5),
          );
        }
      }
    }
    return { images, labels };
  }

  interface Call {
    readonly source: number;
    readonly label: number;
    readonly loss: number;
  }
  function recordingScorer(calls: Call[]): CropScorer {
    return async (images, count, labels) => {
      const size = images.length / count;
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) {
        let s = 0;
        for (let p = 0; p < size / 2; p++) s += images[i * size + 2 * p + 1]!;
        out[i] = s / (size / 2);
        calls.push({ source: Math.round(images[i * size]!), label: labels[i]!, loss: out[i]! });
      }
      return out;
    };
  }

  it('chooses each image’s best crop and the class’s best images, exactly', async () => {
    const { images, labels } = dataset();
    const calls: Call[] = [];
    const progress: Array<[number, number]> = [];
    const candidates = Array.from({ length: numImages }, (_, i) => i).filter((i) => i !== 7);
    const opts = { ipc: 2, factor: 2, poolSize: 12, cropsPerImage: 4, seed: 11, batchSize: 7 };
    const select = (scorer: CropScorer, o: RdedOptions) =>
      selectRdedPatches(images, labels, shape, classes, candidates, scorer, o);
    const r = await select(recordingScorer(calls), {
      ...opts,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(r.count).toBe(3 * 2 * 4);
    expect(r.patches.length).toBe(24 * 6 * 6 * 2);
    expect(calls).toHaveLength(3 * 12 * 4);
    expect(progress.at(-1)).toEqual([144, 144]);
    expect(progress).toHaveLength(3 * Math.ceil(48 / 7));

    for (let c = 0; c < 3; c++) {
      const mine = calls.filter((k) => k.label === c);
      // Pool: 12 distinct candidates of class c, K consecutive crops each, never image 7.
      const pool = [...new Set(mine.map((k) => k.source))];
      expect(pool).toHaveLength(12);
      for (const s of pool) {
        expect(labels[s]).toBe(c);
        expect(s).not.toBe(7);
      }
      const best = pool.map((s) => {
        const losses = mine.filter((k) => k.source === s).map((k) => k.loss);
        expect(losses).toHaveLength(4);
        return { s, loss: Math.min(...losses) };
      });
      best.sort((a, b) => a.loss - b.loss || a.s - b.s);
      const want = best.slice(0, 8);
      for (let rank = 0; rank < 8; rank++) {
        const at = (c * 2 + (rank % 2)) * 4 + Math.floor(rank / 2);
        expect(r.ranks[at]).toBe(rank);
        expect(r.labels[at]).toBe(c);
        expect(r.sources[at]).toBe(want[rank]!.s);
        expect(r.losses[at]).toBe(want[rank]!.loss);
        // The stored patch is the crop of the recorded box, and it scores as recorded.
        const box = Array.from(r.boxes.subarray(4 * at, 4 * at + 4));
        const again = cropPatch(
          images,
          shape,
          r.sources[at]!,
          { top: box[0]!, left: box[1]!, height: box[2]!, width: box[3]! },
          [6, 6, 2],
        );
        expect(r.patches.subarray(at * 72, (at + 1) * 72)).toEqual(again);
        const rescored = await recordingScorer([])(
          upsamplePatches(r.patches, r.patchShape, shape, at, 1),
          1,
          Int32Array.of(c),
        );
        expect(rescored[0]).toBe(r.losses[at]);
      }
    }

    const again = await select(recordingScorer([]), opts);
    expect(again.patches).toEqual(r.patches);
    expect(again.sources).toEqual(r.sources);
    const other = await select(recordingScorer([]), { ...opts, seed: 12 });
    expect(other.boxes).not.toEqual(r.boxes);
  });

  it('stitches into stored images that decode back to the selected patches', async () => {
    const { images, labels } = dataset();
    const all = Array.from({ length: numImages }, (_, i) => i);
    const r = await selectRdedPatches(images, labels, shape, classes, all, meanScorer, {
      ipc: 3,
      factor: 2,
      poolSize: 20,
      cropsPerImage: 2,
      seed: 1,
    });
    const stored = stitchRded(r, shape, 2);
    expect(stored.count).toBe(9);
    expect(Array.from(stored.labels)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const decoded = decodeSamples(stored.images, shape, stored.count, 2);
    expect(decoded).toEqual(upsamplePatches(r.patches, r.patchShape, shape, 0, r.count));
  });

  it("select 'random' ignores the observer: a seeded choice of images, their losses recorded", async () => {
    const values = [50, 10, 30, 20, 40, 60, 70, 80];
    const shape = [4, 4, 1] as const;
    const images = new Uint8Array(values.length * 16);
    values.forEach((v, i) => images.fill(v, i * 16, (i + 1) * 16));
    const negated: CropScorer = async (im, count) =>
      (await meanScorer(im, count, new Int32Array(count))).map((v) => -v);
    const run = (scorer: CropScorer, seed: number) =>
      selectRdedPatches(
        images,
        new Int32Array(values.length),
        shape,
        ['only'],
        values.map((_, i) => i),
        scorer,
        {
          ipc: 1,
          factor: 2,
          cropsPerImage: 3,
          seed,
          select: 'random',
        },
      );
    const a = await run(meanScorer, 4);
    const b = await run(negated, 4);
    // The losses choose nothing: a reversed scorer keeps the same images in the same order.
    expect(Array.from(b.sources)).toEqual(Array.from(a.sources));
    expect(new Set(a.sources).size).toBe(4);
    // Each kept patch carries its own image's loss (constant images: value / 100).
    expect(Array.from(a.losses)).toEqual(
      Array.from(a.sources, (i) => Math.fround(values[i]! / 100)),
    );
    // Not the lowest-loss choice for every seed, and deterministic per seed.
    const lowest = [1, 3, 2, 4];
    const choices = await Promise.all(
      [0, 1, 2, 3, 5, 6].map(async (s) => Array.from((await run(meanScorer, s)).sources)),
    );
    expect(choices.some((c) => c.join() !== lowest.join())).toBe(true);
    expect(Array.from((await run(meanScorer, 4)).sources)).toEqual(Array.from(a.sources));
    await expect(
      selectRdedPatches(
        images,
        new Int32Array(values.length),
        shape,
        ['only'],
        [0, 1, 2, 3],
        meanScorer,
        {
          ipc: 1,
          factor: 2,
          seed: 1,
          select: 'best' as never,
        },
      ),
    ).rejects.toThrow(/unknown RDED selection "best"/);
  });

  it('rejects pools too small for ipc·f² and a scorer that answers wrongly', async () => {
    const { images, labels } = dataset();
    const few = [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11];
    const err = await selectRdedPatches(images, labels, shape, classes, few, meanScorer, {
      ipc: 2,
      factor: 2,
      seed: 1,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(
      /class 0 \("a"\) has a pool of 4 images .* needs ipc·f² = 8/,
    );
    const bad: CropScorer = async (_i, count) => new Float32Array(count - 1);
    await expect(
      selectRdedPatches(
        images,
        labels,
        shape,
        classes,
        Array.from({ length: 60 }, (_, i) => i),
        bad,
        {
          ipc: 1,
          factor: 1,
          seed: 1,
        },
      ),
    ).rejects.toThrow(/returned 99 losses for 100 crops/);
    await expect(
      selectRdedPatches(images, labels, [12, 12, 2], classes, [0], meanScorer, {
        ipc: 1,
        factor: 5,
        seed: 1,
      }),
    ).rejects.toThrow(/not divisible by factor 5/);
  });
});
