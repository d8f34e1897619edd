// Training speed of the real model on the active backend (design.md §8), the one measurement
// behind the app's estimates (run.ts `measureOnBundle`, on the loaded bundle's images, which adds
// the evaluation's speed) and `yoco bench` (on a synthetic set of any shape), so both report the
// same number: the real training loop (augmentation, CutMix, SGD, softmax read-back) over a set
// of one full batch and one quarter batch, so every epoch takes one step of each size; the first
// epochs untimed (kernels compile, caches fill), every later step timed; a least-squares line
// through (samples, ms) splits a step into a fixed and a per-sample cost (`fitStepCost`).
import { DEFAULT_TRAIN } from '../config';
import { checkPositiveInteger, ConfigError } from '../errors';
import type { ConvNet } from '../model/types';
import { Rng } from '../rng';
import type { ModelConfig } from '../types';
import type { Normalization } from './normalize';
import { train, type TrainSet } from './train';
import { createConvNet } from '../model/convnet';

/** What one training step costs: a fixed part and a part per sample. */
export interface StepCost {
  /** Fixed milliseconds of one training step (augmentation, forward, backward, update). */
  readonly stepMs: number;
  /** Milliseconds each sample adds to a training step. */
  readonly sampleMs: number;
}

export interface SpeedRequest {
  readonly model: { readonly width: number; readonly depth: number };
  readonly batchSize: number;
  /** The training set to time on, of `count` samples (a full batch and a quarter batch). */
  readonly samples: (count: number) => TrainSet;
  readonly normalization: Normalization;
  readonly flip: boolean;
  /** Untimed steps first, rounded up to whole epochs of two steps (default 2). */
  readonly warmupSteps?: number;
  /** Timed steps, rounded up to whole epochs of two steps (default 6). */
  readonly steps?: number;
  readonly signal?: AbortSignal;
  /** Yield to the event loop every this many steps (train.ts). */
  readonly yieldEvery?: number;
  /** Called after every step; a deadline may throw from it to end the measurement. */
  readonly onStep?: () => void;
  /** Return the trained model (the caller then disposes it). */
  readonly keepModel?: boolean;
  /** Time steps that train on this teacher's soft labels (its forward pass counts). */
  readonly teacher?: ConvNet;
}

export interface TrainingSpeed extends StepCost {
  /** Training samples per second at full batches (the fitted cost of a `batchSize` step). */
  readonly samplesPerSec: number;
  /** Milliseconds of one full-batch step on the fitted line. */
  readonly msPerStep: number;
  readonly batchSize: number;
  /** Timed training steps. */
  readonly measuredSteps: number;
  /** The trained model, when the request kept it. */
  readonly model?: ConvNet;
}

/** Steps in each epoch of the measurement: one full batch, one quarter batch. */
const STEPS_PER_EPOCH = 2;

/**
 * The step cost from timed training steps of two or more sizes (a least-squares line through
 * (samples, ms), clamped to non-negative parts).
 */
export function fitStepCost(
  steps: readonly { readonly samples: number; readonly ms: number }[],
): StepCost {
  const n = steps.length;
  if (n === 0) throw new ConfigError('no timed training steps');
  const mx = steps.reduce((a, s) => a + s.samples, 0) / n;
  const my = steps.reduce((a, s) => a + s.ms, 0) / n;
  const sxx = steps.reduce((a, s) => a + (s.samples - mx) ** 2, 0);
  const sxy = steps.reduce((a, s) => a + (s.samples - mx) * (s.ms - my), 0);
  // One size only: no way to split the step, so all of it counts per sample.
  let sampleMs = sxx > 0 ? Math.max(0, sxy / sxx) : my / Math.max(mx, 1);
  let stepMs = my - sampleMs * mx;
  if (stepMs < 0) {
    stepMs = 0;
    sampleMs = my / Math.max(mx, 1);
  }
  return { stepMs, sampleMs };
}

/** Times the real training loop on `request.samples` (see the header). */
export async function measureTrainingSpeed(request: SpeedRequest): Promise<TrainingSpeed> {
  const batchSize = checkPositiveInteger('batch size', request.batchSize);
  const steps = checkPositiveInteger('timed steps', request.steps ?? 6);
  const warmupSteps = request.warmupSteps ?? 2;
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0)
    throw new ConfigError(`warm-up steps must be an integer ≥ 0, got ${warmupSteps}`);
  const warmupEpochs = Math.ceil(warmupSteps / STEPS_PER_EPOCH);
  const epochs = warmupEpochs + Math.ceil(steps / STEPS_PER_EPOCH);
  const small = Math.max(1, Math.ceil(batchSize / 4));
  const timed: { samples: number; ms: number }[] = [];
  let last = { samples: 0, ms: 0 };
  const { signal, onStep } = request;
  const outcome = await train({
    model: request.model,
    train: request.samples(batchSize + small),
    normalization: request.normalization,
    config: { ...DEFAULT_TRAIN, epochs, batchSize, seed: 0, flip: request.flip, evalEvery: -1 },
    onStep: (s) => {
      if (s.epoch >= warmupEpochs)
        timed.push({ samples: s.samples - last.samples, ms: s.elapsedMs - last.ms });
      last = { samples: s.samples, ms: s.elapsedMs };
      onStep?.();
    },
    ...(signal ? { signal } : {}),
    ...(request.yieldEvery ? { yieldEvery: request.yieldEvery } : {}),
    keepModel: request.keepModel === true,
    ...(request.teacher ? { teacher: request.teacher } : {}),
  });
  const cost = fitStepCost(timed);
  const msPerStep = cost.stepMs + batchSize * cost.sampleMs;
  return {
    ...cost,
    samplesPerSec: (1000 * batchSize) / msPerStep,
    msPerStep,
    batchSize,
    measuredSteps: timed.length,
    ...(outcome.model ? { model: outcome.model } : {}),
  };
}

export interface SyntheticSpeedOptions {
  readonly steps?: number;
  readonly warmupSteps?: number;
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /**
   * Time soft-label steps, labelled by a teacher of this width and depth (random weights: the cost
   * of its forward pass does not depend on what it learnt).
   */
  readonly teacher?: { readonly width: number; readonly depth: number };
}

/**
 * The same measurement on a model of any shape (`config`) without a bundle: random pixels and
 * labels, each channel normalised as if its mean were 0.5 and its std 0.25 (`yoco bench`).
 */
export function measureSyntheticSpeed(
  config: ModelConfig,
  batchSize: number,
  options: SyntheticSpeedOptions = {},
): Promise<TrainingSpeed> {
  const [h, w, c] = config.inputShape;
  const rng = new Rng(options.seed ?? 0);
  const samples = (count: number): TrainSet => {
    const pixels = new Float32Array(count * h * w * c);
    for (let i = 0; i < pixels.length; i++) pixels[i] = rng.uniform(0, 255);
    const labels = Int32Array.from({ length: count }, () => rng.int(config.numClasses));
    return { samples: pixels, labels, shape: config.inputShape, numClasses: config.numClasses };
  };
  const { teacher: teacherSize, ...rest } = options;
  const teacher = teacherSize
    ? createConvNet({ ...config, ...teacherSize }, 1, { weightGrad: false })
    : undefined;
  return measureTrainingSpeed({
    model: { width: config.width, depth: config.depth },
    batchSize,
    samples,
    normalization: { mean: Array<number>(c).fill(0.5), std: Array<number>(c).fill(0.25) },
    flip: true,
    ...rest,
    ...(teacher ? { teacher } : {}),
  }).finally(() => teacher?.dispose());
}
