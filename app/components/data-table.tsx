// A scrollable data table with a header row: the frame shared by the results and reference tables.
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
}: {
  readonly columns: readonly Column[];
  readonly testId: string;
  /** The body's rows. */
  readonly children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
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
