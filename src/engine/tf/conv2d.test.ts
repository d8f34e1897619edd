// The custom 3×3 convolution gradient on wasm must match the cpu backend's built-in tf.conv2d
// gradient (input, filter and bias), for both filter-gradient methods (the SIMD kernel and the
// swapped convolution) and odd, non-square shapes, and output channels that are not a multiple of
// the kernel's 8-wide tiles.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { Rng } from '../rng';
import {
  autoFilterGrad,
  backpropFilter,
  conv3x3,
  conv3x3FilterGrad,
  usesCustomGrad,
  type Conv3x3Options,
  type FilterGradMethod,
} from './conv2d';

function randn(rng: Rng, n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}

interface Case {
  x: Float32Array;
  w: Float32Array;
  b: Float32Array;
  proj: Float32Array;
  xs: [number, number, number, number];
  ws: [number, number, number, number];
}

function makeCase(seed: number, n: number, h: number, w: number, cin: number, cout: number): Case {
  const rng = new Rng(seed);
  return {
    x: randn(rng, n * h * w * cin),
    w: randn(rng, 9 * cin * cout),
    b: randn(rng, cout),
    proj: randn(rng, n * h * w * cout),
    xs: [n, h, w, cin],
    ws: [3, 3, cin, cout],
  };
}

/** Gradients of Σ proj ⊙ f(x, w, b) with respect to x, w and b. */
function gradsOf(
  c: Case,
  f: (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor4D,
): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(c.x, c.xs);
    const w = tf.tensor4d(c.w, c.ws);
    const b = tf.tensor1d(c.b);
    const proj = tf.tensor4d(c.proj, [c.xs[0], c.xs[1], c.xs[2], c.ws[3]]);
    const g = tf.grads((xx, ww, bb) =>
      tf.sum(tf.mul(f(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D), proj)),
    );
    return g([x, w, b]).map((t) => Float32Array.from(t.dataSync() as Float32Array));
  });
}

/** On wasm, conv3x3's gradients with default options and with `opts` (then back on cpu). */
async function wasmGradsWith(
  c: Case,
  opts: Conv3x3Options,
): Promise<[Float32Array[], Float32Array[]]> {
  await tf.setBackend('wasm');
  const full = gradsOf(c, (x, w, b) => conv3x3(x, w, b));
  const other = gradsOf(c, (x, w, b) => conv3x3(x, w, b, opts));
  await tf.setBackend('cpu');
  return [full, other];
}

const reference = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D): tf.Tensor4D =>
  tf.add(tf.conv2d(x, w, 1, 'same'), b);

function relErr(a: Float32Array, ref: Float32Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - ref[i]!));
    den = Math.max(den, Math.abs(ref[i]!));
  }
  return num / den;
}

describe('conv3x3 custom gradient', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const cases: Array<[string, Case]> = [
    ['few input channels, odd non-square, 6 outputs (scalar tail)', makeCase(1, 2, 7, 5, 3, 6)],
    [
      'few input channels over several 256-pixel bands (64×48), 3 outputs',
      makeCase(6, 3, 64, 48, 2, 3),
    ],
    ['many input channels, 5 outputs', makeCase(2, 3, 6, 8, 20, 5)],
    [
      '40 input channels over two 204-pixel bands (15×15), 19 outputs (tiles and tail)',
      makeCase(11, 2, 15, 15, 40, 19),
    ],
    ['one input channel, 1×N strip, 16 outputs (tiles only)', makeCase(3, 2, 1, 9, 1, 16)],
  ];

  for (const [name, c] of cases) {
    it(`wasm gradients match cpu tf.conv2d: ${name}`, async () => {
      await tf.setBackend('cpu');
      const ref = gradsOf(c, reference);
      const refValue = tf.tidy(() =>
        reference(tf.tensor4d(c.x, c.xs), tf.tensor4d(c.w, c.ws), tf.tensor1d(c.b)).dataSync(),
      );
      await tf.setBackend('wasm');
      expect(usesCustomGrad()).toBe(true);
      const got = gradsOf(c, (x, w, b) => conv3x3(x, w, b));
      const value = tf.tidy(() =>
        conv3x3(tf.tensor4d(c.x, c.xs), tf.tensor4d(c.w, c.ws), tf.tensor1d(c.b)).dataSync(),
      );
      await tf.setBackend('cpu');
      expect(relErr(Float32Array.from(value), Float32Array.from(refValue))).toBeLessThan(1e-5);
      const [dx, dw, db] = got;
      expect(relErr(dx!, ref[0]!)).toBeLessThan(1e-4);
      expect(relErr(dw!, ref[1]!)).toBeLessThan(1e-4);
      expect(relErr(db!, ref[2]!)).toBeLessThan(1e-4);
    });
  }

  for (const method of ['kernel', 'swapped'] as FilterGradMethod[]) {
    it(`filter gradient method '${method}' matches cpu tf.conv2d for 1 and 12 input channels on wasm`, async () => {
      for (const c of [makeCase(7, 2, 5, 6, 1, 4), makeCase(8, 3, 6, 5, 12, 7)]) {
        await tf.setBackend('cpu');
        const ref = gradsOf(c, reference);
        await tf.setBackend('wasm');
        const got = gradsOf(c, (x, w, b) => conv3x3(x, w, b, { filterGrad: method }));
        await tf.setBackend('cpu');
        expect(relErr(got[1]!, ref[1]!)).toBeLessThan(1e-4);
      }
    });
  }

  it('conv3x3FilterGrad methods agree with each other directly', async () => {
    await tf.setBackend('wasm');
    const c = makeCase(9, 4, 9, 9, 5, 6);
    const [a, b] = (['kernel', 'swapped'] as const).map((m) =>
      tf.tidy(() =>
        Float32Array.from(
          conv3x3FilterGrad(
            tf.tensor4d(c.x, c.xs),
            tf.tensor4d(c.proj, [4, 9, 9, 6]),
            m,
          ).dataSync() as Float32Array,
        ),
      ),
    );
    await tf.setBackend('cpu');
    expect(relErr(a!, b!)).toBeLessThan(1e-5);
  });

  it("'auto' uses the kernel on 1–2 threads, and for few input channels at any thread count", () => {
    expect(autoFilterGrad(1, 128)).toBe('kernel');
    expect(autoFilterGrad(2, 128)).toBe('kernel');
    expect(autoFilterGrad(3, 128)).toBe('swapped');
    expect(autoFilterGrad(8, 17)).toBe('swapped');
    expect(autoFilterGrad(8, 16)).toBe('kernel');
    expect(autoFilterGrad(8, 1)).toBe('kernel');
  });

  it('backpropFilter rotates the kernel 180° and swaps channels', () => {
    // w[p, q, i, o] = 1000p + 100q + 10i + o for a 3×3×2×3 filter.
    const vals: number[] = [];
    for (let p = 0; p < 3; p++)
      for (let q = 0; q < 3; q++)
        for (let i = 0; i < 2; i++)
          for (let o = 0; o < 3; o++) vals.push(1000 * p + 100 * q + 10 * i + o);
    const out = backpropFilter(tf.tensor4d(vals, [3, 3, 2, 3]));
    expect(out.shape).toEqual([3, 3, 3, 2]);
    const a = out.arraySync();
    expect(a[0]![0]![2]![1]).toBe(2000 + 200 + 10 + 2); // from w[2, 2, 1, 2]
    expect(a[2]![1]![0]![1]).toBe(0 + 100 + 10 + 0); // from w[0, 1, 1, 0]
    out.dispose();
  });

  it('zeroBiasGrad returns an exactly zero bias gradient and leaves dx and dW unchanged', async () => {
    const [full, zero] = await wasmGradsWith(makeCase(10, 2, 4, 5, 3, 4), { zeroBiasGrad: true });
    expect(Array.from(zero[0]!)).toEqual(Array.from(full[0]!));
    expect(Array.from(zero[1]!)).toEqual(Array.from(full[1]!));
    expect(zero[2]!.every((v) => v === 0)).toBe(true);
    expect(full[2]!.some((v) => v !== 0)).toBe(true);
  });

  it('the custom gradient on cpu matches the native one too', async () => {
    await tf.setBackend('cpu');
    const c = makeCase(4, 2, 5, 6, 18, 3);
    const ref = gradsOf(c, reference);
    const got = gradsOf(c, (x, w, b) => conv3x3(x, w, b, { mode: 'custom' }));
    for (let i = 0; i < 3; i++) expect(relErr(got[i]!, ref[i]!)).toBeLessThan(1e-4);
  });

  it('inputGrad: false returns a zero input gradient and the same filter gradient', async () => {
    const [full, noX] = await wasmGradsWith(makeCase(5, 2, 4, 4, 3, 2), { inputGrad: false });
    expect(noX[0]!.every((v) => v === 0)).toBe(true);
    expect(Array.from(noX[1]!)).toEqual(Array.from(full[1]!));
    expect(Array.from(noX[2]!)).toEqual(Array.from(full[2]!));
  });

  it('rejects a filter that is not 3×3 and a mismatched bias', () => {
    const x = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
    expect(() => conv3x3(x, tf.zeros([5, 5, 2, 3]) as tf.Tensor4D)).toThrow(
      'conv3x3: filter must be 3×3, got 5×5',
    );
    expect(() =>
      conv3x3(x, tf.zeros([3, 3, 2, 3]) as tf.Tensor4D, tf.zeros([4]) as tf.Tensor1D),
    ).toThrow('conv3x3: bias must have shape [3], got [4]');
  });
});
