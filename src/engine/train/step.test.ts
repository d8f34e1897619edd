// Training step and SGD: PyTorch's update rule on known numbers, the returned loss equals the
// CutMix-weighted cross-entropy of the returned softmax, loss falls on a fixed batch, and no
// tensors leak across steps.
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { ConfigError } from '../errors';
import { createConvNet } from '../model/convnet';
import { Rng } from '../rng';
import type { ModelConfig } from '../types';
import { createSgd } from './sgd';
import { createTrainer, mixedTargets } from './step';

function batch(config: ModelConfig, b: number, seed: number) {
  const rng = new Rng(seed);
  const [h, w, c] = config.inputShape;
  const x = tf.tensor4d(
    Float32Array.from({ length: b * h * w * c }, () => rng.normal()),
    [b, h, w, c],
  );
  const labels = Int32Array.from({ length: b }, (_, i) => i % config.numClasses);
  return { x, labels };
}

describe('createSgd', () => {
  it('follows torch.optim.SGD: g += wd·w; buf = m·buf + g; w -= lr·buf', async () => {
    await tf.setBackend('cpu');
    const v = tf.variable(tf.tensor1d([1, -2]), true, 'sgd-test-v');
    const sgd = createSgd([v], { momentum: 0.9, weightDecay: 0.1 });
    const g = tf.tensor1d([0.5, 0]);
    sgd.apply({ [v.name]: g }, 0.1);
    // d = 0.5 + 0.1·1 = 0.6, buf = 0.6, w = 1 − 0.06 ; d = 0 + 0.1·(−2) = −0.2, w = −2 + 0.02
    expect(Array.from(v.dataSync())).toEqual([expect.closeTo(0.94, 6), expect.closeTo(-1.98, 6)]);
    sgd.apply({ [v.name]: g }, 0.1);
    // d = 0.5 + 0.094 = 0.594, buf = 0.54 + 0.594 = 1.134, w = 0.94 − 0.1134
    // d = −0.198, buf = −0.18 − 0.198 = −0.378, w = −1.98 + 0.0378
    expect(Array.from(v.dataSync())).toEqual([
      expect.closeTo(0.8266, 6),
      expect.closeTo(-1.9422, 6),
    ]);
    expect(() => sgd.apply({ [v.name]: g }, Number.NaN)).toThrow(
      new ConfigError('learning rate must be a finite number ≥ 0, got NaN'),
    );
    sgd.dispose();
    g.dispose();
    v.dispose();
  });
});

describe('createTrainer', () => {
  const config: ModelConfig = { inputShape: [8, 8, 3], numClasses: 3, width: 8, depth: 2 };

  it('returns the CutMix-weighted cross-entropy of the softmax it returns', async () => {
    await tf.setBackend('cpu');
    const model = createConvNet(config, 1);
    const trainer = createTrainer(model, { momentum: 0.9, weightDecay: 5e-4 });
    const { x, labels } = batch(config, 4, 2);
    const labelsB = Int32Array.from([2, 0, 0, 1]);
    const out = await trainer.step({ x, labelsA: labels, labelsB, weightA: 0.3, lr: 0.01 });
    expect(out.probs).toHaveLength(4 * 3);
    let expected = 0;
    for (let i = 0; i < 4; i++) {
      const row = out.probs.subarray(i * 3, i * 3 + 3);
      expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 5);
      expected -= 0.3 * Math.log(row[labels[i]!]!) + 0.7 * Math.log(row[labelsB[i]!]!);
    }
    expect(out.loss).toBeCloseTo(expected / 4, 5);
    await expect(
      trainer.step({ x, labelsA: Int32Array.from([0, 1, 3, 0]), labelsB, weightA: 1, lr: 0.01 }),
    ).rejects.toThrow(new ConfigError('step: label 3 is outside 0..2'));
    x.dispose();
    trainer.dispose();
    model.dispose();
  });

  it('mixedTargets puts λ on label A and 1 − λ on label B', () => {
    expect(
      Array.from(mixedTargets(Int32Array.from([0, 1]), Int32Array.from([2, 1]), 0.25, 3)),
    ).toEqual([0.25, 0, 0.75, 0, 1, 0]);
  });

  it('loss falls on a small fixed batch (wasm) and no tensors leak over 20 steps', async () => {
    await tf.setBackend('wasm');
    const start = tf.memory().numTensors;
    const model = createConvNet(config, 3);
    const trainer = createTrainer(model, { momentum: 0.9, weightDecay: 5e-4 });
    const { x, labels } = batch(config, 12, 4);
    const losses: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 20; i++) {
      losses.push(
        (await trainer.step({ x, labelsA: labels, labelsB: labels, weightA: 1, lr: 0.05 })).loss,
      );
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    expect(losses[0]).toBeGreaterThan(0.8); // ≈ ln 3 at the start
    expect(losses[19]!).toBeLessThan(0.3 * losses[0]!);
    trainer.dispose();
    model.dispose();
    x.dispose();
    expect(tf.memory().numTensors).toBe(start);
    await tf.setBackend('cpu');
  });
});
