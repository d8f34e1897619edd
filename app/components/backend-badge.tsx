// Shows the compute backend in use (for wasm, with its thread count) and lets the user switch
// (WebGPU, wasm, WebGL, cpu).
import { BACKEND_ORDER, type BackendName } from '../../src/engine/types';
import { BACKEND_LABELS, backendLabel } from '../lib/format';
import { useApp } from '../store/context';

export function BackendBadge() {
  const backend = useApp((s) => s.backend);
  const busy = useApp((s) => s.backendBusy);
  const isolated = useApp((s) => s.isolated);
  const threads = useApp((s) => s.wasmThreads);
  const switchBackend = useApp((s) => s.switchBackend);
  const text = backend ? backendLabel(backend) : busy ? 'starting…' : 'no backend';
  const threadsText =
    threads === null ? '' : threads === 1 ? ' · 1 thread' : ` · ${threads} threads`;
  return (
    <div className="backend">
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
        value={backend ?? ''}
        disabled={busy}
        onChange={(e) => void switchBackend(e.target.value as BackendName)}
      >
        {backend === null && <option value="">–</option>}
        {BACKEND_ORDER.map((b) => (
          <option key={b} value={b}>
            {BACKEND_LABELS[b]}
          </option>
        ))}
      </select>
    </div>
  );
}
