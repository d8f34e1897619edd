// The comparison's pure parts: which methods it trains by default (from the bundle's reference
// table at the current IPC), the order of its runs, the reference cell and protocol it shows, and
// its numbers (mean ± population std over seeds, per-class means and differences from YOCO).
import { describe, expect, it } from 'vitest';
import type { ReferenceRow } from '../../src/engine/bundle/manifest';
import { referenceRow as row, referenceTable } from '../../test-support/engine/reference-table';
import {
  compareDefaultsNote,
  comparePlan,
  defaultCompareMethods,
  referenceCell,
  referenceProtocolText,
} from './compare-plan';
import { classDifferences, summarizeRuns, type CompareRun } from './compare-stats';

const table = (...rows: ReferenceRow[]) =>
  referenceTable({ epochs: 300, width: 128, note: 'x' }, ...rows);

describe('compareDefaultsNote', () => {
  const t = table(row('yoco', 1, 0.6), row('kmeans', 1, 0.7), row('random+balanced', 2, 0.9));
  it('says why each preselected method is there', () => {
    expect(compareDefaultsNote(t, 1)).toBe(
      'Preselected: YOCO, and random balanced as the plainest rule that keeps the classes even, ' +
        "and k-means (SSP), the best other method in this bundle's reference table at IPC 1.",
    );
    expect(compareDefaultsNote(t, 2)).toContain(
      "which is also the best other method in this bundle's reference table at IPC 2.",
    );
    expect(compareDefaultsNote(t, 5)).toContain('has no rows at IPC 5');
    expect(compareDefaultsNote(undefined, 0.25)).toContain('has no rows at IPC 0.25');
  });
});

describe('defaultCompareMethods', () => {
  it('adds the best other row at that IPC, spelled as the app’s option', () => {
    const rows: [string, number | null, number][] = [
      ['full', null, 0.9],
      ['yoco', 1, 0.6],
      ['lbpe+hard+balanced', 1, 0.7],
      ['random', 1, 0.65],
      ['el2n', 2, 0.99],
    ];
    const t = table(...rows.map(([method, ipc, mean]) => row(method, ipc, mean)));
    expect(defaultCompareMethods(t, 1)).toEqual(['yoco', 'random+balanced', 'lbpe+hard+balanced']);
    // At IPC 2 only el2n is there: it is the best other row.
    expect(defaultCompareMethods(t, 2)).toEqual(['yoco', 'random+balanced', 'el2n']);
  });

  it('is YOCO and random balanced without a table, a row at that IPC, or when the best is one of them', () => {
    expect(defaultCompareMethods(undefined, 1)).toEqual(['yoco', 'random+balanced']);
    expect(defaultCompareMethods(table(row('aum', 1, 0.5)), 3)).toEqual([
      'yoco',
      'random+balanced',
    ]);
    expect(defaultCompareMethods(table(row('random+balanced', 1, 0.5)), 1)).toEqual([
      'yoco',
      'random+balanced',
    ]);
  });
});

describe('comparePlan', () => {
  it('trains every method at each seed in turn, from the first seed', () => {
    expect(comparePlan(['yoco', 'random'], 2, 5)).toEqual([
      { method: 'yoco', seed: 5 },
      { method: 'random', seed: 5 },
      { method: 'yoco', seed: 6 },
      { method: 'random', seed: 6 },
    ]);
    expect(comparePlan([], 3, 0)).toEqual([]);
  });
});

describe('referenceCell and referenceProtocolText', () => {
  const t = table(row('yoco', 1, 0.6), row('random+balanced', 1, 0.5), row('yoco', 2, 0.7));

  it('finds the row of the same method (any spelling of its selection) at the same IPC', () => {
    expect(referenceCell(t, 'yoco', 2)?.mean).toBe(0.7);
    expect(referenceCell(t, 'random+balanced', 1)?.mean).toBe(0.5);
    expect(referenceCell(t, 'random+balanced', 2)).toBeNull();
    expect(referenceCell(undefined, 'yoco', 1)).toBeNull();
  });

  it('names the protocol’s epochs and width', () => {
    expect(referenceProtocolText(t)).toBe('300 epochs, width 128');
    expect(referenceProtocolText({ protocol: {}, rows: [] })).toBe('its own protocol');
  });
});

describe('comparison numbers', () => {
  // Two classes, 4 test images each.
  const run = (method: string, seed: number, c0: number, c1: number): CompareRun => ({
    method,
    seed,
    testAccuracy: (c0 + c1) / 8,
    confusion: [
      [c0, 4 - c0],
      [4 - c1, c1],
    ],
  });
  const runs = [
    run('yoco', 0, 4, 2),
    run('random', 0, 2, 2),
    run('yoco', 1, 2, 2),
    run('random', 1, 4, 4),
  ];

  it('summarizes each finished method over its seeds, in the asked order', () => {
    const [random, yoco, ...rest] = summarizeRuns(runs, ['random', 'yoco', 'el2n']);
    expect(rest).toEqual([]);
    expect(random).toMatchObject({ method: 'random', runs: 2, mean: 0.75, std: 0.25 });
    expect(random!.classAccuracy).toEqual([0.75, 0.75]);
    expect(yoco).toMatchObject({ method: 'yoco', runs: 2, mean: 0.625, std: 0.125 });
    expect(yoco!.classAccuracy).toEqual([0.75, 0.5]);
  });

  it('gives each other method’s per-class difference from the baseline', () => {
    const summaries = summarizeRuns(runs, ['random', 'yoco']);
    const diff = classDifferences(summaries, ['a', 'b'], 'yoco')!;
    expect(diff.baseline.method).toBe('yoco');
    expect(diff.others.map((o) => o.method)).toEqual(['random']);
    expect(diff.rows).toEqual([
      { name: 'a', baseline: 0.75, deltas: [0] },
      { name: 'b', baseline: 0.5, deltas: [0.25] },
    ]);
    // Without the baseline the first method stands in; with no runs there is nothing to show.
    expect(classDifferences(summaries, ['a', 'b'], 'el2n')!.baseline.method).toBe('random');
    expect(classDifferences([], ['a'], 'yoco')).toBeNull();
  });

  it('leaves a class without test images out of the means (null)', () => {
    const empty: CompareRun = {
      method: 'yoco',
      seed: 0,
      testAccuracy: 1,
      confusion: [
        [4, 0],
        [0, 0],
      ],
    };
    const [s] = summarizeRuns([empty], ['yoco']);
    expect(s!.classAccuracy).toEqual([1, null]);
    expect(classDifferences([s!], ['a', 'b'], 'yoco')!.rows[1]).toEqual({
      name: 'b',
      baseline: null,
      deltas: [],
    });
  });
});
