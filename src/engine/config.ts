// Every default of the model and its training, in one place (nanoGPT-style: each knob once,
// commented, read everywhere else): ConvNet-D's size (design.md §4), the training protocol (design.md §5)
// and how often a run evaluates for its live test-accuracy curve (design.md §8).
// `describeProtocol` states a protocol in words: `yoco table` writes them into a table's protocol
// (so they must not change for an unchanged protocol: `--merge` compares them), and the app shows
// them as its training hint.
import type { TrainConfig } from './types';

/** ConvNet-D (design.md §4): `depth` blocks of [3×3 conv, `width` channels → instance norm → ReLU → 2×2 avg-pool]. */
export const MODEL = {
  /** Channels of every convolution (the 128 of the papers' ConvNet). */
  width: 128,
  /** Blocks: the 3 of ConvNet-D3. */
  depth: 3,
} as const;

/** The training protocol (design.md §5). */
export const TRAINING = {
  /** Epochs of the paper's protocol, and the CLI's default (the app defaults to a short run). */
  epochs: 1000,
  batchSize: 64,
  /** SGD with momentum and L2 weight decay, from this base learning rate. */
  learningRate: 0.01,
  momentum: 0.9,
  weightDecay: 5e-4,
  /**
   * The rate is multiplied by `lrDrop` at each milestone, a fraction [num, den] of the schedule's
   * E epochs: epoch floor(num · E / den) (train/schedule.ts).
   */
  lrDrop: 0.2,
  lrMilestones: [
    [2, 3],
    [5, 6],
  ],
  /** CutMix probability per batch when augmenting (λ ~ Beta(1, 1)). */
  cutmix: 0.5,
} as const;

/**
 * Training on a teacher's soft labels (train/distill.ts), RDED's recipe (rded.md §4.3 and its
 * reference code): KL divergence between the teacher's and the student's softmax at temperature
 * 20, RDED's value for CutMix batches (4 with MixUp): a high temperature spreads the teacher's
 * belief over the classes a mixed image shows, the information a hard label lacks.
 */
export const DISTILLATION = {
  temperature: 20,
} as const;

/** A training run's settings unless it says otherwise (epochs, seed and flip are its own). */
export const DEFAULT_TRAIN: Omit<TrainConfig, 'epochs' | 'seed' | 'flip'> = {
  batchSize: TRAINING.batchSize,
  learningRate: TRAINING.learningRate,
  momentum: TRAINING.momentum,
  weightDecay: TRAINING.weightDecay,
  augment: true,
  evalEvery: 1,
};

/** The settings a protocol varies; the rest is TRAINING. */
export interface ProtocolSettings {
  readonly width: number;
  readonly depth: number;
  readonly epochs: number;
  readonly batchSize: number;
}

/** A protocol in words, as `yoco table` records it. */
export interface ProtocolWords {
  /** "ConvNet-D3". */
  readonly model: string;
  readonly width: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** "SGD momentum 0.9, weight decay 5e-4, lr 0.01 ×0.2 at 2/3 and 5/6". */
  readonly optimizer: string;
  /** "DSA-style flip/colour/crop-scale-rotate + CutMix p 0.5". */
  readonly augmentation: string;
}

/** 0.9 → "0.9", 5e-4 → "5e-4". */
const num = (v: number): string => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential() : String(v));

/** The protocol of a run with `settings` (default: MODEL and TRAINING), in words. */
export function describeProtocol(settings: Partial<ProtocolSettings> = {}): ProtocolWords {
  const t = TRAINING;
  const at = t.lrMilestones.map(([n, d]) => `${n}/${d}`).join(' and ');
  return {
    model: `ConvNet-D${settings.depth ?? MODEL.depth}`,
    width: settings.width ?? MODEL.width,
    epochs: settings.epochs ?? t.epochs,
    batchSize: settings.batchSize ?? t.batchSize,
    optimizer:
      `SGD momentum ${num(t.momentum)}, weight decay ${num(t.weightDecay)}, ` +
      `lr ${num(t.learningRate)} ×${num(t.lrDrop)} at ${at}`,
    augmentation: `DSA-style flip/colour/crop-scale-rotate + CutMix p ${num(t.cutmix)}`,
  };
}

/**
 * Most test images evaluated after each epoch for the live test-accuracy curve (a stratified
 * subset when the run asks for more); a run's final accuracy uses every test image it asked for
 * (`testLimit`, default all).
 */
export const EPOCH_EVAL_LIMIT = 1000;

/**
 * Test points the live curve gets at most (plus the last epoch): a 100-epoch run evaluates every
 * 5 epochs. One evaluation of EPOCH_EVAL_LIMIT images costs more than an epoch of a small
 * selection (40 samples), so evaluating every epoch would make a long run mostly evaluation.
 */
export const EPOCH_EVAL_POINTS = 20;

/** Epochs between two test points of the live curve (1 up to EPOCH_EVAL_POINTS epochs). */
export function epochEvalInterval(epochs: number): number {
  return Math.max(1, Math.ceil(epochs / EPOCH_EVAL_POINTS));
}
