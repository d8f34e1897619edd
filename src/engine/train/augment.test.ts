// Data augmentation (augment.ts, design.md §5) on each backend: the geometric warps, colour
// jitter, the drawn parameters' ranges, whole batches, and the backends agreeing.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../rng';
import { initBackend } from '../tf/backends';
import type { BackendName } from '../types';
import {
  applyAugment,
  augmentBatch,
  colorJitter,
  cropRange,
  drawAugmentParams,
  transformRows,
  warp,
  type AugmentParams,
  type Geometry,
} from './augment';

// The tensor paths differ by backend (cpu transforms image by image), so run them on both.
const BACKENDS: BackendName[] = ['cpu', 'wasm'];

/** 4×4 one-channel image with pixel (x, y) = 1 + 4y + x (so 0 means "filled"). */
function ramp(): tf.Tensor4D {
  return tf.tensor4d(
    Array.from({ length: 16 }, (_, i) => i + 1),
    [1, 4, 4, 1],
  );
}
const px = (x: number, y: number): number => 1 + 4 * y + x;

function warped(flip: number, g: Geometry, img = ramp()): number[] {
  const out = warp(img, new Uint8Array([flip]), [g]);
  const v = Array.from(out.dataSync());
  out.dispose();
  img.dispose();
  return v;
}

function expectedImage(f: (x: number, y: number) => number, w = 4, h = 4): number[] {
  const v: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) v.push(f(x, y));
  return v;
}

for (const backend of BACKENDS) {
  describe(`on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend(backend);
    });

    describe('warp (flip and geometry)', () => {
      it('identity maps give the image back exactly', () => {
        const id = expectedImage(px);
        expect(warped(0, { kind: 'crop', dx: 0, dy: 0 })).toEqual(id);
        expect(warped(0, { kind: 'scale', sx: 1, sy: 1 })).toEqual(id);
        expect(warped(0, { kind: 'rotate', angle: 0 })).toEqual(id);
      });

      it('flips horizontally', () => {
        expect(warped(1, { kind: 'crop', dx: 0, dy: 0 })).toEqual(
          expectedImage((x, y) => px(3 - x, y)),
        );
      });

      it('translates by whole pixels with zero fill', () => {
        expect(warped(0, { kind: 'crop', dx: 1, dy: 0 })).toEqual(
          expectedImage((x, y) => (x + 1 <= 3 ? px(x + 1, y) : 0)),
        );
        expect(warped(0, { kind: 'crop', dx: 0, dy: -1 })).toEqual(
          expectedImage((x, y) => (y >= 1 ? px(x, y - 1) : 0)),
        );
        expect(warped(0, { kind: 'crop', dx: -2, dy: 1 })).toEqual(
          expectedImage((x, y) => (x >= 2 && y <= 2 ? px(x - 2, y + 1) : 0)),
        );
      });

      it('flips before translating', () => {
        // out(x, y) = flipped(x + 1, y) = in(3 - (x + 1), y)
        expect(warped(1, { kind: 'crop', dx: 1, dy: 0 })).toEqual(
          expectedImage((x, y) => (x <= 2 ? px(2 - x, y) : 0)),
        );
      });

      it('scales about the centre with bilinear sampling', () => {
        // One row of 5: centre 2. Scale 0.5 reads x' = 2 + (x - 2)/2 = 1, 1.5, 2, 2.5, 3.
        const row = (): tf.Tensor4D => tf.tensor4d([10, 20, 30, 40, 50], [1, 1, 5, 1]);
        expect(warped(0, { kind: 'scale', sx: 0.5, sy: 1 }, row())).toEqual([20, 25, 30, 35, 40]);
        // Scale 2 reads x' = -2, 0, 2, 4, 6: outside -> 0.
        expect(warped(0, { kind: 'scale', sx: 2, sy: 1 }, row())).toEqual([0, 10, 30, 50, 0]);
      });

      it('rotates about the centre', () => {
        // 3×3, a quarter turn: out(x, y) = in(y, 2 - x) (DSA's [[cos, sin], [-sin, cos]] map).
        const img = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
        const out = warped(0, { kind: 'rotate', angle: Math.PI / 2 }, img);
        const expected = expectedImage((x, y) => 1 + 3 * (2 - x) + y, 3, 3);
        out.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
      });

      it('gives every image in a batch its own map, for every channel', () => {
        const a = Array.from({ length: 16 }, (_, i) => [i + 1, -(i + 1)]).flat();
        const img = tf.tensor4d([...a, ...a], [2, 4, 4, 2]);
        const out = warp(img, new Uint8Array([0, 1]), [
          { kind: 'crop', dx: 1, dy: 0 },
          { kind: 'crop', dx: 0, dy: 1 },
        ]);
        const v = Array.from(out.dataSync());
        const first = expectedImage((x, y) => (x <= 2 ? px(x + 1, y) : 0)).flatMap((p) => [
          p,
          -p || 0,
        ]);
        const second = expectedImage((x, y) => (y <= 2 ? px(3 - x, y + 1) : 0)).flatMap((p) => [
          p,
          -p || 0,
        ]);
        expect(v.map((p) => p || 0)).toEqual([...first, ...second]);
        out.dispose();
        img.dispose();
      });
    });

    describe('colorJitter', () => {
      const GREY = [1, 5, 9, 13];
      const RGB = [3, 6, 9, 0, 0, 3];
      // One image (values, H×W×C), then brightness, saturation and contrast, then the result.
      it.each([
        // +0.25 -> mean 3.25; (v - 3.25)/2 + 3.25
        [
          'adds brightness and scales contrast about the image mean',
          [0, 2, 4, 6],
          [2, 2, 1],
          [0.25, 1, 0.5],
          [1.75, 2.75, 3.75, 4.75],
        ],
        [
          'saturation 0 turns every pixel grey (its channel mean)',
          RGB,
          [1, 2, 3],
          [0, 0, 1],
          [6, 6, 6, 1, 1, 1],
        ],
        [
          'saturation 2 doubles the spread about the grey',
          RGB,
          [1, 2, 3],
          [0, 2, 1],
          [0, 6, 12, -1, -1, 5],
        ],
        ['skips saturation for one-channel data', GREY, [2, 2, 1], [0, 0, 1], GREY],
      ] as const)('%s', (_, values, [h, w, c], [brightness, saturation, contrast], want) => {
        const x = tf.tensor4d([...values], [1, h, w, c]);
        const out = colorJitter(
          x,
          Float32Array.of(brightness),
          Float32Array.of(saturation),
          Float32Array.of(contrast),
        );
        Array.from(out.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
        tf.dispose([x, out]);
      });
    });
  });
}

describe('drawAugmentParams', () => {
  it('draws values in the protocol ranges and uses all three geometric ops', () => {
    const p = drawAugmentParams(new Rng(3), 600, [16, 16, 3], { flip: true });
    const flips = p.flip.reduce((s, v) => s + v, 0);
    expect(flips).toBeGreaterThan(240);
    expect(flips).toBeLessThan(360);
    for (let i = 0; i < 600; i++) {
      expect(Math.abs(p.brightness[i]!)).toBeLessThanOrEqual(0.5);
      expect(p.saturation[i]!).toBeGreaterThanOrEqual(0);
      expect(p.saturation[i]!).toBeLessThan(2);
      expect(p.contrast[i]!).toBeGreaterThanOrEqual(0.5);
      expect(p.contrast[i]!).toBeLessThan(1.5);
    }
    const kinds = { crop: 0, scale: 0, rotate: 0 };
    const shifts = new Set<number>();
    for (const g of p.geometry) {
      kinds[g.kind]++;
      if (g.kind === 'crop') {
        shifts.add(g.dx).add(g.dy);
        expect(Number.isInteger(g.dx) && Number.isInteger(g.dy)).toBe(true);
      } else if (g.kind === 'scale') {
        for (const s of [g.sx, g.sy]) {
          expect(s).toBeGreaterThanOrEqual(1 / 1.2);
          expect(s).toBeLessThan(1.2);
        }
      } else {
        expect(Math.abs(g.angle)).toBeLessThanOrEqual((15 * Math.PI) / 180);
      }
    }
    expect(cropRange(16)).toBe(2);
    expect([...shifts].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    for (const k of Object.values(kinds)) expect(k).toBeGreaterThan(150);
  });

  it('never flips when the dataset forbids it and skips saturation for one channel', () => {
    const p = drawAugmentParams(new Rng(4), 100, [8, 8, 1], { flip: false });
    expect(p.flip.every((v) => v === 0)).toBe(true);
    expect(p.saturation.every((v) => v === 1)).toBe(true);
  });
});

for (const backend of BACKENDS) {
  describe(`augmentBatch on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend(backend);
    });

    const input = (): tf.Tensor4D =>
      tf.tensor4d(
        Array.from({ length: 4 * 8 * 8 * 3 }, (_, i) => Math.sin(i) * 2),
        [4, 8, 8, 3],
      );

    it('keeps shape and dtype and is deterministic for a seed', () => {
      const x = input();
      const a = augmentBatch(x, new Rng(11), { flip: true });
      const b = augmentBatch(x, new Rng(11), { flip: true });
      const c = augmentBatch(x, new Rng(12), { flip: true });
      expect(a.shape).toEqual([4, 8, 8, 3]);
      expect(a.dtype).toBe('float32');
      expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
      expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
      expect(Array.from(a.dataSync())).not.toEqual(Array.from(x.dataSync()));
      tf.dispose([x, a, b, c]);
    });

    it('with neutral parameters returns the input and leaks no tensors', () => {
      const x = input();
      const before = tf.memory().numTensors;
      const params: AugmentParams = {
        flip: new Uint8Array(4),
        brightness: new Float32Array(4),
        saturation: new Float32Array(4).fill(1),
        contrast: new Float32Array(4).fill(1),
        geometry: Array.from({ length: 4 }, () => ({ kind: 'crop', dx: 0, dy: 0 }) as const),
      };
      const out = applyAugment(x, params);
      expect(tf.memory().numTensors).toBe(before + 1);
      const xv = x.dataSync();
      Array.from(out.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(xv[i]!, 5));
      tf.dispose([x, out]);
    });
  });
}

describe('transformRows', () => {
  it('encodes crop, flip and rotation about the centre as projective rows', () => {
    const f32 = (v: number[]): number[] => Array.from(new Float32Array(v));
    const rows = transformRows(
      new Uint8Array([0, 1, 0]),
      [
        { kind: 'crop', dx: 2, dy: -1 },
        { kind: 'scale', sx: 2, sy: 0.5 },
        { kind: 'rotate', angle: Math.PI / 6 },
      ],
      5,
      9,
    );
    expect(Array.from(rows.subarray(0, 8))).toEqual([1, 0, 2, 0, 1, -1, 0, 0]);
    // scale about (4, 2): x' = 2x - 4, y' = y/2 + 1; mirrored: x'' = 8 - x' = -2x + 12
    expect(Array.from(rows.subarray(8, 16))).toEqual([-2, -0, 12, 0, 0.5, 1, 0, 0]);
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const expected = f32([c, s, 4 - c * 4 - s * 2, -s, c, 2 + s * 4 - c * 2, 0, 0]);
    Array.from(rows.subarray(16)).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });
});

describe('backends agree', () => {
  it('augments identically on cpu (image by image) and wasm (batched)', async () => {
    const values = Array.from({ length: 6 * 8 * 8 * 3 }, (_, i) => Math.cos(i * 0.37) * 2);
    const run = async (backend: BackendName): Promise<Float32Array> => {
      await initBackend(backend);
      const x = tf.tensor4d(values, [6, 8, 8, 3]);
      const out = augmentBatch(x, new Rng(21), { flip: true });
      const v = (await out.data()) as Float32Array;
      tf.dispose([x, out]);
      return v;
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    let maxDiff = 0;
    for (let i = 0; i < cpu.length; i++) maxDiff = Math.max(maxDiff, Math.abs(cpu[i]! - wasm[i]!));
    expect(maxDiff).toBeLessThan(1e-4);
  });
});
