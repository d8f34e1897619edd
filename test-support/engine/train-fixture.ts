// The data of the training-loop tests (train.test.ts): four classes of noisy 8×8 one-channel
// patterns (a training set of 40 and a test set of 25 per class), their normalisation, and the
// TrainOptions that train a small ConvNet on them, with overrides.
import { Rng } from '../../src/engine/rng';
import type { TrainConfig } from '../../src/engine/types';
import { computeNormalization } from '../../src/engine/train/normalize';
import type { TrainOptions } from '../../src/engine/train/train';

/** Image side. */
export const S = 8;

/**
 * Four classes of noisy 8×8 one-channel patterns with random phase and contrast: horizontal
 * stripes, vertical stripes, a checkerboard, and a bright square on a dark ground.
 */
export function patterns(
  perClass: number,
  seed: number,
): { images: Uint8Array; labels: Int32Array } {
  const rng = new Rng(seed);
  const n = 4 * perClass;
  const images = new Uint8Array(n * S * S);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 4;
    labels[i] = c;
    const phase = rng.int(4);
    const amp = rng.uniform(50, 100);
    const cx = rng.int(4) + 2;
    const cy = rng.int(4) + 2;
    for (let y = 0; y < S; y++) {
      for (let x = 0; x < S; x++) {
        let on: boolean;
        if (c === 0) on = (y + phase) % 4 < 2;
        else if (c === 1) on = (x + phase) % 4 < 2;
        else if (c === 2) on = (((x + phase) >> 1) + ((y + phase) >> 1)) % 2 === 0;
        else on = Math.abs(x - cx) <= 1 && Math.abs(y - cy) <= 1;
        const v = 128 + (on ? amp : -amp) + 25 * rng.normal();
        images[i * S * S + y * S + x] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return { images, labels };
}

export const trainData = patterns(40, 1);
export const testData = patterns(25, 2);
export const normalization = computeNormalization(trainData.images, 1);

export function config(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    epochs: 3,
    batchSize: 16,
    learningRate: 0.01,
    momentum: 0.9,
    weightDecay: 5e-4,
    seed: 7,
    flip: true,
    augment: true,
    evalEvery: 1,
    ...overrides,
  };
}

export function options(overrides: Partial<TrainOptions> = {}, perClass = 40): TrainOptions {
  const n = 4 * perClass;
  return {
    model: { width: 8, depth: 2 },
    train: {
      samples: new Float32Array(trainData.images.subarray(0, n * S * S)),
      labels: trainData.labels.slice(0, n),
      shape: [S, S, 1],
      numClasses: 4,
    },
    test: { images: testData.images, labels: testData.labels },
    normalization,
    config: config(),
    ...overrides,
  };
}
