// "As large as my device allows": the user gives a time budget and epochs; the app measures the
// real model's throughput on the active backend and picks the largest n per class that fits.
import { backendLabel, formatIpc, formatSeconds } from '../lib/format';
import { useApp } from '../store/context';
import { SettingField } from './setting-field';

export function BudgetPanel() {
  const budget = useApp((s) => s.budget);
  const settings = useApp((s) => s.settings);
  const factor = useApp((s) => s.view?.manifest.factor ?? 1);
  const ready = useApp((s) => s.load.status === 'ready');
  const run = useApp((s) => s.run);
  const fit = useApp((s) => s.fitToBudget);
  const t = budget.throughput;
  return (
    <div className="budget" data-testid="budget-panel">
      <div className="field-grid">
        <SettingField name="budgetSeconds" testId="budget-seconds" />
        <SettingField name="epochs" testId="budget-epochs" />
      </div>
      <button
        type="button"
        className="secondary wide"
        data-testid="budget-fit"
        disabled={!ready || budget.status === 'measuring'}
        onClick={() => void fit()}
      >
        {budget.status === 'measuring' ? 'Measuring throughput…' : 'As large as my device allows'}
      </button>
      {budget.status === 'error' && (
        <p className="field-error" role="alert">
          {budget.error}
        </p>
      )}
      {t && budget.perClass !== null && budget.estimatedMs !== null && (
        <div className="budget-result" data-testid="budget-result">
          <p>
            <strong>
              n = {budget.perClass} per class (IPC {formatIpc(budget.perClass, factor)})
            </strong>{' '}
            · about {formatSeconds(budget.estimatedMs)} for {settings.epochs} epochs
          </p>
          <p className="muted" data-testid="budget-basis">
            Basis: {Math.round(t.samplesPerSec)} training samples/s measured on{' '}
            {backendLabel(t.backend)} (width {t.width}, batch {t.batchSize}, {t.measuredSteps}{' '}
            warm-up steps)
            {t.evalSamplesPerSec ? `, ${Math.round(t.evalSamplesPerSec)} test images/s` : ''}.
            Limited by {budget.limitedBy}.
          </p>
        </div>
      )}
      {run.status === 'done' && run.result && run.estimatedMs !== null && (
        <p className="budget-compare" data-testid="budget-compare">
          Last run: estimated {formatSeconds(run.estimatedMs)}, actual{' '}
          {formatSeconds(run.result.elapsedMs)} (
          {Math.round((run.result.elapsedMs / run.estimatedMs) * 100)}% of the estimate).
        </p>
      )}
    </div>
  );
}
