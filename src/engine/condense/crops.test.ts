// Tests of random-resized crops: torchvision box semantics (sizes, bounds, fallback), seeded
// determinism, exact resize answers (antialiased and plain), agreement with the decoder's
// bilinear resize, and crop/upsample consistency with stitching + decoding.
import { describe, expect, it } from 'vitest';
import { decodeSamples, resizeBilinear } from '../decode';
import { ConfigError } from '../errors';
import { Rng } from '../rng';
import { stitchPatches } from '../stitch';
import {
  cropPatch,
  patchShapeFor,
  randomResizedCrops,
  sampleCropBox,
  toUint8,
  upsamplePatches,
} from './crops';
import { resizeRegion } from './resize-region';

function randomImages(n: number, size: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  return new Uint8Array(n * size).map(() => rng.int(256));
}

describe('sampleCropBox', () => {
  it('draws square boxes of area fraction within (0.08, 1) that fit, deterministically', () => {
    const rng = new Rng(3);
    const sides = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const b = sampleCropBox(rng, 32, 32);
      expect(b.height).toBe(b.width);
      expect(b.top).toBeGreaterThanOrEqual(0);
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.top + b.height).toBeLessThanOrEqual(32);
      expect(b.left + b.width).toBeLessThanOrEqual(32);
      sides.add(b.height);
    }
    // round(√(1024·0.08)) = 9 … 32.
    expect(Math.min(...sides)).toBe(9);
    expect(Math.max(...sides)).toBe(32);
    const a = new Rng(8);
    const b = new Rng(8);
    for (let i = 0; i < 20; i++) expect(sampleCropBox(a, 28, 28)).toEqual(sampleCropBox(b, 28, 28));
  });

  it('uses the whole image at scale 1 and the central fallback when nothing fits', () => {
    expect(sampleCropBox(new Rng(1), 8, 8, { scale: [1, 1] })).toEqual({
      top: 0,
      left: 0,
      height: 8,
      width: 8,
    });
    // A square of ≥ 90% of 4×16 is at least 8 px high: never fits, so the central 4×4 crop.
    expect(sampleCropBox(new Rng(1), 4, 16, { scale: [0.9, 1] })).toEqual({
      top: 0,
      left: 6,
      height: 4,
      width: 4,
    });
    expect(() => sampleCropBox(new Rng(1), 8, 8, { scale: [0, 1] })).toThrow(ConfigError);
  });

  it('honours non-square ratios', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 200; i++) {
      const b = sampleCropBox(rng, 20, 20, { scale: [0.5, 0.5], ratio: [2, 2] });
      // Area 200 at ratio 2: width round(√400) = 20, height round(√100) = 10; only the row moves.
      expect(b).toMatchObject({ left: 0, height: 10, width: 20 });
      expect(b.top).toBeLessThanOrEqual(10);
    }
  });
});

describe('resizeRegion', () => {
  const row = Uint8Array.from([0, 4, 8, 12]);
  it('downsamples with an antialiasing triangle filter (known answer)', () => {
    const out = resizeRegion(row, 0, [1, 4, 1], { top: 0, left: 0, height: 1, width: 4 }, 1, 2);
    expect(out[0]).toBeCloseTo(5 / 1.75, 5);
    expect(out[1]).toBeCloseTo(16 / 1.75, 5);
    const plain = resizeRegion(
      row,
      0,
      [1, 4, 1],
      { top: 0, left: 0, height: 1, width: 4 },
      1,
      2,
      false,
    );
    expect(Array.from(plain)).toEqual([2, 10]);
  });

  it('equals the decoder bilinear resize when enlarging, and copies at equal size', () => {
    const shape = [6, 5, 3] as const;
    const img = randomImages(1, 6 * 5 * 3, 9);
    const box = { top: 0, left: 0, height: 6, width: 5 };
    const up = resizeRegion(img, 0, shape, box, 13, 11);
    const ref = resizeBilinear(img, 6, 5, 3, 13, 11);
    for (let i = 0; i < ref.length; i++) expect(up[i]).toBeCloseTo(ref[i]!, 4);
    const same = resizeRegion(img, 0, shape, box, 6, 5);
    for (let i = 0; i < img.length; i++) expect(same[i]).toBeCloseTo(img[i]!, 4);
  });

  it('refuses a box outside the image', () => {
    expect(() =>
      resizeRegion(row, 0, [1, 4, 1], { top: 0, left: 2, height: 1, width: 3 }, 1, 2),
    ).toThrow(/does not fit a 1×4 image/);
  });
});

describe('cropPatch / randomResizedCrops / upsamplePatches', () => {
  const shape = [8, 8, 2] as const;
  const size = 8 * 8 * 2;
  const images = randomImages(5, size, 21);

  it('copies a box exactly when it already has the patch size', () => {
    const patch = cropPatch(images, shape, 3, { top: 2, left: 1, height: 4, width: 4 }, [4, 4, 2]);
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 4; x++) {
        for (let k = 0; k < 2; k++) {
          expect(patch[(y * 4 + x) * 2 + k]).toBe(images[3 * size + ((2 + y) * 8 + 1 + x) * 2 + k]);
        }
      }
    }
  });

  it('cuts seeded crops whose patches match their recorded boxes', () => {
    const a = randomResizedCrops(images, shape, [4, 0, 2], 3, 2, new Rng(77));
    const b = randomResizedCrops(images, shape, [4, 0, 2], 3, 2, new Rng(77));
    expect(a.count).toBe(9);
    expect(a.patchShape).toEqual([4, 4, 2]);
    expect(Array.from(a.sources)).toEqual([4, 4, 4, 0, 0, 0, 2, 2, 2]);
    expect(a.patches).toEqual(b.patches);
    expect(a.boxes).toEqual(b.boxes);
    const c = randomResizedCrops(images, shape, [4, 0, 2], 3, 2, new Rng(78));
    expect(c.boxes).not.toEqual(a.boxes);
    for (let n = 0; n < a.count; n++) {
      const [top, left, height, width] = Array.from(a.boxes.subarray(4 * n, 4 * n + 4));
      const again = cropPatch(
        images,
        shape,
        a.sources[n]!,
        { top: top!, left: left!, height: height!, width: width! },
        [4, 4, 2],
      );
      expect(a.patches.subarray(n * 32, (n + 1) * 32)).toEqual(again);
    }
  });

  it('upsamples patches exactly as decoding their stitched image does', () => {
    const crops = randomResizedCrops(images, shape, [0, 1], 2, 2, new Rng(5));
    const stored = stitchPatches(crops.patches, shape, 2);
    const decoded = decodeSamples(stored, shape, 1, 2);
    const up = upsamplePatches(crops.patches, crops.patchShape, shape, 0, 4);
    expect(up).toEqual(decoded);
  });

  it('rounds to uint8 and validates the factor', () => {
    expect(Array.from(toUint8(Float32Array.from([-3, 0.49, 0.5, 254.5, 300])))).toEqual([
      0, 0, 1, 255, 255,
    ]);
    expect(patchShapeFor([28, 28, 1], 2)).toEqual([14, 14, 1]);
    expect(() => patchShapeFor([28, 28, 1], 3)).toThrow(/not divisible by factor 3/);
  });
});
