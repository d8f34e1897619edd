import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { Rng } from '../rng';
import { applyCutMix, boxMask, cutBox, cutMix, drawCutMix } from './cutmix';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('cutBox', () => {
  it('cuts a box of area (1 - lambda) around the centre', () => {
    // sqrt(1 - .75) = .5 -> 4×4 box on 8×8, centre (4, 4): columns/rows 2..5
    expect(cutBox(0.75, 8, 8, 4, 4)).toEqual({
      box: { x0: 2, x1: 6, y0: 2, y1: 6 },
      weightA: 0.75,
    });
  });

  it('clips the box to the image and recomputes lambda from the clipped area', () => {
    // centre (0, 0): box -2..1 clipped to 0..1 -> 2×2 = 4 of 64 pixels
    expect(cutBox(0.75, 8, 8, 0, 0)).toEqual({
      box: { x0: 0, x1: 2, y0: 0, y1: 2 },
      weightA: 1 - 4 / 64,
    });
    // lambda 0: full-size box centred at (7, 3): columns 3..10 -> 3..7, rows -1..6 -> 0..6
    expect(cutBox(0, 8, 8, 7, 3)).toEqual({
      box: { x0: 3, x1: 8, y0: 0, y1: 7 },
      weightA: 1 - 35 / 64,
    });
  });

  it('truncates the side length and handles non-square images', () => {
    // sqrt(.1) * 10 = 3.16 -> 3; sqrt(.1) * 6 = 1.89 -> 1; centre (5, 2): columns 4..6, row 2
    expect(cutBox(0.9, 6, 10, 5, 2)).toEqual({
      box: { x0: 4, x1: 7, y0: 2, y1: 3 },
      weightA: 1 - 3 / 60,
    });
    // lambda 1: empty box, weight 1
    expect(cutBox(1, 8, 8, 3, 3).weightA).toBe(1);
  });

  it('builds the box mask', () => {
    expect(Array.from(boxMask({ x0: 1, x1: 3, y0: 0, y1: 1 }, 2, 3))).toEqual([0, 1, 1, 0, 0, 0]);
  });
});

describe('applyCutMix', () => {
  it('pastes the partner box into each image exactly', () => {
    // image 0 is all 1, image 1 all 2, image 2 all 3; partners 2, 0, 1; box rows 1..2, columns 0..1 of 4×3
    const x = tf.tensor4d(
      [...new Array(12).fill(1), ...new Array(12).fill(2), ...new Array(12).fill(3)],
      [3, 4, 3, 1],
    );
    const out = applyCutMix(x, {
      permutation: new Int32Array([2, 0, 1]),
      box: { x0: 0, x1: 2, y0: 1, y1: 3 },
      weightA: 1 - 4 / 12,
    });
    const v = Array.from(out.dataSync());
    const img = (own: number, partner: number): number[] =>
      [0, 1, 2, 3].flatMap((y) =>
        [0, 1, 2].map((xx) => (y >= 1 && y < 3 && xx < 2 ? partner : own)),
      );
    expect(v).toEqual([...img(1, 3), ...img(2, 1), ...img(3, 2)]);
    tf.dispose([x, out]);
  });
});

describe('cutMix', () => {
  const batch = (): tf.Tensor4D =>
    tf.tensor4d(
      Array.from({ length: 8 * 64 }, (_, i) => Math.floor(i / 64) + 1),
      [8, 8, 8, 1],
    );
  const labels = new Int32Array([0, 1, 2, 3, 4, 5, 6, 7]);

  it('mixes with the permutation it drew and weights labels by the real pixel share', () => {
    const x = batch();
    const rng = new Rng(5);
    const draw = drawCutMix(new Rng(5), 8, 8, 8, 1)!;
    const r = cutMix(x, labels, rng, 1);
    expect(r.mixed).toBe(true);
    expect(Array.from(r.labelsB)).toEqual(Array.from(draw.permutation));
    expect(r.weightA).toBe(draw.weightA);
    const v = r.x.dataSync();
    for (let i = 0; i < 8; i++) {
      if (draw.permutation[i] === i) continue;
      let own = 0;
      for (let p = 0; p < 64; p++) if (v[i * 64 + p] === i + 1) own++;
      expect(own / 64).toBe(r.weightA);
    }
    tf.dispose([x, r.x]);
  });

  it('leaves the batch alone when not drawn (p = 0)', () => {
    const x = batch();
    const r = cutMix(x, labels, new Rng(1), 0);
    expect(r.mixed).toBe(false);
    expect(r.x).toBe(x);
    expect(r.weightA).toBe(1);
    expect(Array.from(r.labelsB)).toEqual(Array.from(labels));
    x.dispose();
  });

  it('mixes about half of the batches and draws lambda uniformly', () => {
    const rng = new Rng(9);
    let mixed = 0;
    let weightSum = 0;
    for (let i = 0; i < 2000; i++) {
      const d = drawCutMix(rng, 16, 32, 32);
      if (d) {
        mixed++;
        weightSum += d.weightA;
        expect(Array.from(d.permutation).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 16 }, (_, k) => k),
        );
      }
    }
    expect(mixed / 2000).toBeGreaterThan(0.46);
    expect(mixed / 2000).toBeLessThan(0.54);
    // clipping only removes area, so the mean own-label weight is at least E[lambda] = 0.5
    expect(weightSum / mixed).toBeGreaterThan(0.5);
    expect(weightSum / mixed).toBeLessThan(0.75);
  });
});
