// What the run slice sends to the engine and takes back: the train request for a run's
// parameters, the engine's reports gathered into at most one store update (one render) per
// UI_INTERVAL_MS, and the record a finished run leaves.
import { trainingFields } from '../../src/engine/settings/training';
import type { TrainProgress, TrainRequest, TrainResult } from '../../src/engine/api';
import type { Manifest } from '../../src/engine/bundle/manifest';
import type { EpochReport } from '../../src/engine/types';
import { selectRequestFor } from '../lib/methods';
import type { RunRecord } from '../lib/records';
import type { RunParams } from './types';

/** Least time between two renders caused by training reports. */
export const UI_INTERVAL_MS = 100;

export function trainRequestFor(p: RunParams): TrainRequest {
  return {
    ...selectRequestFor(p.method, p.perClass, p.seed),
    ...trainingFields(p),
    epochs: p.epochs,
    trainSeed: p.seed,
  };
}

export interface ReportBatch {
  readonly reports: readonly EpochReport[];
  /** The latest progress within an epoch, if any came. */
  readonly progress: TrainProgress | null;
}

export interface ReportBatcher {
  epoch(report: EpochReport): void;
  progress(progress: TrainProgress): void;
  /** Applies what is pending now. */
  flush(): void;
}

/**
 * Gathers reports, which arrive as fast as epochs and steps finish, and applies them at most once
 * per `intervalMs`, so the main thread stays idle however fast the engine trains.
 */
export function createReportBatcher(
  apply: (batch: ReportBatch) => void,
  intervalMs = UI_INTERVAL_MS,
): ReportBatcher {
  let reports: EpochReport[] = [];
  let progress: TrainProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const batch = { reports, progress };
    reports = [];
    progress = null;
    if (batch.reports.length > 0 || batch.progress !== null) apply(batch);
  };
  const later = (): void => {
    timer ??= setTimeout(flush, intervalMs);
  };
  return {
    epoch(report) {
      reports.push(report);
      later();
    },
    progress(p) {
      progress = p;
      later();
    },
    flush,
  };
}

/** The stored record of a finished run (with its comparison's id when it was part of one). */
export function runRecord(
  id: string,
  manifest: Manifest,
  p: RunParams,
  result: TrainResult,
  estimatedMs: number | null,
  compareId?: string,
): RunRecord {
  return {
    id,
    createdAt: Date.now(),
    bundleId: manifest.id,
    method: p.method,
    perClass: p.perClass,
    factor: manifest.factor,
    classes: manifest.classes.length,
    epochs: p.epochs,
    width: p.width,
    seed: p.seed,
    labels: p.labels,
    backend: result.backend,
    testAccuracy: result.testAccuracy,
    testCount: result.testCount,
    elapsedMs: result.elapsedMs,
    estimatedMs,
    classResults: { classNames: manifest.classes, confusion: result.confusion },
    ...(compareId !== undefined ? { compareId } : {}),
  };
}
