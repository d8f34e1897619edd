// The embedded SIMD convolution module loads here (Node, like a worker), in both builds (plain
// SIMD128 and relaxed SIMD, whose fused multiply-add Node runs once the V8 flag is set, as the CLI
// does), and its results are a pure function of the values: identical bits from the wasm
// backend's heap and the cpu backend's arrays and from one call to the next, and equal to a
// float64 sum within float32 rounding, for the forward convolution (with bias, and tile and
// channel tails) and the filter gradient.
import { beforeAll, describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { Rng } from '../rng';
import {
  convByKernel,
  convKernel,
  convKernelFailure,
  filterGradByKernel,
  kernelBuild,
  prepareConvKernel,
  type KernelExports,
} from './conv-kernel';

// Node 20 runs relaxed SIMD behind a V8 flag, which the CLI sets (tools/lib/backend-node.ts); the
// engine's types leave Node out, so its module is typed here.
beforeAll(async () => {
  const v8 = (await import('node:v8' as string)) as { setFlagsFromString(flag: string): void };
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
});

// 5×7 pixels: 35 is not a multiple of the 4-pixel tiles; 11 and 19 outputs leave an 8-wide tail.
const [N, H, W, CIN, COUT] = [2, 5, 7, 3, 11];

function values(seed: number, n: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

const xv = values(1, N * H * W * CIN);
const dyv = values(2, N * H * W * COUT);

/** x at (n, i, j, c), zero outside the image. */
const xAt = (n: number, i: number, j: number, c: number) =>
  i < 0 || i >= H || j < 0 || j >= W ? 0 : xv[((n * H + i) * W + j) * CIN + c]!;

function onActiveBackend(run: () => tf.Tensor): Float32Array {
  return tf.tidy(() => Float32Array.from(run().dataSync() as Float32Array));
}

/** `run`'s values on wasm, after checking that a second run and a run on cpu give the same. */
async function sameOnWasmAndCpu(run: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend('wasm');
  const values = onActiveBackend(run);
  expect(Array.from(onActiveBackend(run))).toEqual(Array.from(values));
  await tf.setBackend('cpu');
  expect(Array.from(onActiveBackend(run))).toEqual(Array.from(values));
  return values;
}

const BUILDS = ['plain', 'relaxed'] as const;

describe('convolution kernels', () => {
  it('compile and load; the relaxed build where the engine validates it', async () => {
    expect(await prepareConvKernel()).toBe(true);
    expect(convKernelFailure()).toBeNull();
    expect(convKernel()!.scratch_floats(3)).toBe(256 * 27); // a full 256-pixel band
    expect(convKernel()!.scratch_floats(128)).toBe(64 * 1152); // bands capped at 288 KB
    for (const b of BUILDS) expect(kernelBuild(b).peak(1000, 1)).toBeGreaterThan(0);
  });

  it.each(BUILDS)(
    '%s: the filter gradient is the same on wasm and cpu and matches float64',
    async (b) => {
      const k: KernelExports = kernelBuild(b);
      const dw = () =>
        filterGradByKernel(k, tf.tensor4d(xv, [N, H, W, CIN]), tf.tensor4d(dyv, [N, H, W, COUT]));
      const a = await sameOnWasmAndCpu(dw);
      let worst = 0;
      for (let p = 0; p < 3; p++)
        for (let q = 0; q < 3; q++)
          for (let ci = 0; ci < CIN; ci++)
            for (let o = 0; o < COUT; o++) {
              let s = 0;
              for (let n = 0; n < N; n++)
                for (let i = 0; i < H; i++)
                  for (let j = 0; j < W; j++)
                    s += xAt(n, i + p - 1, j + q - 1, ci) * dyv[((n * H + i) * W + j) * COUT + o]!;
              worst = Math.max(worst, Math.abs(a[((p * 3 + q) * CIN + ci) * COUT + o]! - s));
            }
      expect(worst).toBeLessThan(1e-4);
    },
  );

  it.each(BUILDS)(
    '%s: the forward convolution with bias matches float64 and tf.conv2d',
    async (b) => {
      const k = kernelBuild(b);
      const cout = 19;
      const wv = values(3, 9 * CIN * cout);
      const bv = values(4, cout);
      const run = () =>
        convByKernel(
          k,
          tf.tensor4d(xv, [N, H, W, CIN]),
          tf.tensor4d(wv, [3, 3, CIN, cout]),
          tf.tensor1d(bv),
        );
      const y = await sameOnWasmAndCpu(run);
      let worst = 0;
      for (let n = 0; n < N; n++)
        for (let i = 0; i < H; i++)
          for (let j = 0; j < W; j++)
            for (let o = 0; o < cout; o++) {
              let s = bv[o]!;
              for (let p = 0; p < 3; p++)
                for (let q = 0; q < 3; q++)
                  for (let c = 0; c < CIN; c++)
                    s += xAt(n, i + p - 1, j + q - 1, c) * wv[((p * 3 + q) * CIN + c) * cout + o]!;
              worst = Math.max(worst, Math.abs(y[((n * H + i) * W + j) * cout + o]! - s));
            }
      expect(worst).toBeLessThan(1e-4);
      const ref = onActiveBackend(() =>
        tf.add(
          tf.conv2d(tf.tensor4d(xv, [N, H, W, CIN]), tf.tensor4d(wv, [3, 3, CIN, cout]), 1, 'same'),
          tf.tensor1d(bv),
        ),
      );
      expect(Math.max(...y.map((v, i) => Math.abs(v - ref[i]!)))).toBeLessThan(1e-4);
    },
  );
});
