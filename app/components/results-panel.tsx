// Stored results: the accuracy-vs-IPC chart and the table of runs (a row opens that run's per-class
// results), both scoped to the open dataset so that they always agree (runs on other datasets stay
// stored and exported, and a line says how many); the bundle's reference table for the current
// label mode, in view; CSV/JSON export of every run and clearing with confirmation.
import { useState } from 'react';
import { referenceTableFor } from '../../src/engine/bundle/manifest';
import { downloadText, recordsToCsv, recordsToJson } from '../lib/export-results';
import { labelsText } from '../lib/labels';
import { useApp } from '../store/context';
import { bundleId as bundleIdOf, runLabels } from '../store/selectors';
import { AccuracyChart } from './accuracy-chart';
import { ReferenceTable } from './reference-table';
import { ResultsTable } from './results-table';
import { RunDetails } from './run-details';

export function ResultsPanel() {
  const results = useApp((s) => s.results);
  const bundleId = useApp(bundleIdOf);
  const manifest = useApp((s) => s.view?.manifest ?? null);
  const perClass = useApp((s) => s.perClass);
  const labels = useApp(runLabels);
  const table = manifest ? referenceTableFor(manifest, labels) : undefined;
  const viewIpc = manifest?.ipc ?? 0;
  const clear = useApp((s) => s.clearResults);
  const [confirming, setConfirming] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const { records } = results;
  /** The open dataset's runs (every run while none is open). */
  const shown = records.filter((r) => bundleId === null || r.bundleId === bundleId);
  const elsewhere = records.length - shown.length;
  const opened = shown.find((r) => r.id === openId);
  const maxIpc = Math.max(1, viewIpc, ...shown.map((r) => r.perClass / (r.factor * r.factor)));
  const f2 = manifest ? manifest.factor * manifest.factor : 1;
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
      {manifest && (
        <p className="muted results-scope" data-testid="results-scope">
          Runs on {manifest.title}
          {elsewhere > 0 &&
            ` · ${elsewhere} more on other datasets (open one to see them; the exports hold all)`}
        </p>
      )}
      <AccuracyChart
        records={shown}
        bundleId={bundleId}
        maxIpc={maxIpc}
        table={table}
        labels={labels}
        fullIpc={manifest?.ipc ?? null}
      />
      <ResultsTable records={shown} selectedId={opened?.id ?? null} onSelect={setOpenId} />
      {opened ? (
        <RunDetails record={opened} onClose={() => setOpenId(null)} />
      ) : (
        shown.length > 0 && (
          <p className="hint">Open a run to see its accuracy per class and confusion matrix.</p>
        )
      )}
      {manifest && (
        <div className="reference-section" data-testid="reference-section">
          <h3>Reference accuracies, {labelsText(labels)}</h3>
          <ReferenceTable
            table={table}
            fullIpc={manifest.ipc}
            currentIpc={perClass / f2}
            empty={
              labels === 'teacher'
                ? 'This bundle has no reference table for teacher labels.'
                : undefined
            }
          />
        </div>
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
            <span>
              {records.length === 1 ? 'Delete the one run?' : `Delete all ${records.length} runs?`}
            </span>
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
