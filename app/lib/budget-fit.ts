// The app's side of the device budget (design.md §8): a run's settings as the engine's RunShape,
// its estimated time from the speed measured on the active backend, and "As large as my device
// allows" (the largest n per class whose run fits the time budget). All the arithmetic is the
// engine's (src/engine/budget.ts), so the run estimate, Compare's total, the presets and the
// budget can never disagree.
import type { Throughput } from '../../src/engine/api';
import {
  estimateRun,
  largestPerClass,
  type RunEstimate,
  type RunShape,
} from '../../src/engine/budget';
import type { BackendName, LabelMode } from '../../src/engine/types';
import { formatSeconds } from './format';
import type { Settings } from './settings';

/** What the estimate needs of the settings (or of a run's parameters). */
export type RunSettings = Pick<Settings, 'epochs' | 'batchSize' | 'testLimit'>;

/**
 * A speed as the app keeps it: the engine's measurement and the label mode it was measured with
 * (absent: hard labels). Teacher labels add the teacher's forward pass to every step.
 */
export type MeasuredThroughput = Throughput & { readonly labels?: LabelMode };

/** A run of `perClass` samples per class with `s` on a bundle of `classes` and `testCount` tests. */
export function runShape(
  s: RunSettings,
  perClass: number,
  classes: number,
  testCount: number,
): RunShape {
  const testImages = Math.max(1, Math.min(testCount, s.testLimit ?? testCount));
  return { perClass, classes, epochs: s.epochs, batchSize: s.batchSize, testImages };
}

/**
 * The measurement that holds for the active backend, `width` and label mode, else null (measured
 * on another backend or width, or with the other labels: it says nothing here).
 */
export function usableThroughput(
  throughput: MeasuredThroughput | null,
  backend: BackendName | null,
  width: number,
  labels: LabelMode = 'hard',
): MeasuredThroughput | null {
  return throughput &&
    throughput.backend === backend &&
    throughput.width === width &&
    (throughput.labels ?? 'hard') === labels
    ? throughput
    : null;
}

/**
 * A run's estimate from a throughput measured on the active backend, width and label mode (`s`'s;
 * absent: hard), else null.
 */
export function estimateRunFor(
  throughput: MeasuredThroughput | null,
  backend: BackendName | null,
  s: RunSettings & Pick<Settings, 'width'> & { readonly labels?: LabelMode },
  perClass: number,
  classes: number,
  testCount: number,
): RunEstimate | null {
  const t = usableThroughput(throughput, backend, s.width, s.labels);
  return t ? estimateRun(t.speed, runShape(s, perClass, classes, testCount)) : null;
}

export interface BudgetFit {
  readonly perClass: number;
  readonly estimatedMs: number;
  /** Why this n, as a sentence. */
  readonly limitedBy: string;
  readonly fits: boolean;
}

/** The bundle facts the fit needs. */
export interface BudgetBundle {
  readonly classes: number;
  /** IPC_F · f². */
  readonly maxPerClass: number;
  readonly testCount: number;
}

export function fitBudget(
  throughput: Throughput,
  bundle: BudgetBundle,
  settings: RunSettings & Pick<Settings, 'budgetSeconds'>,
): BudgetFit {
  const { classes, maxPerClass } = bundle;
  const { testImages } = runShape(settings, 1, classes, bundle.testCount);
  const shape = { classes, epochs: settings.epochs, batchSize: settings.batchSize, testImages };
  const result = largestPerClass({
    speed: throughput.speed,
    budgetSec: settings.budgetSeconds,
    shape,
    maxPerClass,
    ...(throughput.memoryLimitSamples !== undefined
      ? { memoryLimitSamples: throughput.memoryLimitSamples }
      : {}),
  });
  const estimatedMs = result.estimate.totalSec * 1000;
  const budget = formatSeconds(settings.budgetSeconds * 1000);
  if (!result.fits) {
    return {
      perClass: 1,
      estimatedMs,
      limitedBy:
        result.limit === 'memory'
          ? `Not even 1 sample per class fits in ${throughput.backend}'s memory.`
          : `The budget of ${budget} is too short: even 1 sample per class takes about ${formatSeconds(estimatedMs)}.`,
      fits: false,
    };
  }
  const limitedBy =
    result.limit === 'size'
      ? `The whole condensed set fits in ${budget}.`
      : result.limit === 'memory'
        ? `Limited by ${throughput.backend}'s memory (${throughput.memoryLimitSamples} samples).`
        : `Limited by the time budget of ${budget}.`;
  return { perClass: result.perClass, estimatedMs, limitedBy, fits: true };
}
