// Reading a bundle's reference table for the dataset card: its accuracy units (fractions or
// percentages, decided once per table) and the one-line hint of which rule wins at IPC_T 1, YOCO
// against the best other row. Honest by construction: a gap within the spread over seeds is called
// level, and a bundle without both rows gets no hint at all.
import type { ReferenceRow, ReferenceTable } from '../../src/engine/bundle/manifest';
import { parseSelection, type Selection } from '../../src/engine/select/selection';
import { referenceRowLabel } from './methods';

/** The IPC_T the hint compares at: the smallest size every shipped table measures. */
export const HINT_IPC = 1;

/** Factor that turns the table's accuracies into percentages (they may be stored either way). */
export function percentScale(table: ReferenceTable): number {
  return table.rows.every((r) => r.mean <= 1) ? 100 : 1;
}

/** The row's selection, or null for `full` and tokens this version cannot read. */
function selectionOf(row: ReferenceRow): Selection | null {
  if (row.method === 'full') return null;
  try {
    return parseSelection(row.method);
  } catch {
    return null;
  }
}

/** YOCO's own rules: LBPE, easy first, balanced (`yoco`, or `lbpe` spelled with the same choices). */
function isYoco(s: Selection): boolean {
  return s.method === 'yoco' || (s.method === 'lbpe' && s.prefer === 'easy' && s.balanced);
}

/** YOCO's row and the best other selection row of `table` at `ipc` (either may be null). */
export function yocoAndBestRows(
  table: ReferenceTable | undefined,
  ipc: number,
): { readonly yoco: ReferenceRow | null; readonly best: ReferenceRow | null } {
  const rows = (table?.rows ?? [])
    .filter((r) => r.ipc !== null && Math.abs(r.ipc - ipc) < 1e-9)
    .flatMap((r) => {
      const s = selectionOf(r);
      return s ? [{ row: r, yoco: isYoco(s) }] : [];
    });
  // The `yoco` row itself when there is one, else a row spelling the same rules.
  const yoco =
    (rows.find((r) => r.yoco && r.row.method === 'yoco') ?? rows.find((r) => r.yoco))?.row ?? null;
  const best = rows
    .filter((r) => !r.yoco)
    .map((r) => r.row)
    .reduce<ReferenceRow | null>((a, r) => (a === null || r.mean > a.mean ? r : a), null);
  return { yoco, best };
}

/** The hint for `table` at `ipc`, or null when it lacks a YOCO row or another row there. */
export function referenceHint(
  table: ReferenceTable | undefined,
  ipc: number = HINT_IPC,
): string | null {
  if (!table) return null;
  const { yoco, best } = yocoAndBestRows(table, ipc);
  if (!yoco || !best) return null;
  const scale = percentScale(table);
  const pct = (v: number): string => (v * scale).toFixed(1);
  const other = referenceRowLabel(best.method);
  const at = `at IPC ${ipc}`;
  const gap = yoco.mean - best.mean;
  if (Math.abs(gap) <= Math.max(yoco.std, best.std)) {
    return (
      `On this bundle, YOCO's easy-first and ${other} are level ${at} ` +
      `(${pct(yoco.mean)} vs ${pct(best.mean)}, within the spread over seeds).`
    );
  }
  if (gap < 0) {
    return (
      `On this bundle, ${other} beats YOCO's easy-first ${at} ` +
      `(${pct(best.mean)} vs ${pct(yoco.mean)}). See the findings.`
    );
  }
  return (
    `On this bundle, YOCO's easy-first beats every other rule ${at}: ` +
    `by ${pct(gap)} points over ${other} (${pct(yoco.mean)} vs ${pct(best.mean)}).`
  );
}
