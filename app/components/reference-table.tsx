// The bundle's reference table (design.md §6): accuracy of the full condensed set, YOCO and the baselines
// at a few IPC, mean ± std over seeds, with the protocol it was measured with.
import type { ReferenceTable as Table } from '../../src/engine/bundle/manifest';
import { referenceRowLabel } from '../lib/methods';
import { percentScale } from '../lib/reference-hint';
import { DataTable } from './data-table';
import { ParamList } from './param-list';

const COLUMNS = [
  { label: 'Method' },
  { label: 'IPC' },
  { label: 'Accuracy (%)', num: true },
  { label: 'Seeds', num: true },
];

export function ReferenceTable({ table }: { readonly table: Table | undefined }) {
  if (!table || table.rows.length === 0) {
    return <p className="muted">This bundle has no reference table.</p>;
  }
  const scale = percentScale(table);
  const pct = (v: number): string => (v * scale).toFixed(1);
  return (
    <div className="reference">
      <DataTable columns={COLUMNS} testId="reference-table">
        {table.rows.map((r, i) => (
          <tr key={i}>
            <td>{referenceRowLabel(r.method)}</td>
            <td>{r.ipc === null ? 'full' : r.ipc}</td>
            <td className="num">
              {pct(r.mean)} ± {pct(r.std)}
            </td>
            <td className="num">{r.seeds}</td>
          </tr>
        ))}
      </DataTable>
      <div className="protocol">
        <h4>Protocol</h4>
        <ParamList params={table.protocol} />
      </div>
    </div>
  );
}
