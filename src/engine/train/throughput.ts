// Training throughput of the real model on the active backend (design.md §8): a short run of full
// training steps (forward, backward, SGD update, softmax read-back) on a synthetic batch, after a
// warm-up that is not timed. Shared by the `bench` command and the app's budget warm-up.
import * as tf from '@tensorflow/tfjs-core';
import { TRAINING } from '../config';
import { ConfigError, throwIfAborted } from '../errors';
import { createConvNet } from '../model/convnet';
import { Rng } from '../rng';
import type { ModelConfig } from '../types';
import { createTrainer } from './step';

export interface ThroughputOptions {
  /** Untimed steps first (default 2: kernels, operator caches and memory settle). */
  readonly warmupSteps?: number;
  readonly seed?: number;
  readonly learningRate?: number;
}

export interface ThroughputMeasurement {
  readonly backend: string;
  /** Training samples per second over the timed steps. */
  readonly samplesPerSec: number;
  /** Mean and fastest time of one timed step, ms. */
  readonly msPerStep: number;
  readonly fastestStepMs: number;
  readonly steps: number;
  readonly warmupSteps: number;
  readonly batchSize: number;
  readonly width: number;
  /** Bytes the backend held after the run's tensors were allocated (before disposal). */
  readonly bytesInUse: number;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Times `steps` training steps of a freshly initialised model with `config` on batches of
 * `batchSize` synthetic normalised images. Yields to the event loop between steps and stops with
 * AbortedError when `signal` fires. Disposes everything it made.
 */
export async function measureThroughput(
  config: ModelConfig,
  batchSize: number,
  steps: number,
  signal?: AbortSignal,
  opts: ThroughputOptions = {},
): Promise<ThroughputMeasurement> {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new ConfigError(`batch size must be an integer ≥ 1, got ${batchSize}`);
  if (!Number.isInteger(steps) || steps < 1)
    throw new ConfigError(`steps must be an integer ≥ 1, got ${steps}`);
  const warmupSteps = opts.warmupSteps ?? 2;
  const rng = new Rng(opts.seed ?? 0);
  const [h, w, c] = config.inputShape;
  const model = createConvNet(config, opts.seed ?? 0);
  const trainer = createTrainer(model, {
    momentum: TRAINING.momentum,
    weightDecay: TRAINING.weightDecay,
  });
  const data = new Float32Array(batchSize * h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  const labelsA = Int32Array.from({ length: batchSize }, () => rng.int(config.numClasses));
  const labelsB = Int32Array.from({ length: batchSize }, () => rng.int(config.numClasses));
  const x = tf.tensor4d(data, [batchSize, h, w, c]);
  const lr = opts.learningRate ?? 0.01;
  try {
    for (let i = 0; i < warmupSteps; i++) {
      throwIfAborted(signal);
      await trainer.step({ x, labelsA, labelsB, weightA: 0.6, lr });
      await tick();
    }
    let total = 0;
    let fastest = Infinity;
    for (let i = 0; i < steps; i++) {
      throwIfAborted(signal);
      const t0 = performance.now();
      await trainer.step({ x, labelsA, labelsB, weightA: 0.6, lr });
      const dt = performance.now() - t0;
      total += dt;
      fastest = Math.min(fastest, dt);
      await tick();
    }
    const bytesInUse = tf.memory().numBytes;
    return {
      backend: tf.getBackend(),
      samplesPerSec: (steps * batchSize) / (total / 1000),
      msPerStep: total / steps,
      fastestStepMs: fastest,
      steps,
      warmupSteps,
      batchSize,
      width: config.width,
      bytesInUse,
    };
  } finally {
    x.dispose();
    trainer.dispose();
    model.dispose();
  }
}
