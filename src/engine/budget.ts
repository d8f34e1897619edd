// Device budget maths (design.md §8), pure: how long a run takes on this device, from a speed model
// measured on it (run.ts `measureOnBundle`, its training part train/throughput.ts), and the largest n per class whose run fits the user's
// time budget. The one place for this arithmetic: the budget, each run's estimate, the presets and
// Compare's total all call `estimateRun`.
//
// A run (run.ts, train/train.ts) is `epochs` epochs of ⌈N / batch⌉ steps over N = n · classes
// samples (the last step of an epoch smaller), plus its test evaluations: the live curve's, on
// min(test images, EPOCH_EVAL_LIMIT) images every epochEvalInterval(epochs) epochs and after the
// last, and one final pass over all the test images when there are more than that. Evaluation is
// most of the default run's work (about 30,000 forward passes against 4,000 training samples).
// A training step costs a fixed part (kernel dispatch, read-back, the optimiser: the same for 8
// samples or 64) plus a part per sample; a small selection's steps are mostly the fixed part, so
// samples/s measured on full batches would make it look cheaper than it is.
import { EPOCH_EVAL_LIMIT, epochEvalInterval } from './config';
import { checkPositiveInteger, ConfigError } from './errors';
import type { StepCost } from './train/throughput';

/** This device's measured speed on one backend at one model width: a training step's cost and an evaluation's. */
export interface SpeedModel extends StepCost {
  /** Milliseconds per test image evaluated (forward pass, batched as the run batches it). */
  readonly evalImageMs: number;
}

/** What a run trains and tests, as far as its time goes. */
export interface RunShape {
  readonly perClass: number;
  readonly classes: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Test images of the final accuracy (the request's testLimit, or the whole test set). */
  readonly testImages: number;
}

/** The work of a run, counted. */
export interface RunWork {
  readonly steps: number;
  readonly trainSamples: number;
  /** Evaluation passes and the test images they evaluate in all. */
  readonly evalPasses: number;
  readonly evalImages: number;
}

export interface RunEstimate {
  readonly trainSec: number;
  readonly evalSec: number;
  readonly totalSec: number;
}

function checkSpeed(s: SpeedModel): void {
  for (const [name, v] of Object.entries(s)) {
    if (!(Number.isFinite(v) && v >= 0)) throw new ConfigError(`${name} ${v} must be ≥ 0`);
  }
  if (s.stepMs + s.sampleMs <= 0) throw new ConfigError('a training step cannot take no time');
}

/** Steps, samples and evaluations of a run of `shape` (as run.ts and train.ts do them). */
export function runWork(shape: RunShape): RunWork {
  checkPositiveInteger('samples per class', shape.perClass);
  checkPositiveInteger('number of classes', shape.classes);
  checkPositiveInteger('epochs', shape.epochs);
  checkPositiveInteger('batch size', shape.batchSize);
  checkPositiveInteger('test images', shape.testImages);
  const { epochs } = shape;
  const perEpoch = shape.perClass * shape.classes;
  const every = epochEvalInterval(epochs);
  const evaluated = Math.floor(epochs / every) + (epochs % every === 0 ? 0 : 1);
  const epochImages = Math.min(shape.testImages, EPOCH_EVAL_LIMIT);
  const separateFinal = shape.testImages > epochImages;
  return {
    steps: epochs * Math.ceil(perEpoch / shape.batchSize),
    trainSamples: epochs * perEpoch,
    evalPasses: evaluated + (separateFinal ? 1 : 0),
    evalImages: evaluated * epochImages + (separateFinal ? shape.testImages : 0),
  };
}

/** Seconds a run of `shape` takes at `speed`: its training steps plus its evaluations. */
export function estimateRun(speed: SpeedModel, shape: RunShape): RunEstimate {
  checkSpeed(speed);
  const work = runWork(shape);
  const trainSec = (work.steps * speed.stepMs + work.trainSamples * speed.sampleMs) / 1000;
  const evalSec = (work.evalImages * speed.evalImageMs) / 1000;
  return { trainSec, evalSec, totalSec: trainSec + evalSec };
}

export interface BudgetInput {
  readonly speed: SpeedModel;
  readonly budgetSec: number;
  /** The run, but for its size. */
  readonly shape: Omit<RunShape, 'perClass'>;
  /** Largest n available (IPC_F · f²). */
  readonly maxPerClass: number;
  /** Most samples the backend can hold at once; no limit when omitted. */
  readonly memoryLimitSamples?: number;
}

export interface BudgetResult {
  /** 0 when even n = 1 does not fit. */
  readonly perClass: number;
  /** The estimate for `perClass` (for n = 1 when nothing fits). */
  readonly estimate: RunEstimate;
  readonly fits: boolean;
  /** What capped n: the time budget, the largest stored size, or the backend's memory. */
  readonly limit: 'time' | 'size' | 'memory';
}

/** The largest n per class whose run fits the budget (the estimate grows with n). */
export function largestPerClass(input: BudgetInput): BudgetResult {
  if (!(Number.isFinite(input.budgetSec) && input.budgetSec > 0))
    throw new ConfigError(`time budget (s) ${input.budgetSec} must be a positive number`);
  checkPositiveInteger('largest samples per class', input.maxPerClass);
  let cap = input.maxPerClass;
  let limit: BudgetResult['limit'] = 'size';
  if (input.memoryLimitSamples !== undefined) {
    const mem = input.memoryLimitSamples;
    if (!(Number.isFinite(mem) && mem >= 0))
      throw new ConfigError(`memory limit ${mem} samples must be ≥ 0`);
    const memCap = Math.floor(mem / input.shape.classes);
    if (memCap < cap) [cap, limit] = [memCap, 'memory'];
  }
  const at = (perClass: number): RunEstimate =>
    estimateRun(input.speed, { ...input.shape, perClass });
  const fits = (n: number): boolean => at(n).totalSec <= input.budgetSec;
  if (cap < 1 || !fits(1))
    return { perClass: 0, estimate: at(1), fits: false, limit: cap < 1 ? 'memory' : 'time' };
  if (fits(cap)) return { perClass: cap, estimate: at(cap), fits: true, limit };
  let lo = 1; // fits
  let hi = cap; // does not
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return { perClass: lo, estimate: at(lo), fits: true, limit: 'time' };
}
