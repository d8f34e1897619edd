// The run's accuracy in context, in the training card: beside it, the bundle's full condensed set
// and random choice at the same size, from its reference table (lib/accuracy-context.ts), with the
// protocol those were measured with. And a polite live region that announces the run's status and
// its final accuracy to screen readers (the charts and the progress bar say nothing aloud).
import { accuracyContext, type ReferenceCell } from '../lib/accuracy-context';
import { referenceProtocolText } from '../lib/compare-plan';
import { formatIpc, formatPercent } from '../lib/format';
import { methodLabel } from '../lib/methods';
import { useApp } from '../store/context';

const cellText = (c: ReferenceCell): string => `${c.mean.toFixed(1)}% ± ${c.std.toFixed(1)}`;

export function RunContext() {
  const view = useApp((s) => s.view);
  const run = useApp((s) => s.run);
  const perClass = useApp((s) => s.perClass);
  if (!view) return null;
  const m = view.manifest;
  const table = m.referenceTable;
  const f = m.factor;
  // The run's size once there is a run, else the size a run would train on now.
  const n = run.status !== 'idle' && run.params ? run.params.perClass : perClass;
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
      ? `Training ${methodLabel(run.params.method)} at ${ipcText}, ${run.params.epochs} epochs.`
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
        {table && (
          <p className="muted context-protocol">
            References from this bundle&apos;s table ({referenceProtocolText(table)}, mean ± std
            over seeds)
            {run.params ? `; this run: ${run.params.epochs} epochs, width ${run.params.width}` : ''}
            .
          </p>
        )}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="run-announcer">
        {announcement}
      </p>
    </>
  );
}
