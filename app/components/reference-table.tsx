// The bundle's reference table (design.md §6), laid out for reading: the full condensed set on the
// first row, then one row per method with one column per IPC it was measured at (mean ± std over
// seeds), the column of the current size marked, and the protocol it was measured with.
import type { ReferenceTable as Table } from '../../src/engine/bundle/manifest';
import { referencePivot, type ReferenceCell } from '../lib/accuracy-context';
import { DataTable } from './data-table';
import { ParamList } from './param-list';

const cellText = (c: ReferenceCell | null): string =>
  c ? `${c.mean.toFixed(1)} ± ${c.std.toFixed(1)}` : '—';

export function ReferenceTable({
  table,
  fullIpc,
  currentIpc,
  empty = 'This bundle has no reference table.',
}: {
  readonly table: Table | undefined;
  /** IPC_F: the full condensed set's size. */
  readonly fullIpc: number;
  /** The slider's size, whose column is marked when the table measured it. */
  readonly currentIpc: number | null;
  /** What to say when there is no table. */
  readonly empty?: string;
}) {
  if (!table || table.rows.length === 0) {
    return (
      <p className="muted" data-testid="no-reference-table">
        {empty}
      </p>
    );
  }
  const pivot = referencePivot(table);
  const current = (ipc: number): boolean =>
    currentIpc !== null && Math.abs(ipc - currentIpc) < 1e-9;
  const columns = [
    { label: 'Method' },
    ...pivot.ipcs.map((ipc) => ({ label: `IPC ${ipc}${current(ipc) ? ' (now)' : ''}`, num: true })),
  ];
  const seeds = Math.max(0, ...table.rows.map((r) => r.seeds));
  return (
    <div className="reference">
      <DataTable
        columns={columns}
        testId="reference-table"
        caption={`Test accuracy (%), mean ± std over ${seeds} seed${seeds === 1 ? '' : 's'}`}
      >
        {pivot.full && (
          <tr className="reference-full">
            <td>Full condensed set (IPC {fullIpc})</td>
            <td className="num" colSpan={Math.max(1, pivot.ipcs.length)}>
              {cellText(pivot.full)}
            </td>
          </tr>
        )}
        {pivot.rows.map((r, i) => (
          <tr key={i}>
            <td>{r.label}</td>
            {r.cells.map((c, j) => (
              <td key={j} className={current(pivot.ipcs[j]!) ? 'num reference-now' : 'num'}>
                {cellText(c)}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      <details className="protocol">
        <summary>How it was measured</summary>
        <ParamList params={table.protocol} />
      </details>
    </div>
  );
}
