// The stored runs on the open dataset: when, method (marked when it was part of a comparison),
// size, settings (epochs, seed, label mode), backend, accuracy and time. A row opens (click, or Enter / Space when focused)
// that run's per-class results. On phones each row wraps into labelled pairs (DataTable `stacked`).
import type { ReactNode } from 'react';
import { backendLabel, formatIpc, formatPercent, formatSeconds } from '../lib/format';
import { methodLabel } from '../lib/methods';
import type { RunRecord } from '../lib/records';
import { DataTable } from './data-table';

const COLUMNS = [
  { label: 'When' },
  { label: 'Method' },
  { label: 'IPC (n)', num: true },
  { label: 'Epochs', num: true },
  { label: 'Seed', num: true },
  { label: 'Labels' },
  { label: 'Backend' },
  { label: 'Accuracy', num: true },
  { label: 'Time (est.)', num: true },
];

export function ResultsTable({
  records,
  selectedId,
  onSelect,
  caption,
}: {
  readonly records: readonly RunRecord[];
  readonly selectedId: string | null;
  /** The run a row opens; its own id again closes it (null). */
  readonly onSelect: (id: string | null) => void;
  readonly caption?: ReactNode;
}) {
  const toggle = (id: string): void => onSelect(id === selectedId ? null : id);
  const label = (i: number): string => COLUMNS[i]!.label;
  return (
    <DataTable columns={COLUMNS} testId="results-table" caption={caption} stacked>
      {records.length === 0 && (
        <tr>
          <td colSpan={COLUMNS.length} className="muted empty-row">
            No finished runs yet.
          </td>
        </tr>
      )}
      {records.map((r) => (
        <tr
          key={r.id}
          data-testid="result-row"
          className="result-row-selectable"
          tabIndex={0}
          aria-selected={r.id === selectedId}
          title="Show this run's per-class results"
          onClick={() => toggle(r.id)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            e.preventDefault();
            toggle(r.id);
          }}
        >
          <td data-label={label(0)}>
            {new Date(r.createdAt).toLocaleString([], {
              dateStyle: 'short',
              timeStyle: 'short',
            })}
          </td>
          <td data-label={label(1)} className="result-method">
            {methodLabel(r.method)}
            {r.compareId !== undefined && (
              <span className="muted" title={`Comparison ${r.compareId}`} data-testid="compared">
                {' '}
                · compared
              </span>
            )}
          </td>
          <td data-label={label(2)} className="num">
            {formatIpc(r.perClass, r.factor)} ({r.perClass})
          </td>
          <td data-label={label(3)} className="num">
            {r.epochs}
          </td>
          <td data-label={label(4)} className="num">
            {r.seed}
          </td>
          <td data-label={label(5)} data-testid="result-labels" data-labels={r.labels}>
            {r.labels}
          </td>
          <td data-label={label(6)}>
            {backendLabel(r.backend)}
            <span className="muted"> · w{r.width}</span>
          </td>
          <td data-label={label(7)} className="num result-accuracy">
            <strong>{formatPercent(r.testAccuracy)}</strong>
          </td>
          <td data-label={label(8)} className="num">
            {formatSeconds(r.elapsedMs)}
            {r.estimatedMs !== null && (
              <span className="muted"> ({formatSeconds(r.estimatedMs)})</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
