// Per-class accuracy in the CLI: one line for `yoco train`, and for `yoco table --per-class` each
// row and IPC_T's per-class accuracy, averaged over its seeds, as text and as JSON. Table cells
// cached before per-class results were kept carry no confusion matrix: a row with such a cell has
// no per-class figures (printed as "—", null in JSON), and the note under the table says why.
import { perClassAccuracy, type ConfusionMatrix } from '../../src/engine/train/confusion';

/** One table row's per-class accuracy (mean over seeds, class order of the manifest). */
export interface PerClassRow {
  readonly method: string;
  readonly ipc: number | null;
  readonly seeds: number;
  /** Null when a seed's cell predates per-class results; a class without test images is null. */
  readonly accuracy: readonly (number | null)[] | null;
}

/** Widest class name printed in a column of the per-class table (longer ones are cut). */
const CLASS_COLUMN = 10;

const percent = (v: number | null): string => (v === null ? '—' : (100 * v).toFixed(1));

/** "T-shirt/top 81.0%, Trouser 97.5%, …": one run's per-class accuracy on one line. */
export function formatPerClass(
  classes: readonly string[],
  accuracy: readonly (number | null)[],
): string {
  return classes
    .map((name, k) => {
      const a = accuracy[k] ?? null;
      return `${name} ${a === null ? '—' : `${percent(a)}%`}`;
    })
    .join(', ');
}

/** Mean per-class accuracy over the seeds' confusion matrices (undefined: a cell without one). */
export function perClassRow(
  method: string,
  ipc: number | null,
  confusions: readonly (ConfusionMatrix | undefined)[],
): PerClassRow {
  const seeds = confusions.length;
  if (seeds === 0 || confusions.some((c) => c === undefined)) {
    return { method, ipc, seeds, accuracy: null };
  }
  const perSeed = confusions.map((c) => perClassAccuracy(c!));
  const accuracy = perSeed[0]!.map((_, k) => {
    const values = perSeed.map((a) => a[k] ?? null);
    if (values.some((v) => v === null)) return null;
    return (values as number[]).reduce((a, b) => a + b, 0) / seeds;
  });
  return { method, ipc, seeds, accuracy };
}

/** The per-class table: one line per row and IPC_T, one column per class, accuracy in %. */
export function formatPerClassTable(
  classes: readonly string[],
  rows: readonly PerClassRow[],
): string {
  const label = (r: PerClassRow): string => `${r.method} @ ${r.ipc ?? 'full'}`;
  const labelWidth = Math.max('method @ IPC_T'.length, ...rows.map((r) => label(r).length));
  const names = classes.map((c) => c.slice(0, CLASS_COLUMN));
  const widths = names.map((n) => Math.max(5, n.length));
  const line = (head: string, cells: readonly string[]): string =>
    [head.padEnd(labelWidth), ...cells.map((c, k) => c.padStart(widths[k]!))].join('  ');
  const lines = [line('method @ IPC_T', names)];
  for (const r of rows) {
    lines.push(
      line(
        label(r),
        classes.map((_, k) => percent(r.accuracy?.[k] ?? null)),
      ),
    );
  }
  lines.push('', 'per-class test accuracy %, mean over seeds');
  const old = rows.filter((r) => r.accuracy === null).length;
  if (old > 0) {
    lines.push(
      `${old} row${old === 1 ? '' : 's'} without per-class figures (—): some of their cells were ` +
        'cached before per-class results were kept; run with another --cache folder to measure them',
    );
  }
  return lines.join('\n');
}
