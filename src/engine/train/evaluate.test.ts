import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError } from '../errors';
import type { ConvNet } from '../model/types';
import { evaluateAccuracy, evaluateConfusion, predict } from './evaluate';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A fixed two-class scorer with the ConvNet interface (a test fixture, not a model): its feature is
 * the image mean m of the normalised input, and its logits are [m, -m].
 */
function meanScorer(): ConvNet {
  return {
    config: { inputShape: [2, 2, 1], numClasses: 2, width: 1, depth: 1 },
    variables: [],
    decayed: [],
    apply(x: tf.Tensor4D) {
      const m = tf.reshape(tf.mean(x, [1, 2, 3]), [-1, 1]) as tf.Tensor2D;
      return { features: m, logits: tf.concat([m, tf.neg(m)], 1) as tf.Tensor2D };
    },
    snapshot: () => ({}),
    restore: () => undefined,
    dispose: () => undefined,
  };
}

// Normalisation mean .5, std .5: pixel v -> v/127.5 - 1, so images brighter than 127.5 score class 0.
const norm = { mean: [0.5], std: [0.5] };
const levels = [0, 255, 51, 204, 140.25, 25.5, 229.5];
const images = new Float32Array(levels.flatMap((v) => [v, v, v, v]));

describe('evaluateAccuracy', () => {
  it('counts top-1 hits over partial batches', async () => {
    // predictions: 1, 0, 1, 0, 0, 1, 0
    const labels = new Int32Array([1, 0, 1, 1, 0, 0, 0]); // 5 of 7 right
    const before = tf.memory().numTensors;
    expect(await evaluateAccuracy(meanScorer(), images, labels, norm, 3)).toBeCloseTo(5 / 7, 12);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('accepts uint8 images', async () => {
    const u8 = new Uint8Array([0, 0, 0, 0, 255, 255, 255, 255]);
    expect(await evaluateAccuracy(meanScorer(), u8, new Int32Array([1, 0]), norm)).toBe(1);
  });

  it('rejects a label count that does not match the images', async () => {
    await expect(evaluateAccuracy(meanScorer(), images, new Int32Array(3), norm)).rejects.toThrow(
      ConfigError,
    );
    await expect(evaluateAccuracy(meanScorer(), images, new Int32Array(3), norm)).rejects.toThrow(
      'test set has 7 images but 3 labels',
    );
  });
});

describe('evaluateConfusion', () => {
  it('counts each true class against the prediction, across partial batches', async () => {
    // predictions: 1, 0, 1, 0, 0, 1, 0
    const labels = new Int32Array([1, 0, 1, 1, 0, 0, 0]);
    const before = tf.memory().numTensors;
    // Class 0 (4 images): 3 predicted 0, 1 predicted 1. Class 1 (3 images): 1 predicted 0, 2 predicted 1.
    expect(await evaluateConfusion(meanScorer(), images, labels, norm, 3)).toEqual([
      [3, 1],
      [1, 2],
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects a label outside the model's classes", async () => {
    const labels = new Int32Array([1, 0, 2, 1, 0, 0, 0]);
    await expect(evaluateConfusion(meanScorer(), images, labels, norm)).rejects.toThrow(
      'test label 2 is outside 0…1',
    );
  });
});

describe('predict', () => {
  it('returns softmax rows and features for every image, in order', async () => {
    const before = tf.memory().numTensors;
    const p = await predict(meanScorer(), images, norm, 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(p.count).toBe(7);
    expect(p.featureSize).toBe(1);
    levels.forEach((v, i) => {
      const m = v / 127.5 - 1;
      expect(p.features[i]).toBeCloseTo(m, 5);
      expect(p.probs[2 * i]).toBeCloseTo(1 / (1 + Math.exp(-2 * m)), 5);
      expect(p.probs[2 * i]! + p.probs[2 * i + 1]!).toBeCloseTo(1, 6);
    });
  });
});
