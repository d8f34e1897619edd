// Distribution matching: the gradient it descends is the loss's (a directional finite difference),
// a resumed run continues bit for bit, the optimisation lowers the matching loss, and the mosaic
// initialisation is f² shrunken real images of the right class.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../rng';
import { cornerSquares as realSet, TINY_DM } from '../../../test-support/engine/dm-real-set';
import {
  InjectedKernelError,
  withFailingKernel,
} from '../../../test-support/engine/failing-kernel';
import { initBackend } from '../tf/backends';
import { setForwardMethod } from '../tf/conv2d';
import {
  dmIteration,
  initialDmState,
  mosaicInit,
  runDistributionMatching,
  toPixelUnits,
  type DmState,
} from './dm';

const NORM = { mean: [0.4], std: [0.3] };

const P = TINY_DM;

describe('distribution matching', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('mosaic initialisation: each quarter is a box-shrunk real image of its class', () => {
    const real = realSet();
    const init = toPixelUnits(mosaicInit(real, P, NORM), NORM);
    expect(init.length).toBe(3 * 2 * 64);
    for (let c = 0; c < 3; c++) {
      for (let j = 0; j < 2; j++) {
        const img = init.subarray((c * 2 + j) * 64, (c * 2 + j + 1) * 64);
        for (let q = 0; q < 4; q++) {
          // Within quarter q (4×4), the class's bright corner maps to the quarter's own corner.
          const oy = Math.floor(q / 2) * 4;
          const ox = (q % 2) * 4;
          const at = (x: number, y: number) => img[(oy + y) * 8 + ox + x]!;
          const brightTL = c === 0 ? at(0, 0) : c === 1 ? at(3, 0) : at(0, 3);
          const darkBR = c === 2 ? at(0, 0) : at(3, 3);
          expect(brightTL).toBeGreaterThan(darkBR + 0.25); // 180 vs 30 of 255, minus noise
        }
      }
    }
  });

  it('the gradient is the loss gradient (directional finite difference)', async () => {
    const real = realSet();
    const x0 = mosaicInit(real, P, NORM);
    const rng = new Rng(9);
    const d = Float32Array.from({ length: x0.length }, () => rng.normal());
    const norm = Math.sqrt(d.reduce((s, v) => s + v * v, 0));
    d.forEach((v, i) => (d[i] = v / norm));
    const { loss, grad } = await dmIteration(real, P, NORM, x0, 1);
    expect(loss).toBeGreaterThan(0);
    const eps = 0.02;
    const plus = x0.map((v, i) => v + eps * d[i]!);
    const minus = x0.map((v, i) => v - eps * d[i]!);
    const fd =
      ((await dmIteration(real, P, NORM, plus, 1)).loss -
        (await dmIteration(real, P, NORM, minus, 1)).loss) /
      (2 * eps);
    const analytic = grad.reduce((s, g, i) => s + g * d[i]!, 0);
    expect(Math.abs(analytic)).toBeGreaterThan(1e-3);
    expect(Math.abs(fd - analytic)).toBeLessThan(0.03 * Math.abs(analytic) + 1e-3);
  });

  it('a run resumed from a checkpoint ends exactly where an uninterrupted run ends', async () => {
    const real = realSet();
    const straight = await runDistributionMatching(real, P, NORM, initialDmState(real, P, NORM));
    const saved: DmState[] = [];
    await runDistributionMatching(
      real,
      { ...P, iterations: 2 },
      NORM,
      initialDmState(real, P, NORM),
      {
        checkpointEvery: 1,
        onCheckpoint: (s) =>
          void saved.push({ ...s, images: s.images.slice(), velocity: s.velocity.slice() }),
      },
    );
    expect(saved.map((s) => s.iteration)).toEqual([1, 2]);
    const resumed = await runDistributionMatching(real, P, NORM, saved[1]!);
    expect(resumed.iteration).toBe(4);
    expect(Array.from(resumed.images)).toEqual(Array.from(straight.images));
    expect(Array.from(resumed.losses)).toEqual(Array.from(straight.losses));
  });

  it('optimisation lowers the matching loss under fixed draws', async () => {
    const real = realSet();
    const p = { ...P, iterations: 25 };
    const start = initialDmState(real, p, NORM);
    const end = await runDistributionMatching(real, p, NORM, start);
    let before = 0;
    let after = 0;
    for (let t = 100; t < 104; t++) {
      before += (await dmIteration(real, p, NORM, start.images, t)).loss;
      after += (await dmIteration(real, p, NORM, end.images, t)).loss;
    }
    expect(after).toBeLessThan(0.7 * before);
  });

  for (const [kernel, failOn] of [
    ['FusedConv2D', 3], // forward of the synthetic batch
    ['Conv2D', 1], // input gradient in the backward pass
    ['Sum', 2], // the matching loss
  ] as const) {
    it(`a ${kernel} that fails mid-iteration strands no tensors`, async () => {
      // tfjs's kernels are the ones injected to fail: without this the host backend's own SIMD
      // convolution (conv-kernel.ts) would stand in for FusedConv2D and Conv2D.
      setForwardMethod('tfjs');
      try {
        const real = realSet();
        const x0 = mosaicInit(real, P, NORM);
        await dmIteration(real, P, NORM, x0, 0); // warm: kernels and ops created once
        const start = tf.memory().numTensors;
        let error: unknown;
        await withFailingKernel(kernel, 'cpu', failOn, async () => {
          try {
            await dmIteration(real, P, NORM, x0, 0);
          } catch (e) {
            error = e;
          }
        });
        expect(error).toBeInstanceOf(InjectedKernelError);
        expect(tf.memory().numTensors).toBe(start);
        // And the next iteration still works and leaks nothing either.
        expect((await dmIteration(real, P, NORM, x0, 0)).loss).toBeGreaterThan(0);
        expect(tf.memory().numTensors).toBe(start);
      } finally {
        setForwardMethod('auto');
      }
    });
  }
});
