// The host pixel maps of distribution matching: forward passes agree with the engine's own
// decoding and augmentation (so DM augments exactly as training does), and every backward pass is
// the exact adjoint of its forward (⟨A·x, y⟩ = ⟨x, Aᵀ·y⟩), which is what makes the gradient right.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { decodeSelectedSamples } from '../decode';
import { Rng } from '../rng';
import { initBackend } from '../tf/backends';
import { applyAugment, drawAugmentParams } from '../train/augment';
import { AugmentMaps, adjointTaps, applyTaps, decodeTaps, warpTaps } from './pixel-maps';

function random(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}
function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

describe('pixel maps', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('decodeTaps reproduces decode.ts for every patch of a factor-2 image', () => {
    const rng = new Rng(1);
    const [H, W, C] = [8, 12, 3];
    const stored = Uint8Array.from({ length: H * W * C }, () => rng.int(256));
    const taps = decodeTaps(H, W, 2);
    for (let p = 0; p < 4; p++) {
      const mine = new Float32Array(H * W * C);
      applyTaps(taps[p]!, C, Float32Array.from(stored), 0, mine, 0);
      const theirs = decodeSelectedSamples(stored, [H, W, C], 1, 2, [p]);
      for (let i = 0; i < mine.length; i++) expect(mine[i]).toBeCloseTo(theirs[i]!, 3);
    }
  });

  it('warp and decode taps have exact adjoints', () => {
    const rng = new Rng(2);
    const [H, W, C] = [9, 7, 2];
    const maps = [
      warpTaps(H, W, [Math.cos(0.3), Math.sin(0.3), -1.2, -Math.sin(0.3), Math.cos(0.3), 0.7]),
      warpTaps(H, W, [-1.1, 0, W - 0.5, 0, 0.9, -1]),
      ...decodeTaps(8, 8, 2),
    ];
    for (const taps of maps) {
      const n = taps.pixels * C;
      const x = random(n, rng);
      const y = random(n, rng);
      const ax = new Float32Array(n);
      applyTaps(taps, C, x, 0, ax, 0);
      const aty = new Float32Array(n);
      adjointTaps(taps, C, y, 0, aty, 0);
      expect(dot(ax, y)).toBeCloseTo(dot(x, aty), 3);
    }
  });

  for (const channels of [1, 3]) {
    it(`AugmentMaps equals the training augmentation and an exact adjoint (C = ${channels})`, () => {
      const rng = new Rng(3 + channels);
      const shape = [10, 10, channels] as const;
      const B = 6;
      const size = 10 * 10 * channels;
      const params = drawAugmentParams(rng, B, shape, { flip: true });
      const x = random(B * size, rng);
      const maps = new AugmentMaps(params, shape, B);
      const mine = maps.forward(x);
      const theirs = tf.tidy(() => applyAugment(tf.tensor4d(x, [B, ...shape]), params).dataSync());
      let worst = 0;
      for (let i = 0; i < mine.length; i++)
        worst = Math.max(worst, Math.abs(mine[i]! - theirs[i]!));
      expect(worst).toBeLessThan(1e-4);
      // Brightness makes the map affine: its linear part is forward(x) − forward(0).
      const offset = maps.forward(new Float32Array(B * size));
      const linear = mine.map((v, i) => v - offset[i]!);
      const y = random(B * size, rng);
      expect(dot(linear, y)).toBeCloseTo(dot(x, maps.backward(y)), 2);
      // A smaller batch uses the first draws: the siamese pairing of real and synthetic samples.
      const firstTwo = new AugmentMaps(params, shape, 2).forward(x.subarray(0, 2 * size));
      expect(Array.from(firstTwo)).toEqual(Array.from(mine.subarray(0, 2 * size)));
    });
  }
});
