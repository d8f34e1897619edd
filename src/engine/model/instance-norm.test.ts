// Instance norm: forward equals a hand computation; the hand-written gradient equals autodiff of
// the plain-op reference on cpu and on wasm.
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { Rng } from '../rng';
import { instanceNorm, instanceNormReference, INSTANCE_NORM_EPS } from './instance-norm';

describe('instanceNorm', () => {
  it('forward equals the hand computation per sample and channel', async () => {
    await tf.setBackend('cpu');
    // x[n, h, w, c] for N=2, H=1, W=3, C=2.
    const x = [1, 10, 2, 20, 6, 60, /* n=1 */ -1, 0, -1, 0, -1, 3];
    const gamma = [2, 0.5];
    const beta = [0.25, -1];
    const y = tf.tidy(() =>
      instanceNorm(tf.tensor4d(x, [2, 1, 3, 2]), tf.tensor1d(gamma), tf.tensor1d(beta)).arraySync(),
    ) as number[][][][];
    for (let n = 0; n < 2; n++) {
      for (let c = 0; c < 2; c++) {
        const v = [0, 1, 2].map((w) => x[n * 6 + w * 2 + c]!);
        const mean = (v[0]! + v[1]! + v[2]!) / 3;
        const variance = v.reduce((s, a) => s + (a - mean) ** 2, 0) / 3; // biased, like PyTorch
        for (let w = 0; w < 3; w++) {
          const expected =
            (gamma[c]! * (v[w]! - mean)) / Math.sqrt(variance + INSTANCE_NORM_EPS) + beta[c]!;
          expect(y[n]![0]![w]![c]!).toBeCloseTo(expected, 4);
        }
      }
    }
    // A constant channel maps to its shift (variance 0 → only eps in the denominator).
    expect(y[1]![0]![0]![0]!).toBeCloseTo(0.25, 5);
  });

  for (const backend of ['cpu', 'wasm']) {
    it(`gradients match autodiff of the reference on ${backend} (odd, non-square)`, async () => {
      const rng = new Rng(7);
      const shape: [number, number, number, number] = [3, 5, 4, 6];
      const size = shape.reduce((a, b) => a * b, 1);
      const xv = Float32Array.from({ length: size }, () => rng.normal() * 3 + 1);
      const pv = Float32Array.from({ length: size }, () => rng.normal());
      const gv = Float32Array.from({ length: 6 }, () => rng.uniform(0.5, 2));
      const bv = Float32Array.from({ length: 6 }, () => rng.normal());
      const run = (f: typeof instanceNorm): Float32Array[] =>
        tf.tidy(() => {
          const g = tf.grads((x, ga, be) =>
            tf.sum(
              tf.mul(
                f(x as tf.Tensor4D, ga as tf.Tensor1D, be as tf.Tensor1D),
                tf.tensor4d(pv, shape),
              ),
            ),
          );
          return g([tf.tensor4d(xv, shape), tf.tensor1d(gv), tf.tensor1d(bv)]).map((t) =>
            Float32Array.from(t.dataSync() as Float32Array),
          );
        });
      await tf.setBackend('cpu');
      const ref = run(instanceNormReference);
      await tf.setBackend(backend);
      const got = run(instanceNorm);
      await tf.setBackend('cpu');
      for (let i = 0; i < 3; i++) {
        const scale = Math.max(...ref[i]!.map(Math.abs));
        const err = Math.max(...ref[i]!.map((r, j) => Math.abs(r - got[i]![j]!)));
        expect(err / scale).toBeLessThan(1e-4);
      }
    });
  }

  it('rejects a scale of the wrong size', async () => {
    await tf.setBackend('cpu');
    expect(() =>
      instanceNorm(
        tf.zeros([1, 2, 2, 3]) as tf.Tensor4D,
        tf.ones([2]) as tf.Tensor1D,
        tf.zeros([3]) as tf.Tensor1D,
      ),
    ).toThrow('instanceNorm: scale and shift must have 3 entries, got 2 and 3');
  });
});
