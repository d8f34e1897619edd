// Tests of decoding (design.md §1): exact bilinear values, identity at f=1, sample order and index maths,
// and float32 stored pixels (pixel/255 units) decoded to the same 0…255 units as uint8 ones.
import { describe, it, expect } from 'vitest';
import {
  decodeSamples,
  decodeSelectedSamples,
  resizeBilinear,
  sampleIndex,
  sampleLabels,
} from './decode';
import { ConfigError } from './errors';
import { Rng } from './rng';

// A 4×4 one-channel stored image with f = 2: patches [[0,100],[200,60]], [[10,20],[30,40]],
// [[1,2],[5,6]], [[3,4],[7,8]] (row-major on the 2×2 grid).
const IMAGE = Uint8Array.from([0, 100, 10, 20, 200, 60, 30, 40, 1, 2, 3, 4, 5, 6, 7, 8]);

// Worked by hand: source coordinates of outputs 0..3 are -0.25→0, 0.25, 0.75, 1.25→(1, clamped),
// i.e. weights (1,0), (0.75,0.25), (0.25,0.75), (0,1) along each axis.
const EXPECTED = [
  [0, 25, 75, 100, 50, 60, 80, 90, 150, 130, 90, 70, 200, 165, 95, 60],
  [10, 12.5, 17.5, 20, 15, 17.5, 22.5, 25, 25, 27.5, 32.5, 35, 30, 32.5, 37.5, 40],
  [1, 1.25, 1.75, 2, 2, 2.25, 2.75, 3, 4, 4.25, 4.75, 5, 5, 5.25, 5.75, 6],
  [3, 3.25, 3.75, 4, 4, 4.25, 4.75, 5, 6, 6.25, 6.75, 7, 7, 7.25, 7.75, 8],
];

describe('resizeBilinear', () => {
  it('reproduces PyTorch interpolate(bilinear, align_corners=False) on [[1,2],[3,4]] ×2', () => {
    const out = resizeBilinear([1, 2, 3, 4], 2, 2, 1, 4, 4);
    expect([...out]).toEqual([
      1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4,
    ]);
  });

  it('downsamples 4→2 by averaging neighbouring pairs (half-pixel centres)', () => {
    expect([...resizeBilinear([0, 10, 20, 30], 1, 4, 1, 1, 2)]).toEqual([5, 25]);
  });

  it('rejects a source of the wrong length', () => {
    expect(() => resizeBilinear([1, 2, 3], 2, 2, 1, 4, 4)).toThrow(ConfigError);
  });
});

describe('decodeSamples', () => {
  it('decodes a hand-made 4×4 image with f=2 into four exact 4×4 samples', () => {
    const out = decodeSamples(IMAGE, [4, 4, 1], 1, 2);
    expect(out.length).toBe(4 * 16);
    for (let p = 0; p < 4; p++)
      expect([...out.subarray(p * 16, (p + 1) * 16)]).toEqual(EXPECTED[p]);
  });

  it('keeps channels separate (channel 1 = 255 − channel 0 stays so after decoding)', () => {
    const rgb = new Uint8Array(32);
    for (let i = 0; i < 16; i++) {
      rgb[2 * i] = IMAGE[i]!;
      rgb[2 * i + 1] = 255 - IMAGE[i]!;
    }
    const out = decodeSamples(rgb, [4, 4, 2], 1, 2);
    for (let p = 0; p < 4; p++) {
      for (let i = 0; i < 16; i++) {
        expect(out[(p * 16 + i) * 2]).toBe(EXPECTED[p]![i]);
        expect(out[(p * 16 + i) * 2 + 1]).toBe(255 - EXPECTED[p]![i]!);
      }
    }
  });

  it('is the identity (as float32) when f = 1', () => {
    const rng = new Rng(7);
    const images = new Uint8Array(3 * 5 * 6 * 3).map(() => rng.int(256));
    const out = decodeSamples(images, [5, 6, 3], 3, 1);
    expect(out).toEqual(Float32Array.from(images));
  });

  it('puts patch p of stored image i at sample i·f² + p (f = 3, two images)', () => {
    const rng = new Rng(3);
    const images = new Uint8Array(2 * 6 * 6 * 1).map(() => rng.int(256));
    const all = decodeSamples(images, [6, 6, 1], 2, 3);
    expect(all.length).toBe(18 * 36);
    // Patch 5 of image 1 = grid row 1, column 2: its top-left source pixel is (2, 4) of image 1,
    // which the decoded sample shows unchanged at (0, 0) (edge clamp, weight 1).
    expect(all[(1 * 9 + 5) * 36]).toBe(images[36 + 2 * 6 + 4]);
    // The bottom-right output pixel reads the patch's bottom-right source pixel (3, 5).
    expect(all[(1 * 9 + 5) * 36 + 35]).toBe(images[36 + 3 * 6 + 5]);
    // Selected decoding returns the same samples in the requested order.
    const picked = decodeSelectedSamples(images, [6, 6, 1], 2, 3, [14, 0, 17]);
    expect(picked.subarray(0, 36)).toEqual(all.subarray(14 * 36, 15 * 36));
    expect(picked.subarray(36, 72)).toEqual(all.subarray(0, 36));
    expect(picked.subarray(72, 108)).toEqual(all.subarray(17 * 36, 18 * 36));
  });

  it('rejects indivisible shapes, short buffers and out-of-range sample ids', () => {
    expect(() => decodeSamples(new Uint8Array(25), [5, 5, 1], 1, 2)).toThrow(
      /not divisible by factor 2/,
    );
    expect(() => decodeSamples(new Uint8Array(15), [4, 4, 1], 1, 2)).toThrow(
      /need 16 values, got 15/,
    );
    expect(() => decodeSelectedSamples(IMAGE, [4, 4, 1], 1, 2, [4])).toThrow(/out of range 0…3/);
  });
});

describe('decoding float32 stored pixels (pixel/255 units)', () => {
  it('gives 0…255 units: the hand-made image / 255 decodes to the uint8 results', () => {
    const floats = Float32Array.from(IMAGE, (v) => v / 255);
    const out = decodeSamples(floats, [4, 4, 1], 1, 2);
    for (let p = 0; p < 4; p++) {
      EXPECTED[p]!.forEach((v, i) => expect(out[p * 16 + i]).toBeCloseTo(v, 4));
    }
  });

  it('is ×255 exactly (as float32) when f = 1, and never clamps values outside [0, 1]', () => {
    const floats = Float32Array.from([-0.7, 1.9, 0, 1, 0.5, -0, 64, -64]);
    const out = decodeSamples(floats, [2, 2, 2], 1, 1);
    expect(out).toEqual(Float32Array.from(floats, (v) => v * 255));
    expect(out[0]).toBeCloseTo(-178.5, 3);
    expect(out[1]).toBeCloseTo(484.5, 3);
    expect(out[6]).toBe(64 * 255);
  });

  it('matches uint8 decoding of the same picture sample for sample (f = 2, RGB, selected ids)', () => {
    const rng = new Rng(9);
    const bytes = new Uint8Array(3 * 8 * 8 * 3).map(() => rng.int(256));
    const floats = Float32Array.from(bytes, (v) => v / 255);
    const ids = [11, 0, 5, 7];
    const a = decodeSelectedSamples(bytes, [8, 8, 3], 3, 2, ids);
    const b = decodeSelectedSamples(floats, [8, 8, 3], 3, 2, ids);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    expect(worst).toBeLessThan(1e-3);
  });
});

describe('sample index maths', () => {
  it('sampleIndex is ((c·ipc) + j)·f² + p, every sample once in class-major order', () => {
    expect(sampleIndex(0, 0, 0, 5, 2)).toBe(0);
    expect(sampleIndex(2, 3, 1, 5, 2)).toBe((2 * 5 + 3) * 4 + 1);
    expect(sampleIndex(1, 0, 8, 10, 3)).toBe(98);
    let expected = 0;
    for (let c = 0; c < 3; c++) {
      for (let j = 0; j < 4; j++) {
        for (let p = 0; p < 9; p++) {
          const s = sampleIndex(c, j, p, 4, 3);
          expect(s).toBe(expected++);
        }
      }
    }
    expect(() => sampleIndex(0, 4, 0, 4, 2)).toThrow(ConfigError);
    expect(() => sampleIndex(0, 0, 4, 4, 2)).toThrow(ConfigError);
  });

  it('sampleLabels repeats each stored label f² times', () => {
    expect([...sampleLabels(Int32Array.from([0, 0, 1, 2]), 2)]).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
    ]);
    expect([...sampleLabels([4, 7], 1)]).toEqual([4, 7]);
  });
});
