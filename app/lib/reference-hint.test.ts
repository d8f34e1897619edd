// The dataset card's hint, on the shipped bundles' own reference tables (read from public/) and on
// small synthetic tables: YOCO beaten, YOCO ahead, a gap within the spread, percentages, tables
// without the rows the hint needs. Also the table's unit rule (fractions or percentages).
import { describe, expect, it } from 'vitest';
import type { ReferenceRow } from '../../src/engine/bundle/manifest';
import { parseManifest } from '../../src/engine/bundle/validate';
import { referenceRow as row, referenceTable } from '../../test-support/engine/reference-table';
import { percentScale, referenceHint } from './reference-hint';

const shipped = Object.fromEntries(
  Object.entries(
    import.meta.glob<unknown>('../../public/datasets/*/manifest.json', {
      eager: true,
      import: 'default',
    }),
  ).map(([path, json]) => [path.split('/').at(-2)!, parseManifest(JSON.stringify(json))]),
);

const table = (...rows: ReferenceRow[]) => referenceTable({}, ...rows);

describe('referenceHint on the shipped bundles', () => {
  it('finds both shipped manifests', () => {
    expect(Object.keys(shipped).sort()).toEqual(['fashion-mnist-dm-ipc10', 'fashion-mnist-ipc10']);
  });

  it('says hard-first wins on the selection-based (RDED-style) bundle', () => {
    expect(referenceHint(shipped['fashion-mnist-ipc10']!.referenceTable)).toBe(
      "On this bundle, LBPE hard, balanced beats YOCO's easy-first at IPC 1 (72.7 vs 65.8). " +
        'See the findings.',
    );
  });

  it('gives no hint for the DM bundle while it has no reference table', () => {
    const dm = shipped['fashion-mnist-dm-ipc10']!;
    if (dm.referenceTable === undefined) expect(referenceHint(dm.referenceTable)).toBeNull();
    else expect(referenceHint(dm.referenceTable)).toMatch(/^On this bundle, .* at IPC 1 /);
  });
});

describe('referenceHint on synthetic tables', () => {
  it("names YOCO's lead over the best other row, in points", () => {
    const t = table(
      row('full', null, 0.9),
      row('yoco', 1, 0.75),
      row('random', 1, 0.644),
      row('el2n', 1, 0.5),
      row('random', 2, 0.8),
    );
    expect(referenceHint(t)).toBe(
      "On this bundle, YOCO's easy-first beats every other rule at IPC 1: by 10.6 points over " +
        'Random (75.0 vs 64.4).',
    );
  });

  it('calls a gap within the spread over seeds level', () => {
    const t = table(row('yoco', 1, 0.66, 0.02), row('random+balanced', 1, 0.675, 0.01));
    expect(referenceHint(t)).toBe(
      "On this bundle, YOCO's easy-first and Random, balanced are level at IPC 1 " +
        '(66.0 vs 67.5, within the spread over seeds).',
    );
  });

  it('reads tables stored in percent, and LBPE easy, balanced as YOCO itself', () => {
    const t = table(
      row('lbpe+easy+balanced', 1, 70, 0.5),
      row('yoco', 1, 60, 0.5),
      row('kmeans', 1, 65, 0.5),
    );
    expect(percentScale(t)).toBe(1);
    expect(referenceHint(t)).toBe(
      "On this bundle, k-means (SSP) beats YOCO's easy-first at IPC 1 (65.0 vs 60.0). " +
        'See the findings.',
    );
  });

  it('gives no hint without a YOCO row and another row at IPC_T 1', () => {
    expect(referenceHint(undefined)).toBeNull();
    expect(referenceHint(table())).toBeNull();
    expect(referenceHint(table(row('yoco', 1, 0.7), row('full', null, 0.9)))).toBeNull();
    expect(referenceHint(table(row('random', 1, 0.7), row('yoco', 2, 0.8)))).toBeNull();
    expect(referenceHint(table(row('yoco', 1, 0.7), row('no-such-method', 1, 0.9)))).toBeNull();
  });
});
