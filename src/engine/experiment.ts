// One experiment on a loaded bundle: select samples with a method at a target size, decode only the
// kept samples, train ConvNet-D3 on them with the SPEC §5 protocol and evaluate on the bundle's real
// test set (or its stratified subset, test-subset.ts). Shared by the CLI (train, table) and the
// app's engine session, so the logic lives once.
import type { LoadedBundle } from './bundle/read';
import { decodeSelectedSamples, sampleLabels } from './decode';
import { ConfigError } from './errors';
import { finalTestCount, selectFromBundle, trainConfigFor } from './run';
import { bundleTestSubset } from './test-subset';
import { train } from './train/train';
import type { EpochReport, MethodName, Preference } from './types';

export interface SelectionSpec {
  readonly method: MethodName;
  /** Samples kept per class (n = IPC_T · f²). */
  readonly perClass: number;
  readonly prefer?: Preference;
  readonly balanced?: boolean;
  readonly seed?: number;
}

export interface ExperimentSpec extends SelectionSpec {
  readonly epochs: number;
  readonly width: number;
  readonly depth?: number;
  readonly batchSize?: number;
  /** Seed of model initialisation, shuffling and augmentation (default: the selection seed). */
  readonly trainSeed?: number;
  /** Evaluate on a stratified subset of `testLimit` test images (default: the whole test set). */
  readonly testLimit?: number;
  /** Evaluate after every epoch (default) or only at the end. */
  readonly evalEveryEpoch?: boolean;
  readonly augment?: boolean;
}

export interface ExperimentResult {
  readonly indices: Int32Array;
  readonly testAccuracy: number;
  readonly epochs: EpochReport[];
  readonly elapsedMs: number;
  readonly testCount: number;
  /** Evaluated test images per class (the stratified subset's, or the whole set's). */
  readonly testPerClass: readonly number[];
}

export interface ExperimentHooks {
  readonly onEpoch?: (report: EpochReport) => void;
  readonly signal?: AbortSignal;
  readonly yieldEvery?: number;
}

export async function runExperiment(
  bundle: LoadedBundle,
  spec: ExperimentSpec,
  hooks: ExperimentHooks = {},
): Promise<ExperimentResult> {
  const m = bundle.manifest;
  const indices = selectFromBundle(bundle, spec);
  const allLabels = sampleLabels(bundle.labels, m.factor);
  const labels = Int32Array.from(indices, (i) => allLabels[i]!);
  const samples = decodeSelectedSamples(
    bundle.images,
    m.imageShape,
    bundle.labels.length,
    m.factor,
    indices,
  );
  const testCount = finalTestCount(bundle, spec.testLimit);
  const test = bundleTestSubset(bundle, testCount);
  const started = performance.now();
  const outcome = await train({
    model: { width: spec.width, depth: spec.depth ?? 3 },
    train: { samples, labels, shape: m.imageShape, numClasses: m.classes.length },
    test,
    normalization: m.normalization,
    config: trainConfigFor(bundle, spec),
    ...(hooks.onEpoch ? { onEpoch: hooks.onEpoch } : {}),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(hooks.yieldEvery ? { yieldEvery: hooks.yieldEvery } : {}),
  });
  if (outcome.finalTestAccuracy === undefined) {
    throw new ConfigError('training finished without a test accuracy');
  }
  return {
    indices,
    testAccuracy: outcome.finalTestAccuracy,
    epochs: outcome.epochs,
    elapsedMs: performance.now() - started,
    testCount,
    testPerClass: test.perClass,
  };
}
