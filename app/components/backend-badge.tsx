// Shows the compute backend in use (for wasm, with its thread count) and why it was chosen: by
// default the fastest measured on this device, never a software GPU adapter (design.md §8; the
// details list what each backend measured). The user can force any backend, or go back to Auto.
import { BACKEND_ORDER, type BackendName } from '../../src/engine/types';
import { choiceDetails, choiceReason } from '../lib/backend-choice';
import { BACKEND_LABELS, backendLabel } from '../lib/format';
import { useApp } from '../store/context';

const AUTO = 'auto';

export function BackendBadge() {
  const backend = useApp((s) => s.backend);
  const busy = useApp((s) => s.backendBusy);
  const choosing = useApp((s) => s.budget.choosing);
  const choice = useApp((s) => s.budget.choice);
  const forced = useApp((s) => s.settings.backend);
  const isolated = useApp((s) => s.isolated);
  const threads = useApp((s) => s.wasmThreads);
  const switchBackend = useApp((s) => s.switchBackend);
  const chooseAutomatically = useApp((s) => s.chooseAutomatically);
  const update = useApp((s) => s.updateSettings);
  const text = backend ? backendLabel(backend) : busy ? 'starting…' : 'no backend';
  const threadsText =
    threads === null ? '' : threads === 1 ? ' · 1 thread' : ` · ${threads} threads`;
  const reason = choosing
    ? forced === null
      ? 'measuring each backend…'
      : 'measuring…'
    : choice && choice.backend === backend
      ? choiceReason(choice)
      : null;
  const pick = (value: string): void => {
    if (value === AUTO) chooseAutomatically();
    else if (value === backend) update({ backend: value as BackendName });
    else void switchBackend(value as BackendName);
  };
  return (
    <div className="backend">
      <div className="backend-row">
        <span
          className={`badge badge-${backend ?? 'none'}`}
          data-testid="backend-badge"
          data-backend={backend ?? ''}
          data-threads={threads ?? ''}
          title={
            isolated === null
              ? undefined
              : isolated
                ? 'Cross-origin isolated: threaded wasm available'
                : 'Not cross-origin isolated: wasm runs single-threaded'
          }
        >
          <span className="badge-dot" aria-hidden="true" />
          {text}
          {threadsText}
        </span>
        <label className="visually-hidden" htmlFor="backend-select">
          Compute backend
        </label>
        <select
          id="backend-select"
          data-testid="backend-select"
          value={forced ?? AUTO}
          disabled={busy}
          onChange={(e) => pick(e.target.value)}
        >
          <option value={AUTO}>Auto (fastest here)</option>
          {BACKEND_ORDER.map((b) => (
            <option key={b} value={b}>
              {BACKEND_LABELS[b]}
            </option>
          ))}
        </select>
      </div>
      {reason && (
        <span
          className="backend-reason"
          data-testid="backend-reason"
          title={choiceDetails(choice).join('\n') || undefined}
        >
          — {reason}
        </span>
      )}
    </div>
  );
}
