// The one training-speed measurement (throughput.ts): the line fit splits a step into a fixed and
// a per-sample part; the real loop is timed after its warm-up epochs, leaks no tensors, keeps the
// model only when asked; bad sizes are ConfigErrors and a fired signal is an AbortedError.
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { AbortedError, ConfigError } from '../errors';
import type { ModelConfig } from '../types';
import { fitStepCost, measureSyntheticSpeed } from './throughput';

const config: ModelConfig = { inputShape: [8, 8, 3], numClasses: 3, width: 4, depth: 2 };

describe('fitStepCost', () => {
  it('splits timed steps of two sizes into a fixed and a per-sample part', () => {
    const steps = [64, 16, 64, 16].map((samples) => ({ samples, ms: 20 + 2 * samples }));
    expect(fitStepCost(steps)).toEqual({ stepMs: 20, sampleMs: 2 });
  });

  it('never gives a negative part', () => {
    // Noise can make the smaller step the slower one: all of it counts as fixed.
    const flat = fitStepCost([
      { samples: 64, ms: 30 },
      { samples: 16, ms: 40 },
    ]);
    expect(flat).toEqual({ stepMs: 35, sampleMs: 0 });
    // A line through zero at more than the mean: all per sample.
    const steep = fitStepCost([
      { samples: 64, ms: 100 },
      { samples: 16, ms: 1 },
    ]);
    expect(steep.stepMs).toBe(0);
    expect(steep.sampleMs).toBeCloseTo(50.5 / 40, 9);
  });

  it('refuses no steps at all', () => {
    expect(() => fitStepCost([])).toThrow(new ConfigError('no timed training steps'));
  });
});

describe('measureSyntheticSpeed', () => {
  it('times whole epochs of a full and a quarter batch after the warm-up, leaking nothing', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    // 3 timed steps round up to 2 epochs of 2 steps; 1 warm-up step to one untimed epoch.
    const m = await measureSyntheticSpeed(config, 4, { steps: 3, warmupSteps: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(m.model).toBeUndefined();
    expect(m.measuredSteps).toBe(4);
    expect(m.batchSize).toBe(4);
    expect(m.stepMs).toBeGreaterThanOrEqual(0);
    expect(m.sampleMs).toBeGreaterThanOrEqual(0);
    // The full-batch figures come from the fitted line.
    expect(m.msPerStep).toBeCloseTo(m.stepMs + 4 * m.sampleMs, 9);
    expect(m.samplesPerSec).toBeCloseTo(4000 / m.msPerStep, 6);
  });

  it('rejects bad sizes with a ConfigError and stops on abort', async () => {
    await tf.setBackend('cpu');
    await expect(measureSyntheticSpeed(config, 0)).rejects.toThrow(
      new ConfigError('batch size must be a positive integer, got 0'),
    );
    await expect(measureSyntheticSpeed(config, 2, { steps: 1.5 })).rejects.toThrow(
      new ConfigError('timed steps must be a positive integer, got 1.5'),
    );
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort();
    await expect(
      measureSyntheticSpeed(config, 2, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
