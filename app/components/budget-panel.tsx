// "As large as my device allows": the user gives a time budget and epochs; the app takes this
// device's measured speed on the active backend (or measures it) and picks the largest n per class
// whose run, training and testing, fits (design.md §8; the arithmetic is engine budget.ts).
import { runWork } from '../../src/engine/budget';
import { runShape } from '../lib/budget-fit';
import { backendLabel, formatIpc, formatSeconds, plural } from '../lib/format';
import { useApp } from '../store/context';
import { SettingField } from './setting-field';

export function BudgetPanel() {
  const budget = useApp((s) => s.budget);
  const settings = useApp((s) => s.settings);
  const view = useApp((s) => s.view);
  const factor = view?.manifest.factor ?? 1;
  const ready = useApp((s) => s.load.status === 'ready');
  const run = useApp((s) => s.run);
  const fit = useApp((s) => s.fitToBudget);
  const t = budget.throughput;
  const work =
    view && budget.perClass !== null
      ? runWork(runShape(settings, budget.perClass, view.manifest.classes.length, view.testCount))
      : null;
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
        {budget.status === 'measuring' ? 'Measuring this device…' : 'As large as my device allows'}
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
          <p className="muted" data-testid="budget-limit">
            {budget.limitedBy}
          </p>
          <p className="muted" data-testid="budget-basis">
            Basis: measured on {backendLabel(t.backend)} at width {t.width}:{' '}
            {Math.round(t.samplesPerSec)} training samples/s in full batches of {t.batchSize} (
            {t.speed.stepMs.toFixed(0)} ms a step + {t.speed.sampleMs.toFixed(1)} ms a sample,{' '}
            {t.measuredSteps} timed steps), {Math.round(1000 / Math.max(t.speed.evalImageMs, 1e-6))}{' '}
            test images/s
            {work &&
              `; the run takes ${plural(work.steps, 'training step')} and tests ${work.evalImages.toLocaleString()} images`}
            .
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
