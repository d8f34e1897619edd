// The target-size slider: every reachable n per class (1 … IPC_F·f²), labelled in IPC units n/f².
// Dragging previews the selection; releasing it (pointer up, or each key press) commits, which
// starts a run when auto-train is on.
import { useEffect, useId, useRef } from 'react';
import { formatIpc } from '../lib/format';
import { useApp } from '../store/context';
import { maxPerClass, sliderValue } from '../store/selectors';

export function IpcSlider() {
  const view = useApp((s) => s.view);
  const max = useApp(maxPerClass);
  const draft = useApp(sliderValue);
  const setDraft = useApp((s) => s.setDraftPerClass);
  const commit = useApp((s) => s.commitPerClass);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  // React's onChange is the DOM 'input' event; the DOM 'change' event fires on release.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const onCommit = (): void => commit(Number(el.value));
    el.addEventListener('change', onCommit);
    return () => el.removeEventListener('change', onCommit);
  }, [commit, view]);

  if (!view) return null;
  const f = view.manifest.factor;
  const f2 = f * f;
  const ticks = Array.from({ length: view.manifest.ipc }, (_, i) => (i + 1) * f2);
  return (
    <div className="ipc-slider">
      <label htmlFor={id} className="slider-label">
        <span>Target size</span>
        <span className="slider-value" data-testid="ipc-value">
          <strong>IPC {formatIpc(draft, f)}</strong>
          <span className="muted"> · n = {draft} per class</span>
        </span>
      </label>
      <input
        ref={input}
        id={id}
        type="range"
        min={1}
        max={max}
        step={1}
        value={draft}
        list={`${id}-ticks`}
        data-testid="ipc-slider"
        aria-valuetext={`${draft} samples per class, IPC ${formatIpc(draft, f)}`}
        onChange={(e) => setDraft(Number(e.target.value))}
      />
      <datalist id={`${id}-ticks`}>
        {ticks.map((t) => (
          <option key={t} value={t} label={String(t / f2)} />
        ))}
      </datalist>
      <div className="slider-scale muted" aria-hidden="true">
        <span>1 patch (IPC {formatIpc(1, f)})</span>
        <span>
          IPC<sub>F</sub> = {view.manifest.ipc} ({max})
        </span>
      </div>
    </div>
  );
}
