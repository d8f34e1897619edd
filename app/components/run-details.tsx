// A stored run opened from the results history: what it was, and its per-class accuracy and
// confusion matrix (runs stored before per-class results were kept say so instead).
import { formatIpc, formatPercent } from '../lib/format';
import { labelsText } from '../lib/labels';
import { methodLabel } from '../lib/methods';
import type { RunRecord } from '../lib/records';
import { ClassResultsView } from './class-results-view';

export function RunDetails({
  record,
  onClose,
}: {
  readonly record: RunRecord;
  readonly onClose: () => void;
}) {
  return (
    <div className="run-details" data-testid="run-details">
      <div className="run-details-head">
        <h3>
          {methodLabel(record.method)} · IPC {formatIpc(record.perClass, record.factor)} ·{' '}
          {formatPercent(record.testAccuracy)}
        </h3>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">
        {record.bundleId} · {record.testCount.toLocaleString()} test images · seed {record.seed} ·{' '}
        <span data-testid="run-details-labels">{labelsText(record.labels)}</span>
      </p>
      {record.classResults ? (
        <ClassResultsView results={record.classResults} testId="history-class-results" />
      ) : (
        <p className="muted" data-testid="no-class-results">
          This run was stored before per-class results were kept.
        </p>
      )}
    </div>
  );
}
