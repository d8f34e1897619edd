// A scrollable data table with a header row: the frame shared by the results and reference tables.
// A `stacked` table lays each row out as wrapped "label value" pairs on phones (styles/tables.css),
// so that every column shows at 390 px without a hidden sideways scroll; its cells carry their
// column's label in `data-label`.
import type { ReactNode } from 'react';

export interface Column {
  readonly label: string;
  /** A numeric column (right-aligned). */
  readonly num?: boolean;
}

export function DataTable({
  columns,
  testId,
  children,
  caption,
  stacked = false,
}: {
  readonly columns: readonly Column[];
  readonly testId: string;
  /** The body's rows. */
  readonly children: ReactNode;
  /** What the table holds, shown above it. */
  readonly caption?: ReactNode;
  readonly stacked?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className={stacked ? 'data-table stacked' : 'data-table'} data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
