// The training loop (design.md §5): builds a ConvNet, then per epoch shuffles the samples into batches,
// normalises, augments (per-sample DSA-style ops, then CutMix) and takes one SGD step per batch
// with the scheduled learning rate. It feeds every step's softmax to an optional dynamics sink
// (design.md §2), reports every step (`onStep`, for progress) and every epoch (`onEpoch`), evaluates on
// a test set when asked, stops between steps when the AbortSignal fires, and disposes every tensor
// it made on every path. With a teacher, the teacher labels each batch after augmentation and
// CutMix, and the step minimises the distillation loss (distill.ts) instead of the hard labels'.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, throwIfAborted } from '../errors';
import { validate } from './check';
import { createConvNet, type ConvNetWeights } from '../model/convnet';
import type { ConvNet } from '../model/types';
import { Rng } from '../rng';
import type { DynamicsSink } from '../scores/types';
import type { EpochReport, ImageShape, TrainConfig } from '../types';
import { augmentBatch } from './augment';
import { batchesPerEpoch, epochBatches, gatherBatch } from './batches';
import { cutMix } from './cutmix';
import { teacherTargets } from './distill';
import { DISTILLATION } from '../config';
import { confusionAccuracy, type ConfusionMatrix } from './confusion';
import { evaluateConfusion } from './evaluate';
import { createNormalizer, type Normalization } from './normalize';
import { learningRateAt } from './schedule';
import { createTrainer } from './step';
import { stage } from '../tf/stages';

export interface TrainSet {
  /** Decoded samples, NHWC, pixel values in 0..255. */
  readonly samples: Float32Array | Uint8Array;
  readonly labels: Int32Array;
  readonly shape: ImageShape;
  readonly numClasses: number;
}

export interface TestSet {
  /** Same image shape as the training set; pixel values in 0..255. */
  readonly images: Uint8Array | Float32Array;
  readonly labels: Int32Array;
}

/** One finished training step (for progress reports; cheap, every step). */
export interface StepInfo {
  /** 0-based epoch. */
  readonly epoch: number;
  /** Steps finished in this epoch, of `steps`. */
  readonly step: number;
  readonly steps: number;
  /** Training samples processed in the run so far. */
  readonly samples: number;
  /** Wall time since training started, ms. */
  readonly elapsedMs: number;
}

export interface TrainOptions {
  readonly model: { readonly width: number; readonly depth: number; readonly seed?: number };
  readonly train: TrainSet;
  readonly test?: TestSet;
  readonly normalization: Normalization;
  readonly config: TrainConfig;
  readonly dynamics?: DynamicsSink;
  readonly onStep?: (step: StepInfo) => void;
  readonly onEpoch?: (report: EpochReport) => void;
  readonly signal?: AbortSignal;
  /** Yield to the event loop (one macrotask) every this many steps; 0 or absent: never. */
  readonly yieldEvery?: number;
  /** Return the trained model (the caller then owns and disposes it). */
  readonly keepModel?: boolean;
  /** Start from these weights (ConvNet.snapshot of a model of the same config), not from `seed`'s. */
  readonly initialWeights?: ConvNetWeights;
  /**
   * Train on this model's soft labels (`labels: 'teacher'`): it labels every augmented batch at
   * DISTILLATION.temperature. The caller owns it; its inputs are the student's (same image shape
   * and classes, any width and depth).
   */
  readonly teacher?: ConvNet;
}

export interface TrainOutcome {
  readonly model?: ConvNet;
  /** Test accuracy after the last epoch (absent without a test set or with evalEvery −1). */
  readonly finalTestAccuracy?: number;
  /** The confusion matrix behind `finalTestAccuracy` (present exactly when it is). */
  readonly finalConfusion?: ConfusionMatrix;
  readonly epochs: EpochReport[];
}

/** Independent random streams derived from the training seed. */
const STREAM_SHUFFLE = 1;
const STREAM_AUGMENT = 2;
const STREAM_CUTMIX = 3;

/** Resolve after one macrotask, so queued messages (e.g. a cancel) get handled. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function shouldEvaluate(config: TrainConfig, epoch: number): boolean {
  if (config.evalEvery < 0) return false;
  const last = epoch === config.epochs - 1;
  return last || (config.evalEvery > 0 && (epoch + 1) % config.evalEvery === 0);
}

/**
 * Train a fresh ConvNet on `opts.train` with the design.md §5 protocol. Rejects with AbortedError when
 * `opts.signal` fires (checked between steps) and with ConfigError for inconsistent inputs.
 * Epoch reports: `loss` is the mean training loss over the epoch's samples, `trainAccuracy` the
 * share of samples whose augmented prediction matched their own label, `elapsedMs` the wall time
 * since training started, `samplesPerSec` the epoch's training throughput (evaluation excluded).
 */
export async function train(opts: TrainOptions): Promise<TrainOutcome> {
  validate(opts);
  throwIfAborted(opts.signal);
  const { train: set, test, config, dynamics, signal } = opts;
  const [H, W, C] = set.shape;
  const sampleSize = H * W * C;
  const count = set.labels.length;
  const K = set.numClasses;
  const normalizer = createNormalizer(opts.normalization, C);
  const root = new Rng(config.seed);
  const shuffleRng = root.fork(STREAM_SHUFFLE);
  const augmentRng = root.fork(STREAM_AUGMENT);
  const mixRng = root.fork(STREAM_CUTMIX);
  const yieldEvery = opts.yieldEvery ?? 0;

  const model = createConvNet(
    { inputShape: set.shape, numClasses: K, width: opts.model.width, depth: opts.model.depth },
    opts.model.seed ?? config.seed,
  );
  if (opts.initialWeights) model.restore(opts.initialWeights);
  const teacher = opts.teacher;
  let trainer: ReturnType<typeof createTrainer> | undefined;
  let keep = false;
  const reports: EpochReport[] = [];
  let finalConfusion: ConfusionMatrix | undefined;
  const started = performance.now();
  const stepsPerEpoch = batchesPerEpoch(count, config.batchSize);
  let steps = 0;
  let samples = 0;
  try {
    trainer = createTrainer(model, { momentum: config.momentum, weightDecay: config.weightDecay });
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const lr = learningRateAt(epoch, config.scheduleEpochs ?? config.epochs, config.learningRate);
      const epochStart = performance.now();
      let lossSum = 0;
      let correct = 0;
      let step = 0;
      for (const indices of epochBatches(count, config.batchSize, shuffleRng)) {
        if (yieldEvery > 0 && steps > 0 && steps % yieldEvery === 0) await yieldToEventLoop();
        throwIfAborted(signal);
        const b = indices.length;
        const labelsA = new Int32Array(b);
        for (let i = 0; i < b; i++) labelsA[i] = set.labels[indices[i]!]!;
        const data = stage('batch: gather + normalise (host)', () =>
          gatherBatch(set.samples, sampleSize, indices, normalizer),
        );
        let labelsB: Int32Array = labelsA;
        let weightA = 1;
        const x = tf.tidy(() => {
          const raw = stage('batch: upload', () => tf.tensor4d(data, [b, H, W, C]));
          if (!config.augment) return raw;
          const augmented = stage('augmentation', () =>
            augmentBatch(raw, augmentRng, { flip: config.flip }),
          );
          const mixed = stage('cutmix', () => cutMix(augmented, labelsA, mixRng, config.cutmix));
          labelsB = mixed.labelsB;
          weightA = mixed.weightA;
          return mixed.x;
        });
        const soft = teacher
          ? {
              targets: stage('teacher labels', () =>
                tf.tidy(() => teacherTargets(teacher.apply(x).logits, DISTILLATION.temperature)),
              ),
              temperature: DISTILLATION.temperature,
            }
          : undefined;
        let out;
        try {
          out = await trainer.step({ x, labelsA, labelsB, weightA, lr, ...(soft ? { soft } : {}) });
        } finally {
          x.dispose();
          soft?.targets.dispose();
        }
        steps++;
        if (!Number.isFinite(out.loss)) {
          throw new ConfigError(
            `training diverged: loss ${out.loss} at epoch ${epoch + 1}, learning rate ${lr}`,
          );
        }
        lossSum += out.loss * b;
        correct += countCorrect(out.probs, labelsA, K);
        dynamics?.onStep(epoch, indices, out.probs, labelsA);
        step++;
        samples += b;
        opts.onStep?.({
          epoch,
          step,
          steps: stepsPerEpoch,
          samples,
          elapsedMs: performance.now() - started,
        });
      }
      const trainMs = performance.now() - epochStart;
      dynamics?.onEpochEnd(epoch);
      let testAccuracy: number | undefined;
      if (test && shouldEvaluate(config, epoch)) {
        throwIfAborted(signal);
        const confusion = await evaluateConfusion(
          model,
          test.images,
          test.labels,
          opts.normalization,
        );
        testAccuracy = confusionAccuracy(confusion);
        if (epoch === config.epochs - 1) finalConfusion = confusion;
      }
      const report: EpochReport = {
        epoch: epoch + 1,
        epochs: config.epochs,
        loss: lossSum / count,
        trainAccuracy: correct / count,
        ...(testAccuracy === undefined ? {} : { testAccuracy }),
        samplesPerSec: count / Math.max(trainMs / 1000, 1e-9),
        elapsedMs: performance.now() - started,
      };
      reports.push(report);
      opts.onEpoch?.(report);
    }
    keep = opts.keepModel === true;
  } finally {
    trainer?.dispose();
    if (!keep) model.dispose();
  }
  return {
    ...(keep ? { model } : {}),
    ...(finalConfusion === undefined
      ? {}
      : { finalTestAccuracy: confusionAccuracy(finalConfusion), finalConfusion }),
    epochs: reports,
  };
}

/** Rows of row-major `[batch, k]` probabilities whose arg-max equals the label (first max wins). */
export function countCorrect(probs: Float32Array, labels: Int32Array, k: number): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    let bestValue = probs[i * k]!;
    for (let j = 1; j < k; j++) {
      const v = probs[i * k + j]!;
      if (v > bestValue) {
        bestValue = v;
        best = j;
      }
    }
    if (best === labels[i]) correct++;
  }
  return correct;
}
