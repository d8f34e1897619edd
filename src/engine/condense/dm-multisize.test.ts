// Multisize DM (nested prefixes matched too): its loss is exactly the plain loss of the full set
// plus the plain loss of each prefix under the same draws, its gradient is the loss's, and bad
// prefix lists are refused by name.
import { describe, it, expect, beforeAll } from 'vitest';
import { Rng } from '../rng';
import { cornerSquares, TINY_DM } from '../../../test-support/engine/dm-real-set';
import { initBackend } from '../tf/backends';
import { dmIteration, mosaicInit, type DmParams } from './dm';

const NORM = { mean: [0.4], std: [0.3] };
// realBatch ≥ the samples per class at every size, so every size draws the same parameters.
const P: DmParams = { ...TINY_DM, ipc: 3, realBatch: 12 };

/** The first k stored images of every class (class-major storage). */
function prefixOf(x: Float32Array, ipc: number, k: number, size: number): Float32Array {
  const classes = x.length / (ipc * size);
  const out = new Float32Array(classes * k * size);
  for (let c = 0; c < classes; c++)
    out.set(x.subarray(c * ipc * size, (c * ipc + k) * size), c * k * size);
  return out;
}

describe('multisize distribution matching', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('the loss is the full set’s plus each prefix’s, under the same draws', async () => {
    const real = cornerSquares();
    const x = mosaicInit(real, P, NORM);
    const multi = await dmIteration(real, { ...P, prefixes: [1, 2] }, NORM, x, 2);
    const full = await dmIteration(real, P, NORM, x, 2);
    const one = await dmIteration(real, { ...P, ipc: 1 }, NORM, prefixOf(x, 3, 1, 64), 2);
    const two = await dmIteration(real, { ...P, ipc: 2 }, NORM, prefixOf(x, 3, 2, 64), 2);
    expect(multi.loss).toBeCloseTo(full.loss + one.loss + two.loss, 4);
    // The third stored image of each class is in no prefix: its gradient is the full set's alone.
    for (let c = 0; c < 3; c++) {
      const at = (c * 3 + 2) * 64;
      for (let i = 0; i < 64; i++) expect(multi.grad[at + i]).toBeCloseTo(full.grad[at + i]!, 5);
    }
  });

  it('the gradient is the loss gradient (directional finite difference)', async () => {
    const real = cornerSquares();
    const p = { ...P, prefixes: [1] };
    const x0 = mosaicInit(real, p, NORM);
    const rng = new Rng(11);
    const d = Float32Array.from({ length: x0.length }, () => rng.normal());
    const norm = Math.sqrt(d.reduce((s, v) => s + v * v, 0));
    d.forEach((v, i) => (d[i] = v / norm));
    const { grad } = await dmIteration(real, p, NORM, x0, 1);
    const eps = 0.02;
    const at = async (sign: number) =>
      (
        await dmIteration(
          real,
          p,
          NORM,
          x0.map((v, i) => v + sign * eps * d[i]!),
          1,
        )
      ).loss;
    const fd = ((await at(1)) - (await at(-1))) / (2 * eps);
    const analytic = grad.reduce((s, g, i) => s + g * d[i]!, 0);
    expect(Math.abs(analytic)).toBeGreaterThan(1e-3);
    expect(Math.abs(fd - analytic)).toBeLessThan(0.03 * Math.abs(analytic) + 1e-3);
  });

  it.each([[[0]], [[3]], [[2, 1]], [[1, 1]], [[1.5]]])('refuses prefixes %j', async (prefixes) => {
    const real = cornerSquares();
    await expect(
      dmIteration(real, { ...P, prefixes }, NORM, mosaicInit(real, P, NORM), 0),
    ).rejects.toThrow(/DM prefixes must be ascending integers in \[1, 2\]/);
  });
});
