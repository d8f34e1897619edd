// The run's accuracy in context, in the training card: beside it, the bundle's full condensed set
// and random choice at the same size, from its reference table for the run's label mode (hard
// labels: `referenceTable`, teacher labels: `teacherTable`; lib/accuracy-context.ts), with the
// protocol those were measured with. And a polite live region that announces the run's status and
// its final accuracy to screen readers (the charts and the progress bar say nothing aloud).
import { referenceTableFor } from '../../src/engine/bundle/manifest';
import { accuracyContext, type ReferenceCell } from '../lib/accuracy-context';
import { referenceProtocolText } from '../lib/compare-plan';
import { formatIpc, formatPercent } from '../lib/format';
import { labelsText } from '../lib/labels';
import { methodLabel } from '../lib/methods';
import { useApp } from '../store/context';
import { runLabels } from '../store/selectors';

const cellText = (c: ReferenceCell): string => `${c.mean.toFixed(1)}% ± ${c.std.toFixed(1)}`;

export function RunContext() {
  const view = useApp((s) => s.view);
  const run = useApp((s) => s.run);
  const perClass = useApp((s) => s.perClass);
  const nextLabels = useApp(runLabels);
  if (!view) return null;
  const m = view.manifest;
  const f = m.factor;
  // The run's size and labels once there is a run, else those a run would train on now.
  const started = run.status !== 'idle' ? run.params : null;
  const n = started ? started.perClass : perClass;
  const labels = started ? started.labels : nextLabels;
  const table = referenceTableFor(m, labels);
  const ipc = n / (f * f);
  const ipcText = `IPC ${formatIpc(n, f)}`;
  const ctx = accuracyContext(table, ipc);
  const mine =
    run.status === 'done' && run.result
      ? formatPercent(run.result.testAccuracy)
      : run.status === 'running'
        ? 'training…'
        : '–';
  const measured = ctx.measuredIpcs.length > 0 ? ctx.measuredIpcs.join(', ') : null;
  const fullText = ctx.full ? `Full condensed set: ${formatPercent(ctx.full.mean / 100)}.` : '';
  const randomText = ctx.random
    ? ` ${ctx.random.label} at ${ipcText}: ${formatPercent(ctx.random.cell.mean / 100)}.`
    : '';
  const announcement =
    run.status === 'running' && run.params
      ? `Training ${methodLabel(run.params.method)} at ${ipcText}, ${run.params.epochs} epochs, ${labelsText(run.params.labels)}.`
      : run.status === 'done' && run.result
        ? `Finished: test accuracy ${formatPercent(run.result.testAccuracy)}. ${fullText}${randomText}`
        : run.status === 'stopped'
          ? 'Training stopped.'
          : run.status === 'error'
            ? `Training failed: ${run.error ?? 'unknown error'}.`
            : '';
  return (
    <>
      <div className="accuracy-context" data-testid="accuracy-context">
        <dl>
          <div className="context-mine">
            <dt>This run ({ipcText})</dt>
            <dd>{mine}</dd>
          </div>
          <div>
            <dt>Full condensed set (IPC {m.ipc})</dt>
            <dd>{ctx.full ? cellText(ctx.full) : 'not measured'}</dd>
          </div>
          <div>
            <dt>
              {ctx.random ? ctx.random.label : 'Random, balanced'} at {ipcText}
            </dt>
            <dd>
              {ctx.random
                ? cellText(ctx.random.cell)
                : measured
                  ? `not measured (table: IPC ${measured})`
                  : 'not measured'}
            </dd>
          </div>
        </dl>
        {table ? (
          <p className="muted context-protocol" data-testid="context-protocol">
            References from this bundle&apos;s table for {labelsText(labels)} (
            {referenceProtocolText(table)}, mean ± std over seeds)
            {run.params
              ? `; this run: ${run.params.epochs} epochs, width ${run.params.width}, ${labelsText(run.params.labels)}`
              : ''}
            .
          </p>
        ) : (
          labels === 'teacher' && (
            <p className="muted context-protocol" data-testid="context-protocol">
              This bundle has no reference figures for teacher labels
              {run.params
                ? `; this run: ${run.params.epochs} epochs, width ${run.params.width}, ${labelsText(run.params.labels)}`
                : ''}
              .
            </p>
          )
        )}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="run-announcer">
        {announcement}
      </p>
    </>
  );
}
