// Multi-threaded wasm in Node: the shim makes the thread pool really use the requested threads
// (tfjs alone reports 1 on a 2-core machine), and gradients computed on the threaded build (whose
// heap is shared memory, read through views by the filter-gradient kernel) still match the cpu
// backend.
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { BackendError } from '../../src/engine/errors';
import { conv3x3 } from '../../src/engine/tf/conv2d';
import { Rng } from '../../src/engine/rng';
import { wasmThreadCount } from '../../src/engine/tf/wasm-threads';
import { initNodeBackend } from './backend-node';

function grads(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  b: tf.Tensor1D,
  p: tf.Tensor4D,
  f: typeof conv3x3,
): Float32Array[] {
  return tf.tidy(() =>
    tf
      .grads((xx, ww, bb) =>
        tf.sum(tf.mul(f(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D), p)),
      )([x, w, b])
      .map((t) => Float32Array.from(t.dataSync() as Float32Array)),
  );
}

describe('initNodeBackend', () => {
  it('runs wasm with 2 threads and its conv gradients match the cpu backend', async () => {
    const info = await initNodeBackend('wasm', { threads: 2 });
    expect(info).toEqual({ backend: 'wasm', threads: 2 });
    expect(getThreadsCount()).toBe(2);
    const heap = (tf.engine().backend as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8;
    expect(heap.buffer).toBeInstanceOf(SharedArrayBuffer);

    const rng = new Rng(3);
    const rand = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const shapes: Array<[number, number, number, number, number]> = [
      [3, 64, 48, 3, 8], // few channels: the kernel over 12 bands of 256 pixels per sample
      [2, 6, 7, 24, 5], // many channels: 5 outputs, all in the kernel's scalar tail
    ];
    for (const [n, h, w, cin, cout] of shapes) {
      const xv = rand(n * h * w * cin);
      const wv = rand(9 * cin * cout);
      const bv = rand(cout);
      const pv = rand(n * h * w * cout);
      const make = () =>
        [
          tf.tensor4d(xv, [n, h, w, cin]),
          tf.tensor4d(wv, [3, 3, cin, cout]),
          tf.tensor1d(bv),
          tf.tensor4d(pv, [n, h, w, cout]),
        ] as const;
      const onWasm = tf.tidy(() => grads(...make(), conv3x3));
      await initNodeBackend('cpu');
      const onCpu = tf.tidy(() =>
        grads(...make(), (x, f, b) => tf.add(tf.conv2d(x, f, 1, 'same'), b!) as tf.Tensor4D),
      );
      await initNodeBackend('wasm', { threads: 2 });
      for (let i = 0; i < 3; i++) {
        const scale = onCpu[i]!.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
        const err = onCpu[i]!.reduce((m, v, j) => Math.max(m, Math.abs(v - onWasm[i]![j]!)), 0);
        expect(err / scale).toBeLessThan(1e-4);
      }
    }
  });

  it('switches to one thread (the single-threaded SIMD build) and back', async () => {
    expect(await initNodeBackend('wasm', { threads: 1 })).toEqual({ backend: 'wasm', threads: 1 });
    const heap = (tf.engine().backend as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8;
    expect(heap.buffer).toBeInstanceOf(ArrayBuffer);
    expect(wasmThreadCount()).toBe(1); // the single-threaded build reports 1 too
    expect(await initNodeBackend('wasm', { threads: 2 })).toEqual({ backend: 'wasm', threads: 2 });
  });

  it("wasmThreadCount (the browser badge's count) reads the threads in use, null off wasm", async () => {
    await initNodeBackend('wasm', { threads: 2 });
    expect(wasmThreadCount()).toBe(2);
    await initNodeBackend('cpu');
    expect(wasmThreadCount()).toBeNull();
  });

  it('rejects bad thread counts and browser backends', async () => {
    await expect(initNodeBackend('wasm', { threads: 9 })).rejects.toThrow(
      new BackendError('wasm', 'threads must be an integer in [1, 8], got 9'),
    );
    await expect(initNodeBackend('webgl' as never)).rejects.toThrow(
      'webgl: not available in Node; choose one of wasm, cpu',
    );
  });
});
