// measureThroughput: consistent numbers from real training steps, no leaked tensors, typed errors
// for bad arguments, and AbortedError when the signal fires.
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { AbortedError, ConfigError } from '../errors';
import type { ModelConfig } from '../types';
import { measureThroughput } from './throughput';

const config: ModelConfig = { inputShape: [8, 8, 3], numClasses: 3, width: 4, depth: 2 };

describe('measureThroughput', () => {
  it('times the requested steps after the warm-up and leaks nothing', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const m = await measureThroughput(config, 4, 3, undefined, { warmupSteps: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(m.backend).toBe('cpu');
    expect(m.steps).toBe(3);
    expect(m.warmupSteps).toBe(1);
    expect(m.batchSize).toBe(4);
    expect(m.width).toBe(4);
    expect(m.samplesPerSec).toBeGreaterThan(0);
    expect(m.samplesPerSec).toBeCloseTo(4 / (m.msPerStep / 1000), 6);
    expect(m.fastestStepMs).toBeLessThanOrEqual(m.msPerStep);
    expect(m.bytesInUse).toBeGreaterThan(0);
  });

  it('rejects bad sizes with a ConfigError and stops on abort', async () => {
    await tf.setBackend('cpu');
    await expect(measureThroughput(config, 0, 2)).rejects.toThrow(
      new ConfigError('batch size must be an integer ≥ 1, got 0'),
    );
    await expect(measureThroughput(config, 2, 1.5)).rejects.toThrow(
      new ConfigError('steps must be an integer ≥ 1, got 1.5'),
    );
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort();
    await expect(measureThroughput(config, 2, 2, controller.signal)).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
