// The reference table read for context: the full set and random beside a run (balanced preferred,
// plain random as the fallback, nothing invented for a size the table lacks), the chart's
// reference lines, and the table as methods × sizes.
import { describe, expect, it } from 'vitest';
import type { ReferenceRow } from '../../src/engine/bundle/manifest';
import { referenceRow as row, referenceTable } from '../../test-support/engine/reference-table';
import { accuracyContext, measuredIpcs, referenceLines, referencePivot } from './accuracy-context';

const table = (...rows: ReferenceRow[]) => referenceTable({ epochs: 200, width: 128 }, ...rows);

const DM = table(
  row('full', null, 0.84, 0.005),
  row('yoco', 1, 0.723),
  row('yoco', 2, 0.736),
  row('random', 1, 0.6165),
  row('random', 2, 0.7258),
  row('random+balanced', 1, 0.6818, 0.022),
  row('random+balanced', 2, 0.743),
);

describe('accuracyContext', () => {
  it('names the full set and random balanced at the same size, in percent', () => {
    const ctx = accuracyContext(DM, 1);
    expect(ctx.full?.mean).toBeCloseTo(84);
    expect(ctx.full?.std).toBeCloseTo(0.5);
    expect(ctx.random).toMatchObject({ label: 'Random, balanced', balanced: true });
    expect(ctx.random?.cell.mean).toBeCloseTo(68.18);
    expect(ctx.measuredIpcs).toEqual([1, 2]);
  });

  it('has no random cell at a size the table did not measure, and says which it did', () => {
    const ctx = accuracyContext(DM, 5);
    expect(ctx.random).toBeNull();
    expect(ctx.full?.mean).toBeCloseTo(84);
    expect(ctx.measuredIpcs).toEqual([1, 2]);
    expect(accuracyContext(DM, 0.25).random).toBeNull();
  });

  it('falls back to plain random where the table has no balanced row', () => {
    const t = table(row('full', null, 0.5), row('yoco', 1, 0.4), row('random', 1, 0.3));
    expect(accuracyContext(t, 1).random).toMatchObject({ label: 'Random', balanced: false });
    expect(accuracyContext(t, 1).random?.cell.mean).toBeCloseTo(30);
  });

  it('reads tables stored in percent as they are, and no table as no context', () => {
    const t = table(row('full', null, 84), row('random+balanced', 1, 68));
    expect(accuracyContext(t, 1).full?.mean).toBe(84);
    expect(accuracyContext(t, 1).random?.cell.mean).toBe(68);
    expect(accuracyContext(undefined, 1)).toEqual({ full: null, random: null, measuredIpcs: [] });
  });
});

describe('referenceLines and referencePivot', () => {
  it('draw the full level and one random line of one kind', () => {
    const lines = referenceLines(DM);
    expect(lines.full).toBeCloseTo(84);
    expect(lines.random?.label).toBe('Random, balanced (reference)');
    expect(lines.random?.points.map(([x]) => x)).toEqual([1, 2]);
    // Balanced at one size only: the line stays plain random at both.
    const mixed = table(
      row('random', 1, 0.5),
      row('random', 2, 0.6),
      row('random+balanced', 1, 0.55),
    );
    expect(referenceLines(mixed).random?.label).toBe('Random (reference)');
    expect(referenceLines(mixed).random?.points).toEqual([
      [1, 50],
      [2, 60],
    ]);
    expect(referenceLines(undefined)).toEqual({ full: null, random: null });
  });

  it('lays the table out as methods × every measured size', () => {
    const t = table(
      row('full', null, 0.5),
      row('yoco', 1, 0.4),
      row('yoco', 5, 0.45),
      row('kmeans', 1, 0.42),
    );
    expect(measuredIpcs(t)).toEqual([1, 5]);
    const pivot = referencePivot(t);
    expect(pivot.ipcs).toEqual([1, 5]);
    expect(pivot.full?.mean).toBeCloseTo(50);
    expect(pivot.rows.map((r) => r.label)).toEqual(['YOCO (LBPE easy, balanced)', 'k-means (SSP)']);
    expect(pivot.rows[1]!.cells[1]).toBeNull();
    expect(pivot.rows[0]!.cells[1]?.mean).toBeCloseTo(45);
  });
});
