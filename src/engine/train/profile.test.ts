// profileTraining on a tiny ConvNet (cpu backend): the stage table names every part of the real
// loop (batch preparation, augmentation, each layer type forward and backward, loss, optimizer),
// the stages and "other" add up to the step, the kernel table holds only registered kernels with
// the convolutions among them, and nothing leaks.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { profileTraining } from './profile';

describe('profileTraining', () => {
  it('splits a training step into named stages and kernels', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const p = await profileTraining(
      { inputShape: [8, 8, 3], numClasses: 3, width: 4, depth: 2 },
      { batchSize: 4, steps: 2 },
    );
    expect(tf.memory().numTensors).toBe(before);
    const names = p.stages.map((s) => s.name);
    for (const name of [
      'conv forward',
      'conv dx',
      'conv dW',
      'instance norm forward',
      'instance norm backward',
      'relu + pool forward',
      'relu + pool backward',
      'dense forward',
      'dense backward',
      'loss forward',
      'loss backward',
      'optimizer',
      'augmentation',
      'cutmix',
      'batch: gather + normalise (host)',
      'batch: upload',
      'read back loss + softmax',
    ])
      expect(names).toContain(name);
    const sum = p.stages.reduce((a, s) => a + s.ms, 0);
    expect(sum).toBeGreaterThanOrEqual(p.stepMs * 0.999);
    expect(p.stages.slice(0, -1).every((s, i) => i === 0 || s.ms <= p.stages[i - 1]!.ms)).toBe(
      true,
    );
    const kernels = p.kernels.map((k) => k.name);
    expect(kernels).toContain('Conv2D');
    for (const k of p.kernels) {
      expect(tf.getKernel(k.name, 'cpu')).toBeDefined();
      expect(k.calls).toBeGreaterThan(0);
    }
  }, 60_000);
});
