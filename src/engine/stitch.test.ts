// Tests of stitching: exact grid layout, extractPatch inverse, and decode(stitch(x)) = upsample(x).
import { describe, it, expect } from 'vitest';
import { extractPatch, stitchPatches } from './stitch';
import { decodeSamples, resizeBilinear } from './decode';
import { ConfigError } from './errors';
import { Rng } from './rng';

describe('stitchPatches', () => {
  it('places four 2×2 patches row-major on a 2×2 grid', () => {
    const patches = Uint8Array.from([
      ...[1, 2, 3, 4], // patch 0: top-left
      ...[5, 6, 7, 8], // patch 1: top-right
      ...[9, 10, 11, 12], // patch 2: bottom-left
      ...[13, 14, 15, 16], // patch 3: bottom-right
    ]);
    expect([...stitchPatches(patches, [4, 4, 1], 2)]).toEqual([
      1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16,
    ]);
  });

  it('extractPatch cuts the patches back out (f = 3, three channels, non-square)', () => {
    const rng = new Rng(11);
    const shape = [9, 6, 3] as const;
    const patchBytes = 3 * 2 * 3;
    const patches = new Uint8Array(9 * patchBytes).map(() => rng.int(256));
    const image = stitchPatches(patches, shape, 3);
    for (let p = 0; p < 9; p++) {
      expect(extractPatch(image, shape, 3, p)).toEqual(
        patches.subarray(p * patchBytes, (p + 1) * patchBytes),
      );
    }
  });

  it('keeps float32 patches float32, bit for bit (synthesized pixels outside [0, 1] too)', () => {
    const rng = new Rng(4);
    const shape = [4, 6, 2] as const;
    const patchSize = 2 * 3 * 2;
    const patches = new Float32Array(4 * patchSize).map(() => rng.uniform(-0.7, 1.9));
    const image = stitchPatches(patches, shape, 2);
    expect(image).toBeInstanceOf(Float32Array);
    for (let p = 0; p < 4; p++) {
      const back = extractPatch(image, shape, 2, p);
      expect(back).toBeInstanceOf(Float32Array);
      expect(back).toEqual(patches.subarray(p * patchSize, (p + 1) * patchSize));
    }
    // The top-left value of patch 1 (top-right on the grid) sits at column 3 of row 0.
    expect(image[3 * 2]).toBe(patches[patchSize]);
  });

  it('decode(stitch(patches)) equals bilinear upsampling of each patch', () => {
    const rng = new Rng(5);
    const shape = [8, 12, 3] as const;
    const f = 2;
    const patchBytes = 4 * 6 * 3;
    const patches = new Uint8Array(4 * patchBytes).map(() => rng.int(256));
    const decoded = decodeSamples(stitchPatches(patches, shape, f), shape, 1, f);
    const size = 8 * 12 * 3;
    for (let p = 0; p < 4; p++) {
      const patch = patches.subarray(p * patchBytes, (p + 1) * patchBytes);
      expect(decoded.subarray(p * size, (p + 1) * size)).toEqual(
        resizeBilinear(patch, 4, 6, 3, 8, 12),
      );
    }
  });

  it('rejects the wrong number of bytes and indivisible shapes', () => {
    expect(() => stitchPatches(new Uint8Array(15), [4, 4, 1], 2)).toThrow(ConfigError);
    expect(() => stitchPatches(new Uint8Array(15), [4, 4, 1], 2)).toThrow(
      /expected 4 patches of 2×2×1/,
    );
    expect(() => stitchPatches(new Uint8Array(25), [5, 5, 1], 2)).toThrow(
      /not divisible by factor 2/,
    );
    expect(() => extractPatch(new Uint8Array(16), [4, 4, 1], 2, 4)).toThrow(
      /patch 4 is out of range/,
    );
  });
});
