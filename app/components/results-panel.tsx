// Stored results: the accuracy-vs-IPC chart, the table (a row opens that run's per-class results),
// CSV/JSON export and clearing with confirmation.
import { useState } from 'react';
import { downloadText, recordsToCsv, recordsToJson } from '../lib/export-results';
import { useApp } from '../store/context';
import { bundleId as bundleIdOf } from '../store/selectors';
import { AccuracyChart } from './accuracy-chart';
import { ResultsTable } from './results-table';
import { RunDetails } from './run-details';

export function ResultsPanel() {
  const results = useApp((s) => s.results);
  const bundleId = useApp(bundleIdOf);
  const viewIpc = useApp((s) => s.view?.manifest.ipc ?? 0);
  const clear = useApp((s) => s.clearResults);
  const [confirming, setConfirming] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const { records } = results;
  const opened = records.find((r) => r.id === openId);
  const maxIpc = Math.max(
    1,
    viewIpc,
    ...records
      .filter((r) => bundleId === null || r.bundleId === bundleId)
      .map((r) => r.perClass / (r.factor * r.factor)),
  );
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return (
    <section className="card card-results" aria-labelledby="results-title">
      <div className="card-head">
        <h2 id="results-title">Results</h2>
        <span className="muted" data-testid="results-count">
          {records.length} run{records.length === 1 ? '' : 's'} saved in this browser
        </span>
      </div>
      {results.skipped > 0 && (
        <p className="notice notice-warn" data-testid="results-skipped">
          {results.skipped} stored record{results.skipped === 1 ? ' was' : 's were'} unreadable and
          skipped.
        </p>
      )}
      {results.error && (
        <p className="notice notice-error" data-testid="results-error">
          Stored runs could not be read: {results.error}
        </p>
      )}
      <AccuracyChart records={records} bundleId={bundleId} maxIpc={maxIpc} />
      <ResultsTable records={records} selectedId={opened?.id ?? null} onSelect={setOpenId} />
      {opened ? (
        <RunDetails record={opened} onClose={() => setOpenId(null)} />
      ) : (
        records.length > 0 && (
          <p className="hint">Open a run to see its accuracy per class and confusion matrix.</p>
        )
      )}
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          data-testid="export-csv"
          disabled={records.length === 0}
          onClick={() => downloadText(`yoco-runs-${stamp}.csv`, recordsToCsv(records), 'text/csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="export-json"
          disabled={records.length === 0}
          onClick={() =>
            downloadText(`yoco-runs-${stamp}.json`, recordsToJson(records), 'application/json')
          }
        >
          Export JSON
        </button>
        {!confirming ? (
          <button
            type="button"
            className="danger-outline"
            data-testid="clear-results"
            disabled={records.length === 0}
            onClick={() => setConfirming(true)}
          >
            Clear history…
          </button>
        ) : (
          <span className="confirm" role="group" aria-label="Confirm clearing">
            <span>Delete all {records.length} runs?</span>
            <button
              type="button"
              className="danger"
              data-testid="confirm-clear"
              autoFocus
              onClick={() => {
                setConfirming(false);
                void clear();
              }}
            >
              Delete
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        )}
      </div>
    </section>
  );
}
