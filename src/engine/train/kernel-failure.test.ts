// A kernel that throws mid-training (a device or driver failure) must strand no tensors: for a
// failure at each stage of a step (convolution, instance norm, pooling, the head and the loss in
// the forward pass; the custom gradients in the backward pass) and for a whole training run, the
// error comes through unchanged and tf.memory() returns to its starting count and bytes; the next
// step still works.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { setForwardMethod } from '../tf/conv2d';
import { createConvNet } from '../model/convnet';
import { Rng } from '../rng';
import {
  InjectedKernelError,
  withFailingKernel,
} from '../../../test-support/engine/failing-kernel';
import type { ModelConfig } from '../types';
import { createTrainer } from './step';
import { train } from './train';

// tfjs's convolution kernels are the ones injected to fail here: the host backends' own SIMD
// kernel (conv-kernel.ts) would otherwise stand in for FusedConv2D and Conv2D.
beforeAll(() => setForwardMethod('tfjs'));
afterAll(() => setForwardMethod('auto'));

const config: ModelConfig = { inputShape: [8, 8, 3], numClasses: 3, width: 8, depth: 2 };

function batch(b: number, seed: number): { x: tf.Tensor4D; labels: Int32Array } {
  const rng = new Rng(seed);
  const x = tf.tensor4d(
    Float32Array.from({ length: b * 8 * 8 * 3 }, () => rng.normal()),
    [b, 8, 8, 3],
  );
  return { x, labels: Int32Array.from({ length: b }, (_, i) => i % 3) };
}

function memory(): { tensors: number; bytes: number } {
  const m = tf.memory();
  return { tensors: m.numTensors, bytes: m.numBytes };
}

/** Runs one step with `kernel` failing on call `failOn`; returns the error and the memory after. */
async function failingStep(backend: string, kernel: string, failOn: number) {
  await tf.setBackend(backend);
  const start = memory();
  const model = createConvNet(config, 1);
  const trainer = createTrainer(model, { momentum: 0.9, weightDecay: 5e-4 });
  const { x, labels } = batch(6, 2);
  let error: unknown;
  const calls = await withFailingKernel(kernel, backend, failOn, async () => {
    try {
      await trainer.step({ x, labelsA: labels, labelsB: labels, weightA: 1, lr: 0.01 });
    } catch (e) {
      error = e;
    }
  });
  // The trainer is still usable after the failure, and a good step leaks nothing either.
  const before = memory();
  const ok = await trainer.step({ x, labelsA: labels, labelsB: labels, weightA: 1, lr: 0.01 });
  const after = memory();
  x.dispose();
  trainer.dispose();
  model.dispose();
  return { error, calls, start, end: memory(), ok, before, after };
}

// Kernel call counts of one step on an 8×8 input with depth 2 (custom gradients on cpu/wasm):
// forward per block FusedConv2D, AvgPool (mean), AvgPool (variance), Rsqrt, …, AvgPool (pool);
// then BatchMatMul (head), Neg (loss); backward Step (pool), Conv2D (input gradient of block 2),
// BatchMatMul (head gradients).
const CASES: Array<[string, string, number]> = [
  ['forward: second convolution', 'FusedConv2D', 2],
  ['forward: instance norm of block 2', 'Rsqrt', 2],
  ['forward: pooling after its input was saved', 'AvgPool', 3],
  ['forward: linear head after its inputs were saved', 'BatchMatMul', 1],
  ['forward: loss after the log-softmax was saved', 'Neg', 1],
  ['backward: ReLU/pool gradient', 'Step', 1],
  ['backward: convolution input gradient', 'Conv2D', 1],
  ['backward: head gradient', 'BatchMatMul', 2],
];

describe('a kernel failing mid-step strands no tensors', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const [what, kernel, failOn] of CASES) {
    it(`${what} (${kernel} call ${failOn}, cpu)`, async () => {
      const r = await failingStep('cpu', kernel, failOn);
      expect(r.calls).toBeGreaterThanOrEqual(failOn);
      expect(r.error).toBeInstanceOf(InjectedKernelError);
      expect(r.end).toEqual(r.start);
      expect(r.after).toEqual(r.before);
      expect(Number.isFinite(r.ok.loss)).toBe(true);
    });
  }

  it('on wasm too (second convolution, and the backward head gradient)', async () => {
    for (const [kernel, failOn] of [
      ['FusedConv2D', 2],
      ['BatchMatMul', 2],
    ] as const) {
      const r = await failingStep('wasm', kernel, failOn);
      expect(r.error).toBeInstanceOf(InjectedKernelError);
      expect(r.end).toEqual(r.start);
    }
    await tf.setBackend('cpu');
  });
});

describe('a kernel failing mid-run strands no tensors', () => {
  it('train() rejects with the kernel error in its second epoch and frees everything', async () => {
    await tf.setBackend('cpu');
    const rng = new Rng(5);
    const n = 24;
    const samples = Uint8Array.from({ length: n * 8 * 8 * 3 }, () => rng.int(256));
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    const start = memory();
    let error: unknown;
    // 24 samples in batches of 8: 3 steps an epoch, 2 convolutions a step: call 9 is epoch 2.
    await withFailingKernel('FusedConv2D', 'cpu', 9, async () => {
      try {
        await train({
          model: { width: 8, depth: 2, seed: 1 },
          train: { samples, labels, shape: [8, 8, 3], numClasses: 3 },
          test: { images: samples, labels },
          normalization: { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] },
          config: {
            epochs: 3,
            batchSize: 8,
            learningRate: 0.01,
            momentum: 0.9,
            weightDecay: 5e-4,
            seed: 1,
            flip: false,
            augment: true,
            evalEvery: -1,
          },
        });
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(InjectedKernelError);
    expect(memory()).toEqual(start);
  });
});
