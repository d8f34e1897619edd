// One training run on a loaded bundle (design.md §5): select samples with the request's method, decode
// only the kept ones, train ConvNet-D3 on them and evaluate on the bundle's real test set (or its
// stratified subset, test-subset.ts), reporting `step` and `epoch` events; and the speed
// measurement of the device budget on the bundle (design.md §8, train/throughput.ts). The session
// (session.ts) runs both on its backend.
import type {
  SelectRequest,
  Throughput,
  ThroughputRequest,
  TrainEvent,
  TrainRequest,
  TrainResult,
} from './api';
import type { LoadedBundle } from './bundle/read';
import { decodeSelectedSamples, sampleLabels } from './decode';
import { checkPositiveInteger, ConfigError, throwIfAborted } from './errors';
import { selectIndices } from './select/methods';
import { bundleTestSubset, stratifiedTestSubset } from './test-subset';
import { confusionAccuracy } from './train/confusion';
import { EVAL_BATCH, evaluateAccuracy, evaluateConfusion } from './train/evaluate';
import { measureTrainingSpeed } from './train/throughput';
import { train, type StepInfo, type TrainSet } from './train/train';
import { DEFAULT_TRAIN, EPOCH_EVAL_LIMIT, epochEvalInterval, MODEL } from './config';
import type { LabelMode, TrainConfig } from './types';
import { createConvNet } from './model/convnet';
import type { ConvNet } from './model/types';
import { unpackWeights } from './model/weights-file';
import { teacherModelConfig } from './bundle/teacher';

export interface RunHooks {
  readonly signal?: AbortSignal;
  readonly emit: (event: TrainEvent) => void;
  /** Yield to the event loop every this many steps. */
  readonly yieldEvery: number;
  /** Least time between two `step` events, ms. */
  readonly progressIntervalMs: number;
}

/**
 * Timed steps of the speed measurement (three epochs of two), after one untimed epoch: with two
 * timed epochs, a busy 2-core machine gave step costs 30 % apart from one warm-up to the next.
 */
const MEASURE_STEPS = 6;

/** How many test images a run evaluates at the end (`testLimit`, default all). */
export function finalTestCount(bundle: LoadedBundle, testLimit: number | undefined): number {
  const total = bundle.testLabels.length;
  return checkPositiveInteger('testLimit', Math.min(testLimit ?? total, total));
}

/** Ascending sample indices that `request` keeps from `bundle`. */
export function selectFromBundle(bundle: LoadedBundle, request: SelectRequest): Int32Array {
  const m = bundle.manifest;
  return selectIndices(request, {
    scores: bundle.scores,
    labels: sampleLabels(bundle.labels, m.factor),
    numClasses: m.classes.length,
    ...(bundle.features
      ? { features: bundle.features.values, featureDim: bundle.features.dim }
      : {}),
  });
}

/** The training protocol of a run (design.md §5 defaults, with the request's overrides). */
function trainConfigFor(bundle: LoadedBundle, request: TrainRequest): TrainConfig {
  return {
    ...DEFAULT_TRAIN,
    epochs: request.epochs,
    batchSize: request.batchSize ?? DEFAULT_TRAIN.batchSize,
    seed: request.trainSeed ?? request.seed ?? 0,
    flip: bundle.manifest.flip,
    evalEvery: request.evalEveryEpoch === false ? 0 : epochEvalInterval(request.epochs),
  };
}

/** Decoded samples `ids` of `b` (float32 H×W×C in 0..255) with their labels, as a training set. */
function trainSet(b: LoadedBundle, ids: Int32Array): TrainSet {
  const m = b.manifest;
  const all = sampleLabels(b.labels, m.factor);
  return {
    samples: decodeSelectedSamples(b.images, m.imageShape, b.labels.length, m.factor, ids),
    labels: Int32Array.from(ids, (i) => all[i]!),
    shape: m.imageShape,
    numClasses: m.classes.length,
  };
}

/** `step` events from the trainer's per-step hook, at most one per interval (and each epoch's last). */
function stepEvents(epochs: number, hooks: RunHooks): (s: StepInfo) => void {
  let last = -Infinity;
  return (s) => {
    const t = performance.now();
    if (t - last < hooks.progressIntervalMs && s.step < s.steps) return;
    last = t;
    hooks.emit({
      type: 'step',
      epoch: s.epoch + 1,
      epochs,
      step: s.step,
      steps: s.steps,
      samplesPerSec: s.elapsedMs > 0 ? s.samples / (s.elapsedMs / 1000) : 0,
      elapsedMs: s.elapsedMs,
    });
  };
}

/**
 * The bundle's teacher as a model, for `labels: 'teacher'` (undefined for hard labels); the caller
 * disposes it. ConfigError when the bundle has none.
 */
export function teacherFor(b: LoadedBundle, labels: LabelMode | undefined): ConvNet | undefined {
  if (labels !== 'teacher') return undefined;
  if (!b.teacher) {
    throw new ConfigError(
      `bundle "${b.manifest.id}" has no teacher, so it cannot train on teacher labels (add one with: yoco teacher <bundle> --train <dataset>)`,
    );
  }
  const config = teacherModelConfig(b.manifest, b.teacher.info);
  const model = createConvNet(config, 0, { weightGrad: false });
  try {
    model.restore(unpackWeights(config, b.teacher.weights));
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/** Prunes, trains and evaluates `request` on the active backend (the result names no backend). */
export async function trainOnBundle(
  b: LoadedBundle,
  request: TrainRequest,
  hooks: RunHooks,
): Promise<Omit<TrainResult, 'backend'>> {
  const m = b.manifest;
  const epochs = checkPositiveInteger('epochs', request.epochs ?? 1);
  const batchSize = checkPositiveInteger(
    'batch size',
    request.batchSize ?? DEFAULT_TRAIN.batchSize,
  );
  const width = checkPositiveInteger('width', request.width ?? MODEL.width);
  const depth = checkPositiveInteger('depth', request.depth ?? MODEL.depth);
  const indices = selectFromBundle(b, request);
  // Per-epoch test accuracy (the live chart) on at most EPOCH_EVAL_LIMIT images; the final
  // accuracy on all `testLimit` images. The per-epoch set is the stratified subset of the final
  // one, so it is nested in it. Evaluating only after the last epoch uses the final set.
  const testCount = finalTestCount(b, request.testLimit);
  const finalTest = bundleTestSubset(b, testCount);
  const everyEpoch = request.evalEveryEpoch !== false;
  const epochTestCount = everyEpoch ? Math.min(testCount, EPOCH_EVAL_LIMIT) : testCount;
  const epochTest = everyEpoch
    ? stratifiedTestSubset(finalTest, m.classes.length, epochTestCount)
    : finalTest;
  const separateFinal = epochTestCount < testCount;
  const { signal } = hooks;
  throwIfAborted(signal);
  const started = performance.now();
  const teacher = teacherFor(b, request.labels);
  const outcome = await train({
    model: { width, depth },
    train: trainSet(b, indices),
    test: epochTest,
    normalization: m.normalization,
    config: trainConfigFor(b, { ...request, epochs, batchSize }),
    onStep: stepEvents(epochs, hooks),
    onEpoch: (report) => hooks.emit({ type: 'epoch', report }),
    ...(signal ? { signal } : {}),
    yieldEvery: hooks.yieldEvery,
    keepModel: separateFinal,
    ...(teacher ? { teacher } : {}),
  }).finally(() => teacher?.dispose());
  // The final set's confusion matrix: the last epoch's, or a separate pass when that epoch was
  // evaluated on the smaller per-epoch subset. Accuracy and per-class figures both come from it.
  let confusion = outcome.finalConfusion;
  if (outcome.model) {
    try {
      throwIfAborted(signal);
      // Progress of this pass, so a long one (10,000 images after a short run) shows an ETA.
      const report = (done: number, total: number) =>
        hooks.emit({ type: 'final-test', done, total });
      report(0, finalTest.labels.length);
      confusion = await evaluateConfusion(
        outcome.model,
        finalTest.images,
        finalTest.labels,
        m.normalization,
        EVAL_BATCH,
        report,
      );
    } finally {
      outcome.model.dispose();
    }
  }
  if (confusion === undefined) throw new ConfigError('training finished without a test accuracy');
  // A cancel that came during the last epoch's (or the final) evaluation still cancels the run:
  // a stopped run never reports as finished.
  throwIfAborted(signal);
  return {
    indices,
    testAccuracy: confusionAccuracy(confusion),
    confusion,
    testCount,
    testPerClass: finalTest.perClass,
    epochTestCount,
    epochTestPerClass: epochTest.perClass,
    epochs: outcome.epochs,
    elapsedMs: performance.now() - started,
  };
}

/** The speed measurement passed its deadline (ThroughputRequest.deadlineMs). */
export class MeasureDeadlineError extends ConfigError {
  constructor(deadlineMs: number) {
    super(`the speed measurement did not finish within ${(deadlineMs / 1000).toFixed(1)} s`);
  }
}

/**
 * The speed model on the active backend (design.md §8): the training speed on the bundle's own
 * images (train/throughput.ts, the one measurement `yoco bench` makes too: MEASURE_STEPS timed
 * steps after an untimed epoch), then a pass over EVAL_BATCH test images untimed and one over
 * twice as many timed, as a run evaluates them. Throws MeasureDeadlineError, between steps, once
 * it has run `deadlineMs`.
 */
export async function measureOnBundle(
  b: LoadedBundle,
  request: ThroughputRequest,
  signal: AbortSignal | undefined,
  yieldEvery: number,
): Promise<Omit<Throughput, 'backend'>> {
  const m = b.manifest;
  const width = checkPositiveInteger('width', request.width);
  const started = performance.now();
  const deadline = request.deadlineMs ?? Infinity;
  const inTime = (): void => {
    if (performance.now() - started > deadline) throw new MeasureDeadlineError(deadline);
  };
  const total = b.labels.length * m.factor * m.factor;
  const teacher = teacherFor(b, request.labels);
  const trained = await measureTrainingSpeed({
    model: { width, depth: MODEL.depth },
    batchSize: request.batchSize,
    samples: (count) =>
      trainSet(
        b,
        Int32Array.from({ length: count }, (_, i) => i % total),
      ),
    normalization: m.normalization,
    flip: m.flip,
    steps: MEASURE_STEPS,
    ...(signal ? { signal } : {}),
    yieldEvery,
    onStep: inTime,
    keepModel: true,
    ...(teacher ? { teacher } : {}),
  }).finally(() => teacher?.dispose());
  const model = trained.model!;
  try {
    const warm = bundleTestSubset(b, Math.min(EVAL_BATCH, b.testLabels.length));
    const measured = bundleTestSubset(b, Math.min(2 * EVAL_BATCH, b.testLabels.length));
    throwIfAborted(signal);
    await evaluateAccuracy(model, warm.images, warm.labels, m.normalization);
    inTime();
    throwIfAborted(signal);
    const t0 = performance.now();
    await evaluateAccuracy(model, measured.images, measured.labels, m.normalization);
    const evalImageMs = Math.max(performance.now() - t0, 1e-3) / measured.labels.length;
    const { stepMs, sampleMs, samplesPerSec, batchSize, measuredSteps } = trained;
    return {
      samplesPerSec,
      width,
      batchSize,
      measuredSteps,
      evalSamplesPerSec: 1000 / evalImageMs,
      speed: { stepMs, sampleMs, evalImageMs },
    };
  } finally {
    model.dispose();
  }
}
