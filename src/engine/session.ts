// The in-thread Engine (api.ts): loads and validates a bundle, selects samples, and prunes, trains
// and evaluates on the active tfjs backend. The app runs it inside a Web Worker (src/workers/);
// tests and Node tools use it directly. Selection and the training protocol come from
// experiment.ts, so a run here gives the same numbers as the CLI for the same settings.
// Runs and throughput measurements never overlap: each waits for the previous one to settle, and
// a cancelled call rejects with AbortedError.
import {
  EPOCH_EVAL_LIMIT,
  type BundleView,
  type Engine,
  type LoadProgress,
  type SelectRequest,
  type Throughput,
  type TrainProgress,
  type TrainRequest,
  type TrainResult,
} from './api';
import { fetchBundleFile } from './bundle/fetch';
import { readBundle, type GetFile, type LoadedBundle } from './bundle/read';
import { decodeSelectedSamples, sampleLabels } from './decode';
import { ConfigError, throwIfAborted } from './errors';
import { finalTestCount, selectFromBundle, trainConfigFor } from './experiment';
import type { DynamicsSink } from './scores/types';
import { bundleTestSubset, stratifiedTestSubset } from './test-subset';
import { activeBackend, initBackend, type BackendOptions } from './tf/backends';
import { batchesPerEpoch } from './train/batches';
import { evaluateAccuracy } from './train/evaluate';
import { train } from './train/train';
import { DEFAULT_TRAIN, type BackendName, type EpochReport } from './types';

export interface SessionOptions {
  /** Backend start-up options (wasm binary URLs, threads, Node shims). */
  readonly backend?: BackendOptions;
  /** File source for a bundle folder (default: HTTP fetch of `<baseUrl>/<path>`). */
  readonly getFile?: (baseUrl: string) => GetFile;
  /** Least time between two progress reports inside an epoch, ms (default 250). */
  readonly progressIntervalMs?: number;
  /** Yield to the event loop every this many training steps (default 1: a cancel is seen at once). */
  readonly yieldEvery?: number;
}

export interface Session extends Engine {
  /** The loaded bundle with its test set, or null. */
  loaded(): LoadedBundle | null;
  /** The active backend (null before one started). */
  backend(): BackendName | null;
}

/** Timed training steps of the throughput warm-up (after as many untimed ones). */
const MEASURE_STEPS = 3;
/** Test images timed for the evaluation throughput. */
const MEASURE_EVAL_IMAGES = 512;

function positiveInt(name: string, v: number | undefined, fallback: number): number {
  const value = v ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

export function createSession(opts: SessionOptions = {}): Session {
  const getFileFor = opts.getFile ?? ((baseUrl: string) => fetchBundleFile(baseUrl));
  const progressInterval = opts.progressIntervalMs ?? 250;
  const yieldEvery = opts.yieldEvery ?? 1;
  let bundle: LoadedBundle | null = null;
  let labelsPerSample: Int32Array | null = null;
  let tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after every earlier exclusive job has settled. */
  const exclusive = <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };

  const need = (): LoadedBundle => {
    if (!bundle) throw new ConfigError('no bundle is loaded: call loadBundle first');
    return bundle;
  };

  const currentBackend = (): BackendName | null => {
    try {
      return activeBackend();
    } catch {
      return null; // tfjs throws when no backend was ever started
    }
  };
  const ensureBackend = async (): Promise<BackendName> =>
    currentBackend() ?? initBackend(undefined, opts.backend);

  /** Decoded samples `ids` (float32 H×W×C in 0..255) and their labels. */
  const decode = (
    b: LoadedBundle,
    ids: Int32Array,
  ): { samples: Float32Array; labels: Int32Array } => {
    const m = b.manifest;
    const samples = decodeSelectedSamples(b.images, m.imageShape, b.labels.length, m.factor, ids);
    const labels = new Int32Array(ids.length);
    for (let k = 0; k < ids.length; k++) labels[k] = labelsPerSample![ids[k]!]!;
    return { samples, labels };
  };

  /** A dynamics sink used only to report progress within an epoch (it reads nothing extra). */
  const progressSink = (
    epochs: number,
    count: number,
    batchSize: number,
    started: number,
    onProgress: (p: TrainProgress) => void,
  ): DynamicsSink => {
    const steps = batchesPerEpoch(count, batchSize);
    let step = 0;
    let last = 0;
    return {
      onStep(epoch) {
        step++;
        const t = performance.now();
        if (t - last < progressInterval && step < steps) return;
        last = t;
        const elapsedMs = t - started;
        const done = epoch * count + Math.min(count, step * batchSize);
        onProgress({
          epoch: epoch + 1,
          epochs,
          step,
          steps,
          samplesPerSec: elapsedMs > 0 ? done / (elapsedMs / 1000) : 0,
          elapsedMs,
        });
      },
      onEpochEnd() {
        step = 0;
      },
    };
  };

  return {
    loaded: () => bundle,
    backend: () => currentBackend(),

    async loadBundle(baseUrl: string, onProgress?: (p: LoadProgress) => void): Promise<BundleView> {
      bundle = null;
      labelsPerSample = null;
      const loaded = await readBundle(getFileFor(baseUrl), onProgress ? { onProgress } : {});
      bundle = loaded;
      labelsPerSample = sampleLabels(loaded.labels, loaded.manifest.factor);
      const { ipc, factor } = loaded.manifest;
      return {
        manifest: loaded.manifest,
        images: loaded.images,
        labels: loaded.labels,
        scores: loaded.scores,
        samplesPerClass: ipc * factor * factor,
        testCount: loaded.testLabels.length,
      };
    },

    async select(request: SelectRequest): Promise<Int32Array> {
      return selectFromBundle(need(), request);
    },

    train(
      request: TrainRequest,
      onEpoch: (r: EpochReport) => void,
      signal?: AbortSignal,
      onProgress?: (p: TrainProgress) => void,
    ): Promise<TrainResult> {
      return exclusive(async () => {
        throwIfAborted(signal);
        const b = need();
        const m = b.manifest;
        const epochs = positiveInt('epochs', request.epochs, 1);
        const batchSize = positiveInt('batch size', request.batchSize, DEFAULT_TRAIN.batchSize);
        const width = positiveInt('width', request.width, 128);
        const depth = positiveInt('depth', request.depth, 3);
        const indices = selectFromBundle(b, request);
        const { samples, labels } = decode(b, indices);
        // Per-epoch test accuracy (the live chart) on at most EPOCH_EVAL_LIMIT images; the final
        // accuracy on all `testLimit` images (the same stratified subset as the CLI's). The
        // per-epoch set is the stratified subset of the final one, so it is nested in it.
        const testCount = finalTestCount(b, request.testLimit);
        const finalTest = bundleTestSubset(b, testCount);
        const epochTestCount = Math.min(testCount, EPOCH_EVAL_LIMIT);
        const epochTest = stratifiedTestSubset(finalTest, m.classes.length, epochTestCount);
        const separateFinal = epochTestCount < testCount;
        await ensureBackend();
        throwIfAborted(signal);
        const started = performance.now();
        const outcome = await train({
          model: { width, depth },
          train: { samples, labels, shape: m.imageShape, numClasses: m.classes.length },
          test: epochTest,
          normalization: m.normalization,
          config: trainConfigFor(b, { ...request, epochs, batchSize, width }),
          ...(onProgress
            ? { dynamics: progressSink(epochs, indices.length, batchSize, started, onProgress) }
            : {}),
          onEpoch,
          ...(signal ? { signal } : {}),
          yieldEvery,
          keepModel: separateFinal,
        });
        let testAccuracy = outcome.finalTestAccuracy;
        if (outcome.model) {
          try {
            throwIfAborted(signal);
            testAccuracy = await evaluateAccuracy(
              outcome.model,
              finalTest.images,
              finalTest.labels,
              m.normalization,
            );
          } finally {
            outcome.model.dispose();
          }
        }
        if (testAccuracy === undefined)
          throw new ConfigError('training finished without a test accuracy');
        return {
          indices,
          testAccuracy,
          testCount,
          testPerClass: finalTest.perClass,
          epochTestCount,
          epochTestPerClass: epochTest.perClass,
          epochs: outcome.epochs,
          backend: currentBackend() ?? 'cpu',
          elapsedMs: performance.now() - started,
        };
      });
    },

    measureThroughput(width: number, batchSize: number, signal?: AbortSignal): Promise<Throughput> {
      return exclusive(async () => {
        throwIfAborted(signal);
        const b = need();
        const m = b.manifest;
        positiveInt('width', width, 1);
        positiveInt('batch size', batchSize, 1);
        // The real training loop (augmentation, CutMix, SGD) for two epochs of MEASURE_STEPS full
        // batches: the first compiles kernels and warms up, the second is timed.
        const total = labelsPerSample!.length;
        const ids = Int32Array.from({ length: batchSize * MEASURE_STEPS }, (_, i) => i % total);
        const { samples, labels } = decode(b, ids);
        const backend = await ensureBackend();
        const outcome = await train({
          model: { width, depth: 3 },
          train: { samples, labels, shape: m.imageShape, numClasses: m.classes.length },
          normalization: m.normalization,
          config: { ...DEFAULT_TRAIN, epochs: 2, batchSize, seed: 0, flip: m.flip, evalEvery: -1 },
          ...(signal ? { signal } : {}),
          yieldEvery,
          keepModel: true,
        });
        const model = outcome.model!;
        try {
          const evalCount = Math.min(MEASURE_EVAL_IMAGES, b.testLabels.length);
          const warm = bundleTestSubset(b, 1);
          const timed = bundleTestSubset(b, evalCount);
          throwIfAborted(signal);
          await evaluateAccuracy(model, warm.images, warm.labels, m.normalization);
          const t0 = performance.now();
          await evaluateAccuracy(model, timed.images, timed.labels, m.normalization);
          const evalSec = (performance.now() - t0) / 1000;
          return {
            backend,
            samplesPerSec: outcome.epochs[1]!.samplesPerSec,
            width,
            batchSize,
            measuredSteps: MEASURE_STEPS,
            evalSamplesPerSec: evalCount / Math.max(evalSec, 1e-6),
          };
        } finally {
          model.dispose();
        }
      });
    },

    setBackend(preferred?: BackendName): Promise<BackendName> {
      return exclusive(() => initBackend(preferred, opts.backend));
    },
  };
}
