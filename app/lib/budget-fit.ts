// "As large as my device allows": turns a measured throughput, the user's time budget and epochs
// into the largest samples per class that fits (engine budget.ts), and estimates a run's duration.
import { EPOCH_EVAL_LIMIT, type Throughput } from '../../src/engine/api';
import { estimateSeconds, largestPerClass } from '../../src/engine/budget';
import type { BackendName } from '../../src/engine/types';
import type { Settings } from './settings';

export interface BudgetFit {
  readonly perClass: number;
  readonly estimatedMs: number;
  /** What capped n: the time budget, the largest stored size, or the backend's memory. */
  readonly limitedBy: string;
  readonly fits: boolean;
}

/**
 * Seconds spent evaluating — independent of n: up to EPOCH_EVAL_LIMIT test images after every
 * epoch, plus the whole requested test set once at the end when it is larger.
 */
export function evalOverheadSec(
  throughput: Throughput,
  testCount: number,
  settings: Pick<Settings, 'epochs' | 'testLimit'>,
): number {
  if (!throughput.evalSamplesPerSec || throughput.evalSamplesPerSec <= 0) return 0;
  const tested = Math.min(testCount, settings.testLimit ?? testCount);
  const perEpoch = Math.min(tested, EPOCH_EVAL_LIMIT);
  const images = settings.epochs * perEpoch + (tested > perEpoch ? tested : 0);
  return images / throughput.evalSamplesPerSec;
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
  settings: Pick<Settings, 'budgetSeconds' | 'epochs' | 'testLimit'>,
): BudgetFit {
  const { classes, maxPerClass } = bundle;
  const overheadSec = evalOverheadSec(throughput, bundle.testCount, settings);
  const input = {
    samplesPerSec: throughput.samplesPerSec,
    budgetSec: settings.budgetSeconds,
    epochs: settings.epochs,
    numClasses: classes,
    maxPerClass,
    overheadSec,
    ...(throughput.memoryLimitSamples !== undefined
      ? { memoryLimitSamples: throughput.memoryLimitSamples }
      : {}),
  };
  const result = largestPerClass(input);
  if (!result.fits) {
    return {
      perClass: 1,
      estimatedMs: result.estimatedSec * 1000,
      limitedBy: `the budget is too small: even 1 sample per class needs about ${result.estimatedSec.toFixed(1)} s`,
      fits: false,
    };
  }
  const memCap =
    throughput.memoryLimitSamples !== undefined
      ? Math.floor(throughput.memoryLimitSamples / classes)
      : Infinity;
  const limitedBy =
    result.perClass === maxPerClass
      ? 'the whole condensed set fits'
      : result.perClass === memCap
        ? `${throughput.backend} memory (${throughput.memoryLimitSamples} samples)`
        : 'the time budget';
  return {
    perClass: result.perClass,
    estimatedMs: result.estimatedSec * 1000,
    limitedBy,
    fits: true,
  };
}

/** Estimated run time in ms from a throughput measured on the active backend and width, else null. */
export function estimateRunMs(
  throughput: Throughput | null,
  backend: BackendName | null,
  settings: Pick<Settings, 'width' | 'epochs' | 'testLimit'>,
  perClass: number,
  classes: number,
  testCount: number,
): number | null {
  if (!throughput || throughput.backend !== backend || throughput.width !== settings.width)
    return null;
  const overheadSec = evalOverheadSec(throughput, testCount, settings);
  return (
    estimateSeconds(perClass, {
      samplesPerSec: throughput.samplesPerSec,
      epochs: settings.epochs,
      numClasses: classes,
      overheadSec,
    }) * 1000
  );
}
