// Progress of a training run as a fraction, with samples/s and an ETA, from per-step progress
// events when there are some and per-epoch reports otherwise; and of its final test pass.
import type { TrainProgress } from '../../src/engine/api';
import type { EpochReport } from '../../src/engine/types';

export interface RunProgressView {
  /** In [0, 1]. */
  readonly fraction: number;
  readonly epoch: number;
  readonly epochs: number;
  readonly samplesPerSec: number | null;
  /** Milliseconds left, or null before anything is known. */
  readonly etaMs: number | null;
  readonly elapsedMs: number;
}

export function runProgress(
  epochs: number,
  reports: readonly EpochReport[],
  progress: TrainProgress | null,
  elapsedMs: number,
): RunProgressView {
  const last = reports[reports.length - 1];
  let fraction = epochs > 0 ? reports.length / epochs : 0;
  let epoch = Math.min(epochs, reports.length + 1);
  let samplesPerSec = last?.samplesPerSec ?? null;
  if (progress && progress.epoch > reports.length) {
    const within = progress.steps > 0 ? progress.step / progress.steps : 0;
    fraction = (progress.epoch - 1 + within) / progress.epochs;
    epoch = progress.epoch;
    samplesPerSec = progress.samplesPerSec > 0 ? progress.samplesPerSec : samplesPerSec;
  }
  fraction = Math.max(0, Math.min(1, fraction));
  const etaMs =
    fraction > 0 && fraction < 1
      ? (elapsedMs * (1 - fraction)) / fraction
      : fraction >= 1
        ? 0
        : null;
  return { fraction, epoch, epochs, samplesPerSec, etaMs, elapsedMs };
}

/** Milliseconds left in the final test pass at its own rate so far, or null before a batch is done. */
export function finalTestEtaMs(done: number, total: number, passElapsedMs: number): number | null {
  if (done <= 0 || passElapsedMs <= 0) return null;
  return (passElapsedMs * Math.max(0, total - done)) / done;
}
