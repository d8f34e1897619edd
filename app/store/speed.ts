// This device's speed in the store (design.md §8): what a measurement is for (`speedKey`), a run's
// estimate from it (`runEstimate`: the run estimate beside the slider, Compare's total, the
// presets and the run's own estimate all read it), and the follower that has the budget slice
// measure again when the bundle, the backend setting, the width, the batch or the label mode (the
// teacher's forward pass counts) changed, once nothing is training (a measurement queued behind a
// run would delay the next one).
import type { RunEstimate, RunShape } from '../../src/engine/budget';
import { estimateRunFor, runShape, type RunSettings } from '../lib/budget-fit';
import type { Settings } from '../lib/settings';
import { runLabels } from './selectors';
import type { AppStore, AppStoreState } from './types';

/** What the current measurement must have been made for; null with no bundle open. */
export function speedKey(s: AppStoreState): string | null {
  if (!s.view) return null;
  const { backend, width, batchSize } = s.settings;
  return `${s.view.manifest.id}|${backend ?? 'auto'}|${width}|${batchSize}|${runLabels(s)}`;
}

export interface RunEstimateView {
  readonly shape: RunShape;
  /** Null while there is no measurement for this backend and width. */
  readonly estimate: RunEstimate | null;
  /** Its total in ms, or null. */
  readonly ms: number | null;
}

/** A run of `perClass` with the settings, or with `params` (a run's or a preset's). */
export function runEstimate(
  s: AppStoreState,
  perClass: number,
  params: RunSettings & Pick<Settings, 'width' | 'labels'> = {
    ...s.settings,
    labels: runLabels(s),
  },
): RunEstimateView {
  const classes = s.view?.manifest.classes.length ?? 1;
  const testCount = s.view?.testCount ?? 1;
  const estimate = estimateRunFor(
    s.budget.throughput,
    s.backend,
    params,
    perClass,
    classes,
    testCount,
  );
  return {
    shape: runShape(params, perClass, classes, testCount),
    estimate,
    ms: estimate ? estimate.totalSec * 1000 : null,
  };
}

/** Whether the speed should be measured now (a measurement for older settings is replaced). */
function due(s: AppStoreState): boolean {
  if (!s.view || s.load.status !== 'ready' || s.backendBusy) return false;
  if (s.run.status === 'running' || s.compare.status === 'running') return false;
  if (s.budget.status === 'measuring') return false;
  if (s.importState.status === 'measuring' || s.importState.status === 'scoring') return false;
  return speedKey(s) !== s.budget.choiceKey;
}

/** Measures whenever `due`; returns the function that stops following. */
export function followSpeed(store: AppStore): () => void {
  let queued = false;
  const check = (): void => {
    queued = false;
    const s = store.getState();
    if (due(s)) void s.measureSpeed();
  };
  check();
  return store.subscribe(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(check);
  });
}
