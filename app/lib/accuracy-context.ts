// What a run's accuracy is measured against, read from the bundle's reference table (manifest
// `referenceTable`): the full condensed set's accuracy, random balanced choice at the same size
// (plain random where the table has no balanced row), the sizes the table was measured at, and the
// table laid out as methods × sizes. A cell the table lacks is null, never a guess.
import type { ReferenceRow, ReferenceTable } from '../../src/engine/bundle/manifest';
import { parseSelection } from '../../src/engine/select/selection';
import { referenceRowLabel } from './methods';
import { percentScale } from './reference-hint';

/** One reference cell in percent. */
export interface ReferenceCell {
  readonly mean: number;
  readonly std: number;
  readonly seeds: number;
}

/** The random row beside a run: balanced when the table has it, else plain (imbalanced). */
export interface RandomReference {
  readonly label: string;
  readonly balanced: boolean;
  readonly cell: ReferenceCell;
}

export interface AccuracyContext {
  /** The full condensed set (every stored sample). */
  readonly full: ReferenceCell | null;
  /** Random at `ipc`, or null where the table has no random row at that size. */
  readonly random: RandomReference | null;
  /** Every IPC the table measured (ascending), for "measured at IPC 1, 2". */
  readonly measuredIpcs: readonly number[];
}

const sameIpc = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

function cellOf(row: ReferenceRow, scale: number): ReferenceCell {
  return { mean: row.mean * scale, std: row.std * scale, seeds: row.seeds };
}

/** 'balanced' / 'plain' for a random row, null for any other method (or an unreadable token). */
function randomKind(row: ReferenceRow): 'balanced' | 'plain' | null {
  if (row.method === 'full') return null;
  try {
    const s = parseSelection(row.method);
    return s.method !== 'random' ? null : s.balanced ? 'balanced' : 'plain';
  } catch {
    return null;
  }
}

/** The sizes `table` measured, ascending (the full set's row has none). */
export function measuredIpcs(table: ReferenceTable | undefined): number[] {
  const ipcs: number[] = [];
  for (const r of table?.rows ?? []) {
    if (r.ipc !== null && !ipcs.some((v) => sameIpc(v, r.ipc!))) ipcs.push(r.ipc);
  }
  return ipcs.sort((a, b) => a - b);
}

/** The random row of `table` at `ipc`: random balanced first, else plain random. */
function randomRow(
  table: ReferenceTable | undefined,
  ipc: number,
): { readonly row: ReferenceRow; readonly balanced: boolean } | null {
  const rows = (table?.rows ?? []).filter((r) => r.ipc !== null && sameIpc(r.ipc, ipc));
  const balanced = rows.find((r) => randomKind(r) === 'balanced');
  if (balanced) return { row: balanced, balanced: true };
  const plain = rows.find((r) => randomKind(r) === 'plain');
  return plain ? { row: plain, balanced: false } : null;
}

/** The full set's and random's reference accuracy for a run at `ipc` (IPC units, n / f²). */
export function accuracyContext(table: ReferenceTable | undefined, ipc: number): AccuracyContext {
  if (!table) return { full: null, random: null, measuredIpcs: [] };
  const scale = percentScale(table);
  const full = table.rows.find((r) => r.method === 'full');
  const random = randomRow(table, ipc);
  return {
    full: full ? cellOf(full, scale) : null,
    random: random
      ? {
          label: referenceRowLabel(random.row.method),
          balanced: random.balanced,
          cell: cellOf(random.row, scale),
        }
      : null,
    measuredIpcs: measuredIpcs(table),
  };
}

/** The results chart's reference lines: the full set's level and random's cells by IPC. */
export interface ReferenceLines {
  readonly full: number | null;
  readonly random: {
    readonly label: string;
    readonly points: readonly (readonly [number, number])[];
  } | null;
}

export function referenceLines(table: ReferenceTable | undefined): ReferenceLines {
  const rows = (table?.rows ?? []).filter((r) => r.ipc !== null);
  const sizes = measuredIpcs(table).filter((ipc) =>
    rows.some((r) => sameIpc(r.ipc!, ipc) && randomKind(r) !== null),
  );
  // One line of one kind: balanced where every size with a random row has it, else plain random.
  const kind = sizes.every((ipc) =>
    rows.some((r) => sameIpc(r.ipc!, ipc) && randomKind(r) === 'balanced'),
  )
    ? 'balanced'
    : 'plain';
  const line = sizes.flatMap((ipc) => {
    const row = rows.find((r) => sameIpc(r.ipc!, ipc) && randomKind(r) === kind);
    return row ? [{ ipc, row }] : [];
  });
  const scale = table ? percentScale(table) : 1;
  const full = accuracyContext(table, 0).full;
  return {
    full: full ? full.mean : null,
    random:
      line.length > 0
        ? {
            label: `${referenceRowLabel(line[0]!.row.method)} (reference)`,
            points: line.map(({ ipc, row }) => [ipc, row.mean * scale] as const),
          }
        : null,
  };
}

/** The reference table laid out for reading: one row per method, one column per measured IPC. */
export interface ReferencePivot {
  readonly ipcs: readonly number[];
  readonly full: ReferenceCell | null;
  readonly rows: readonly {
    readonly label: string;
    readonly cells: readonly (ReferenceCell | null)[];
  }[];
}

export function referencePivot(table: ReferenceTable | undefined): ReferencePivot {
  const ipcs = measuredIpcs(table);
  if (!table) return { ipcs, full: null, rows: [] };
  const scale = percentScale(table);
  const methods: string[] = [];
  for (const r of table.rows) {
    if (r.method !== 'full' && !methods.includes(r.method)) methods.push(r.method);
  }
  return {
    ipcs,
    full: accuracyContext(table, 0).full,
    rows: methods.map((method) => ({
      label: referenceRowLabel(method),
      cells: ipcs.map((ipc) => {
        const row = table.rows.find(
          (r) => r.method === method && r.ipc !== null && sameIpc(r.ipc, ipc),
        );
        return row ? cellOf(row, scale) : null;
      }),
    })),
  };
}
