// Charts' pure parts: axis scales and ticks, accuracy-vs-IPC series of stored runs (one per method
// token and label mode), and run progress.
import { describe, expect, it } from 'vitest';
import { accuracySeries } from './accuracy-series';
import { linear, niceAxis, tickLabel } from './chart-scale';
import type { RunRecord } from './records';
import { finalTestEtaMs, runProgress } from './run-progress';

describe('niceAxis', () => {
  it('snaps to round ticks around the data', () => {
    expect(niceAxis(0, 100, 4)).toEqual({ min: 0, max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(niceAxis(0.13, 2.31, 5)).toEqual({ min: 0, max: 2.5, ticks: [0, 0.5, 1, 1.5, 2, 2.5] });
    expect(niceAxis(3, 3, 4).ticks).toContain(3);
  });

  it('keeps integer axes on whole numbers (epochs, IPC): never 0 3 5 8 10', () => {
    expect(niceAxis(0, 10, 4).ticks).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceAxis(0, 10, 4, true).ticks).toEqual([0, 5, 10]);
    expect(niceAxis(0, 10, 5, true).ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceAxis(0, 2, 8, true).ticks).toEqual([0, 1, 2]);
    expect(niceAxis(0, 100, 4, true).ticks).toEqual([0, 25, 50, 75, 100]);
    for (const hi of [1, 3, 7, 10, 13, 40, 200]) {
      for (const count of [2, 4, 5, 8]) {
        expect(niceAxis(0, hi, count, true).ticks.every(Number.isInteger)).toBe(true);
      }
    }
  });

  it('labels ticks with the digits the step needs', () => {
    expect(tickLabel(0.5, [0, 0.5, 1])).toBe('0.5');
    expect(tickLabel(50, [0, 25, 50])).toBe('50');
    expect(linear(5, 0, 10, 100, 200)).toBe(150);
    expect(linear(5, 1, 1, 100, 200)).toBe(150);
  });
});

describe('accuracySeries', () => {
  const rec = (
    method: string,
    perClass: number,
    acc: number,
    bundleId = 'b',
    labels: RunRecord['labels'] = 'hard',
  ): RunRecord => ({
    id: `${method}${perClass}${acc}${labels}`,
    createdAt: 1,
    bundleId,
    method,
    perClass,
    factor: 2,
    classes: 10,
    epochs: 1,
    width: 8,
    seed: 0,
    labels,
    backend: 'cpu',
    testAccuracy: acc,
    testCount: 10,
    elapsedMs: 1,
    estimatedMs: null,
  });

  it('gives one line per method with the mean per IPC, in the given method order', () => {
    const series = accuracySeries(
      [
        rec('random', 4, 0.2),
        rec('yoco', 8, 0.6),
        rec('yoco', 4, 0.5),
        rec('yoco', 4, 0.3),
        rec('yoco', 4, 0.9, 'other'),
      ],
      'b',
      ['yoco', 'random'],
    );
    expect(series.map((s) => s.method)).toEqual(['yoco', 'random']);
    expect(series[0]!.points).toEqual([
      { ipc: 1, mean: 0.4, min: 0.3, max: 0.5, runs: 2 },
      { ipc: 2, mean: 0.6, min: 0.6, max: 0.6, runs: 1 },
    ]);
    expect(series[1]!.points).toEqual([{ ipc: 1, mean: 0.2, min: 0.2, max: 0.2, runs: 1 }]);
  });

  it('never averages teacher-label runs with hard-label ones: a line each, hard first', () => {
    const series = accuracySeries(
      [
        rec('yoco', 4, 0.8, 'b', 'teacher'),
        rec('yoco', 4, 0.4),
        rec('random', 4, 0.7, 'b', 'teacher'),
        rec('yoco', 4, 0.6, 'b', 'teacher'),
      ],
      'b',
      ['yoco', 'random'],
    );
    expect(series.map((s) => [s.method, s.labels])).toEqual([
      ['yoco', 'hard'],
      ['yoco', 'teacher'],
      ['random', 'teacher'],
    ]);
    expect(series[0]!.points[0]!.mean).toBe(0.4);
    expect(series[1]!.points[0]).toMatchObject({ mean: 0.7, runs: 2 });
  });
});

describe('runProgress', () => {
  it('uses step progress within an epoch for fraction, rate and ETA', () => {
    const p = runProgress(
      4,
      [{ epoch: 1, epochs: 4, loss: 1, trainAccuracy: 0.5, samplesPerSec: 100, elapsedMs: 1000 }],
      { epoch: 2, epochs: 4, step: 1, steps: 2, samplesPerSec: 120, elapsedMs: 1500 },
      1500,
    );
    expect(p.fraction).toBeCloseTo(0.375);
    expect(p.epoch).toBe(2);
    expect(p.samplesPerSec).toBe(120);
    expect(p.etaMs).toBeCloseTo(2500);
  });

  it('falls back to finished epochs and reaches 1 at the end', () => {
    const reports = [1, 2].map((epoch) => ({
      epoch,
      epochs: 2,
      loss: 1,
      trainAccuracy: 0.5,
      samplesPerSec: 50,
      elapsedMs: epoch * 10,
    }));
    expect(runProgress(2, reports.slice(0, 1), null, 10)).toMatchObject({
      fraction: 0.5,
      etaMs: 10,
      samplesPerSec: 50,
    });
    expect(runProgress(2, reports, null, 20)).toMatchObject({ fraction: 1, etaMs: 0 });
    expect(runProgress(2, [], null, 0)).toMatchObject({
      fraction: 0,
      etaMs: null,
      samplesPerSec: null,
    });
  });
});

describe('finalTestEtaMs', () => {
  it('extrapolates the final pass at its own rate, unknown before its first batch', () => {
    expect(finalTestEtaMs(0, 10_000, 500)).toBeNull();
    expect(finalTestEtaMs(2_500, 10_000, 4_000)).toBe(12_000);
    expect(finalTestEtaMs(10_000, 10_000, 16_000)).toBe(0);
  });
});
