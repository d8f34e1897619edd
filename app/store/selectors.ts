// Derived state: values computed from the store's state rather than stored beside it, so they
// cannot drift from what they derive from. Components read them through useApp(selector); the
// array-valued ones are memoised per selection so that a selector returns the same object.
import { TRAINING_SETTINGS, type TrainingSettingName } from '../../src/engine/settings/training';
import type { BundleView } from '../../src/engine/api';
import { EPOCH_EVAL_LIMIT } from '../../src/engine/config';
import type { LabelMode } from '../../src/engine/types';
import { labelsFor } from '../lib/labels';
import { classCounts, keptMask } from '../lib/selection-stats';
import type { AppStoreState, RunParams } from './types';

type S = AppStoreState;

/** Largest samples per class of the loaded bundle: IPC_F · f² (1 with none loaded). */
export const maxPerClass = (s: S): number => s.view?.samplesPerClass ?? 1;

/** The slider's position: where it is dragged, else the committed size. */
export const sliderValue = (s: S): number => s.draftPerClass ?? s.perClass;

/** The loaded bundle's id (for results). */
export const bundleId = (s: S): string | null => s.view?.manifest.id ?? null;

/** The selection request the slider, method and seed ask for. */
export const selectionKey = (s: S): string =>
  `${s.settings.method}|${sliderValue(s)}|${s.settings.seed}`;

/**
 * The label mode a run started now trains with: the setting's, except teacher labels on a bundle
 * without a teacher, which train on hard labels (the bundle slice also resets the setting then).
 */
export const runLabels = (s: S): LabelMode => labelsFor(s.settings.labels, s.view?.manifest);

/** What a run started now would train with. */
export function runParams(s: S): RunParams {
  const { method, seed, backend } = s.settings;
  const training = Object.fromEntries(TRAINING_SETTINGS.map((k) => [k, s.settings[k]]));
  return {
    method,
    perClass: s.perClass,
    seed,
    ...(training as Pick<RunParams, TrainingSettingName>),
    labels: runLabels(s),
    backend,
  };
}

export function sameRunParams(a: RunParams | null, b: RunParams | null): boolean {
  if (a === null || b === null) return a === b;
  return (Object.keys(a) as (keyof RunParams)[]).every((k) => a[k] === b[k]);
}

/** Test images behind the current run's final accuracy (0 before a run). */
export function runTestCount(s: S): number {
  const total = s.view?.testCount ?? 0;
  const params = s.run.params;
  return params ? Math.min(total, params.testLimit ?? total) : 0;
}

/** Test images behind each epoch's accuracy of the current run (0 before a run). */
export const runEpochTestCount = (s: S): number => Math.min(runTestCount(s), EPOCH_EVAL_LIMIT);

/** A value derived from the current selection, computed once per selection. */
function perSelection<T>(
  compute: (indices: Int32Array, view: BundleView) => T,
): (s: S) => T | undefined {
  const memo = new WeakMap<Int32Array, T>();
  return (s) => {
    const indices = s.selection?.indices;
    if (!indices || !s.view) return undefined;
    if (!memo.has(indices)) memo.set(indices, compute(indices, s.view));
    return memo.get(indices);
  };
}

/** 1 per kept sample of the current selection (undefined without one). */
export const keptMaskOf = perSelection((indices, view) =>
  keptMask(indices, view.samplesPerClass * view.manifest.classes.length),
);

/** Kept samples per class of the current selection (undefined without one). */
export const classCountsOf = perSelection((indices, view) =>
  classCounts(indices, view.samplesPerClass, view.manifest.classes.length),
);
