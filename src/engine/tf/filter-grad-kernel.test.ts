// The embedded SIMD filter-gradient module loads here (Node, like a worker), and its result is a
// pure function of the values: identical bits from the wasm backend's heap and the cpu backend's
// arrays, and from one call to the next, and equal to a float64 sum within float32 rounding.
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { Rng } from '../rng';
import {
  filterGradByKernel,
  filterGradKernel,
  filterGradKernelFailure,
  prepareFilterGradKernel,
} from './filter-grad-kernel';

const [N, H, W, CIN, COUT] = [2, 5, 7, 3, 11];

function values(seed: number, n: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

const xv = values(1, N * H * W * CIN);
const dyv = values(2, N * H * W * COUT);

function dwOnActiveBackend(): Float32Array {
  const k = filterGradKernel();
  if (!k) throw new Error(`kernel did not load: ${filterGradKernelFailure()}`);
  return tf.tidy(() =>
    Float32Array.from(
      filterGradByKernel(
        k,
        tf.tensor4d(xv, [N, H, W, CIN]),
        tf.tensor4d(dyv, [N, H, W, COUT]),
      ).dataSync() as Float32Array,
    ),
  );
}

describe('filter-gradient kernel', () => {
  it('compiles and loads', async () => {
    expect(await prepareFilterGradKernel()).toBe(true);
    expect(filterGradKernelFailure()).toBeNull();
    expect(filterGradKernel()!.scratch_floats(3)).toBe(256 * 27); // a full 256-pixel band
    expect(filterGradKernel()!.scratch_floats(128)).toBe(64 * 1152); // bands capped at 288 KB
  });

  it('gives the same bits on wasm and cpu, call after call, and matches a float64 sum', async () => {
    await tf.setBackend('wasm');
    const a = dwOnActiveBackend();
    const b = dwOnActiveBackend();
    await tf.setBackend('cpu');
    const c = dwOnActiveBackend();
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).toEqual(Array.from(a));
    expect(a.length).toBe(9 * CIN * COUT);
    let worst = 0;
    for (let p = 0; p < 3; p++)
      for (let q = 0; q < 3; q++)
        for (let ci = 0; ci < CIN; ci++)
          for (let o = 0; o < COUT; o++) {
            let s = 0;
            for (let n = 0; n < N; n++)
              for (let i = 0; i < H; i++)
                for (let j = 0; j < W; j++) {
                  const ii = i + p - 1;
                  const jj = j + q - 1;
                  if (ii < 0 || ii >= H || jj < 0 || jj >= W) continue;
                  s +=
                    xv[((n * H + ii) * W + jj) * CIN + ci]! *
                    dyv[((n * H + i) * W + j) * COUT + o]!;
                }
            worst = Math.max(worst, Math.abs(a[((p * 3 + q) * CIN + ci) * COUT + o]! - s));
          }
    expect(worst).toBeLessThan(1e-4);
  });
});
