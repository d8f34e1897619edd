// Every stored run: when, bundle, method, size, settings, backend, accuracy and time.
import { BACKEND_LABELS, formatIpc, formatPercent, formatSeconds } from '../lib/format';
import { methodLabel } from '../lib/methods';
import type { RunRecord } from '../lib/records';

export function ResultsTable({ records }: { readonly records: readonly RunRecord[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="results-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Bundle</th>
            <th scope="col">Method</th>
            <th scope="col" className="num">
              IPC (n)
            </th>
            <th scope="col" className="num">
              Epochs
            </th>
            <th scope="col" className="num">
              Seed
            </th>
            <th scope="col">Backend</th>
            <th scope="col" className="num">
              Accuracy
            </th>
            <th scope="col" className="num">
              Time (est.)
            </th>
          </tr>
        </thead>
        <tbody>
          {records.length === 0 && (
            <tr>
              <td colSpan={9} className="muted empty-row">
                No finished runs yet.
              </td>
            </tr>
          )}
          {records.map((r) => (
            <tr key={r.id} data-testid="result-row">
              <td>
                {new Date(r.createdAt).toLocaleString([], {
                  dateStyle: 'short',
                  timeStyle: 'short',
                })}
              </td>
              <td>{r.bundleId}</td>
              <td>{methodLabel(r.methodId)}</td>
              <td className="num">
                {formatIpc(r.perClass, r.factor)} ({r.perClass})
              </td>
              <td className="num">{r.epochs}</td>
              <td className="num">{r.seed}</td>
              <td>
                {BACKEND_LABELS[r.backend] ?? r.backend}
                <span className="muted"> · w{r.width}</span>
              </td>
              <td className="num">
                <strong>{formatPercent(r.testAccuracy)}</strong>
              </td>
              <td className="num">
                {formatSeconds(r.elapsedMs)}
                {r.estimatedMs !== null && (
                  <span className="muted"> ({formatSeconds(r.estimatedMs)})</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
