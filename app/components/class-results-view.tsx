// One run's per-class results: each class's test images and accuracy, then the confusion matrix
// (true class down, predicted class across, class names on both axes) as counts or row shares.
// Column names stand upright (rotated) so ten classes fit a phone; if they still do not, the
// matrix scrolls sideways inside its card, never the page.
import { useState, type CSSProperties } from 'react';
import { classRows, matrixCells, type ClassResults, type MatrixMode } from '../lib/class-results';
import { formatPercent } from '../lib/format';
import { DataTable } from './data-table';

const CLASS_COLUMNS = [
  { label: 'Class' },
  { label: 'Test images', num: true },
  { label: 'Accuracy', num: true },
];

const MODES: readonly { readonly mode: MatrixMode; readonly label: string }[] = [
  { mode: 'counts', label: 'Counts' },
  { mode: 'rows', label: 'Row %' },
];

/** Diagonal or not, and white text on the darker (≥ half the row) cells. */
function cellClass(diagonal: boolean, share: number): string | undefined {
  const names = [diagonal && 'confusion-diag', share >= 0.5 && 'confusion-strong'].filter(Boolean);
  return names.length > 0 ? names.join(' ') : undefined;
}

const accuracyText = (a: number | null): string => (a === null ? '—' : formatPercent(a));

export function ClassResultsView({
  results,
  testId,
}: {
  readonly results: ClassResults;
  readonly testId: string;
}) {
  const [mode, setMode] = useState<MatrixMode>('counts');
  const rows = classRows(results);
  const shown = matrixCells(results, mode);
  // Shading always follows the row shares, so the two views look alike.
  const shares = matrixCells(results, 'rows');
  return (
    <div className="class-results" data-testid={testId}>
      <DataTable columns={CLASS_COLUMNS} testId="class-accuracy">
        {rows.map((r) => (
          <tr key={r.name} data-testid="class-accuracy-row">
            <td>{r.name}</td>
            <td className="num">{r.images}</td>
            <td className="num" data-accuracy={r.accuracy ?? ''}>
              {accuracyText(r.accuracy)}
            </td>
          </tr>
        ))}
      </DataTable>
      <div className="matrix-head">
        <h4>Confusion matrix</h4>
        <div className="segmented" role="group" aria-label="Matrix values">
          {MODES.map((m) => (
            <button
              key={m.mode}
              type="button"
              className="secondary"
              aria-pressed={mode === m.mode}
              data-testid={`matrix-${m.mode}`}
              onClick={() => setMode(m.mode)}
            >
              {m.label}
            </button>
          ))}
        </div>
      </div>
      <div className="table-scroll" data-testid="confusion-scroll">
        <table className="confusion" data-testid="confusion-matrix" data-mode={mode}>
          <caption className="visually-hidden">
            Confusion matrix: rows are true classes, columns predicted classes
          </caption>
          <thead>
            <tr>
              <th scope="col" className="confusion-corner">
                <span>true ↓</span> <span>predicted →</span>
              </th>
              {results.classNames.map((name) => (
                <th key={name} scope="col" className="confusion-col" title={name}>
                  <span>{name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, t) => (
              <tr key={r.name} data-testid="confusion-row">
                <th scope="row">{r.name}</th>
                {shown[t]!.map((v, p) => (
                  <td
                    key={p}
                    className={cellClass(p === t, shares[t]![p]!)}
                    data-count={results.confusion[t]![p]}
                    style={{ '--share': shares[t]![p] } as CSSProperties}
                    title={`${r.name} → ${results.classNames[p]}: ${results.confusion[t]![p]}`}
                  >
                    {mode === 'counts' ? v : Math.round(v * 100)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
