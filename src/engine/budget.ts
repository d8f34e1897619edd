// Device budget maths (design.md §8): the largest number of samples per class whose training fits the
// user's time budget, given a measured training throughput.
//
// Estimated time for n per class: n · classes · epochs / samplesPerSec + overheadSec, where
// overheadSec (default 0) is a fixed cost that does not grow with n, e.g. model set-up and the
// test-set evaluations the run will do; the caller measures or estimates it. n is capped by
// maxPerClass (IPC_F · f²) and by the backend's memory (at most memoryLimitSamples samples held
// at once, i.e. floor(memoryLimitSamples / classes) per class). If even n = 1 does not fit (time
// or memory) the answer is perClass 0, fits false, and estimatedSec is the time n = 1 would take.
import { ConfigError } from './errors';

export interface BudgetInput {
  /** Measured training throughput (samples per second, augmentation and update included). */
  readonly samplesPerSec: number;
  readonly budgetSec: number;
  readonly epochs: number;
  readonly numClasses: number;
  /** Largest n available (IPC_F · f²). */
  readonly maxPerClass: number;
  /** Most samples the backend can hold at once; no limit when omitted. */
  readonly memoryLimitSamples?: number;
  /** Fixed seconds independent of n (set-up, evaluation); default 0. */
  readonly overheadSec?: number;
}

export interface BudgetResult {
  readonly perClass: number;
  readonly estimatedSec: number;
  readonly fits: boolean;
}

function positive(name: string, v: number, integer: boolean): void {
  if (!(Number.isFinite(v) && v > 0) || (integer && !Number.isInteger(v))) {
    throw new ConfigError(`${name} ${v} must be a positive ${integer ? 'integer' : 'number'}`);
  }
}

/** Estimated seconds to train `perClass` samples per class. */
export function estimateSeconds(
  perClass: number,
  input: Pick<BudgetInput, 'samplesPerSec' | 'epochs' | 'numClasses' | 'overheadSec'>,
): number {
  return (
    (perClass * input.numClasses * input.epochs) / input.samplesPerSec + (input.overheadSec ?? 0)
  );
}

export function largestPerClass(input: BudgetInput): BudgetResult {
  positive('throughput (samples/s)', input.samplesPerSec, false);
  positive('time budget (s)', input.budgetSec, false);
  positive('epochs', input.epochs, true);
  positive('number of classes', input.numClasses, true);
  positive('largest samples per class', input.maxPerClass, true);
  const overhead = input.overheadSec ?? 0;
  if (!(Number.isFinite(overhead) && overhead >= 0)) {
    throw new ConfigError(`overhead ${overhead} s must be a non-negative number`);
  }
  let cap = input.maxPerClass;
  if (input.memoryLimitSamples !== undefined) {
    const mem = input.memoryLimitSamples;
    if (!(Number.isFinite(mem) && mem >= 0))
      throw new ConfigError(`memory limit ${mem} samples must be ≥ 0`);
    cap = Math.min(cap, Math.floor(mem / input.numClasses));
  }
  const fitsTime = (n: number): boolean => estimateSeconds(n, input) <= input.budgetSec;
  let n = Math.floor(
    ((input.budgetSec - overhead) * input.samplesPerSec) / (input.numClasses * input.epochs),
  );
  n = Math.max(0, Math.min(n, cap));
  while (n < cap && fitsTime(n + 1)) n++;
  while (n > 0 && !fitsTime(n)) n--;
  if (n === 0) return { perClass: 0, estimatedSec: estimateSeconds(1, input), fits: false };
  return { perClass: n, estimatedSec: estimateSeconds(n, input), fits: true };
}
