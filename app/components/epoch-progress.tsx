// Progress of the current run: a bar with epoch, samples/s and ETA; the latest test accuracy; and,
// when the run ends, estimated vs actual time (the estimate made before it started, design.md §8).
import { useEffect, useState } from 'react';
import { formatPercent, formatSeconds } from '../lib/format';
import { finalTestEtaMs, runProgress } from '../lib/run-progress';
import { useApp } from '../store/context';
import { ProgressBar } from './progress-bar';

const STATUS_TEXT = {
  idle: 'Not started',
  running: 'Training',
  done: 'Finished',
  stopped: 'Stopped',
  error: 'Failed',
} as const;

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

export function EpochProgress() {
  const run = useApp((s) => s.run);
  const epochs = run.params?.epochs ?? 0;
  const running = run.status === 'running';
  const now = useNow(running);
  const elapsed = run.result
    ? run.result.elapsedMs
    : running
      ? Math.max(0, now - run.startedAt)
      : (run.progress?.elapsedMs ?? 0);
  const view = runProgress(epochs, run.reports, run.progress, elapsed);
  const lastTest = [...run.reports]
    .reverse()
    .find((r) => r.testAccuracy !== undefined)?.testAccuracy;
  const testAcc = run.result?.testAccuracy ?? lastTest;
  // After the last epoch, a separate pass over all the test images: its own count and ETA.
  const final = running ? run.finalTest : null;
  const finalEta = final ? finalTestEtaMs(final.done, final.total, now - final.startedAt) : null;
  return (
    <div className="epoch-progress" data-status={run.status}>
      <div className="run-head">
        <span className={`status status-${run.status}`} data-testid="run-status">
          {STATUS_TEXT[run.status]}
        </span>
        <span className="test-accuracy">
          <span className="muted">test accuracy </span>
          <strong data-testid="test-accuracy">
            {testAcc === undefined ? '–' : formatPercent(testAcc)}
          </strong>
        </span>
      </div>
      <ProgressBar
        fraction={run.status === 'idle' ? 0 : view.fraction}
        label="Training progress"
        testId="epoch-progress"
      />
      <p className="run-meta muted" data-testid="run-meta">
        {run.status === 'idle' ? (
          'Release the slider or press Train.'
        ) : final ? (
          <>
            testing on all {final.total.toLocaleString('en-US')} test images:{' '}
            {final.done.toLocaleString('en-US')} done
            {finalEta !== null && ` · ETA ${formatSeconds(finalEta)}`}
            {` · ${formatSeconds(elapsed)} elapsed`}
          </>
        ) : (
          <>
            epoch {Math.min(view.epoch, epochs)}/{epochs}
            {view.samplesPerSec !== null && ` · ${Math.round(view.samplesPerSec)} samples/s`}
            {running && view.etaMs !== null && ` · ETA ${formatSeconds(view.etaMs)}`}
            {` · ${formatSeconds(elapsed)} elapsed`}
          </>
        )}
      </p>
      {run.status === 'done' && run.result && (
        <p className="run-summary" data-testid="run-summary">
          {run.estimatedMs !== null
            ? `Estimated ${formatSeconds(run.estimatedMs)} · actual ${formatSeconds(run.result.elapsedMs)} on ${run.result.backend} ` +
              `(${Math.round((run.result.elapsedMs / run.estimatedMs) * 100)}% of the estimate)`
            : `Took ${formatSeconds(run.result.elapsedMs)} on ${run.result.backend}`}
        </p>
      )}
      {run.status === 'error' && (
        <p className="field-error" role="alert" data-testid="run-error">
          {run.error}
        </p>
      )}
    </div>
  );
}
