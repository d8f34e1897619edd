// Evaluation without augmentation (design.md §5): batched forward passes of a ConvNet over a labelled
// image set for its confusion matrix and top-1 accuracy (read off the matrix, confusion.ts, so a
// run's overall and per-class figures agree), and `predict`, which returns per-sample softmax
// probabilities and penultimate features for the entropy, loss and k-means scores (design.md §2).
// Inputs are raw pixel values (uint8 or float in 0..255) and are normalised batch by batch. Reads
// results with the asynchronous `data()`, which every backend (webgpu included) supports well.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors';
import type { ConvNet } from '../model/types';
import { gatherBatch } from './batches';
import { confusionAccuracy, countInto, emptyConfusion, type ConfusionMatrix } from './confusion';
import { createNormalizer, type Normalization, type Normalizer } from './normalize';

export const EVAL_BATCH = 256;

export interface Predictions {
  readonly count: number;
  readonly numClasses: number;
  readonly featureSize: number;
  /** Row-major `[count, numClasses]` softmax. */
  readonly probs: Float32Array;
  /** Row-major `[count, featureSize]` penultimate features. */
  readonly features: Float32Array;
}

function imageCount(model: ConvNet, images: Float32Array | Uint8Array): number {
  const [H, W, C] = model.config.inputShape;
  const size = H * W * C;
  if (images.length % size !== 0) {
    throw new ConfigError(
      `image data has ${images.length} values, not a multiple of one ${H}×${W}×${C} image`,
    );
  }
  return images.length / size;
}

function batchTensor(
  model: ConvNet,
  images: Float32Array | Uint8Array,
  start: number,
  end: number,
  normalizer: Normalizer,
): tf.Tensor4D {
  const [H, W, C] = model.config.inputShape;
  const idx = new Int32Array(end - start);
  for (let i = 0; i < idx.length; i++) idx[i] = start + i;
  return tf.tensor4d(gatherBatch(images, H * W * C, idx, normalizer), [idx.length, H, W, C]);
}

/**
 * Confusion matrix of `model` on `images` / `labels` (confusion.ts; K = the model's classes): top-1
 * predictions counted against the labels, batch by batch.
 */
export async function evaluateConfusion(
  model: ConvNet,
  images: Float32Array | Uint8Array,
  labels: Int32Array,
  normalization: Normalization,
  batchSize: number = EVAL_BATCH,
  onBatch?: (done: number, total: number) => void,
): Promise<ConfusionMatrix> {
  const count = imageCount(model, images);
  if (labels.length !== count)
    throw new ConfigError(`test set has ${count} images but ${labels.length} labels`);
  if (count === 0) throw new ConfigError('test set is empty');
  const numClasses = model.config.numClasses;
  for (const y of labels) {
    if (!(y >= 0 && y < numClasses))
      throw new ConfigError(`test label ${y} is outside 0…${numClasses - 1}`);
  }
  const normalizer = createNormalizer(normalization, model.config.inputShape[2]);
  const matrix = emptyConfusion(numClasses);
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(count, start + batchSize);
    const predicted = tf.tidy(() =>
      tf.argMax(model.apply(batchTensor(model, images, start, end, normalizer)).logits, 1),
    );
    try {
      countInto(matrix, labels.subarray(start, end), await predicted.data());
    } finally {
      predicted.dispose();
    }
    onBatch?.(end, count);
  }
  return matrix;
}

/** Top-1 accuracy (0..1) of `model` on `images` / `labels`: its confusion matrix's diagonal share. */
export async function evaluateAccuracy(
  model: ConvNet,
  images: Float32Array | Uint8Array,
  labels: Int32Array,
  normalization: Normalization,
  batchSize: number = EVAL_BATCH,
): Promise<number> {
  return confusionAccuracy(
    await evaluateConfusion(model, images, labels, normalization, batchSize),
  );
}

/** Softmax probabilities and penultimate features of every image, without augmentation. */
export async function predict(
  model: ConvNet,
  images: Float32Array | Uint8Array,
  normalization: Normalization,
  batchSize: number = EVAL_BATCH,
): Promise<Predictions> {
  const count = imageCount(model, images);
  const numClasses = model.config.numClasses;
  const normalizer = createNormalizer(normalization, model.config.inputShape[2]);
  const probs = new Float32Array(count * numClasses);
  let features = new Float32Array(0);
  let featureSize = 0;
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(count, start + batchSize);
    const [p, f] = tf.tidy(() => {
      const out = model.apply(batchTensor(model, images, start, end, normalizer));
      return [tf.softmax(out.logits), out.features] as const;
    });
    try {
      const [pv, fv] = await Promise.all([p.data(), f.data()]);
      if (start === 0) {
        featureSize = f.shape[1];
        features = new Float32Array(count * featureSize);
      }
      probs.set(pv as Float32Array, start * numClasses);
      features.set(fv as Float32Array, start * featureSize);
    } finally {
      p.dispose();
      f.dispose();
    }
  }
  return { count, numClasses, featureSize, probs, features };
}
