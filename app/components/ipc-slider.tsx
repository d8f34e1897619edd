// The target-size slider: every reachable n per class (1 … IPC_F·f²), labelled in IPC units n/f².
// Dragging previews the selection (the kept-images preview right under it); releasing it (pointer
// up, or each key press) commits, which starts a run when auto-train is on. Its accessible name is
// "Target size" alone; the value is spoken from aria-valuetext ("1 image per class (4 patches)").
import { useEffect, useId, useRef } from 'react';
import { formatIpc, plural, sizeText } from '../lib/format';
import { useApp } from '../store/context';
import { maxPerClass, sliderValue } from '../store/selectors';
import { KeptPreview } from './kept-preview';
import { Term } from './term';

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
      <div className="slider-label">
        <label htmlFor={id}>Target size</label>
        <span className="slider-value" data-testid="ipc-value">
          <strong>IPC {formatIpc(draft, f)}</strong>
          <span className="muted"> · {plural(draft, 'patch', 'patches')} per class</span>
        </span>
      </div>
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
        aria-valuetext={sizeText(draft, f)}
        onChange={(e) => setDraft(Number(e.target.value))}
      />
      <datalist id={`${id}-ticks`}>
        {ticks.map((t) => (
          <option key={t} value={t} label={String(t / f2)} />
        ))}
      </datalist>
      <div className="slider-scale muted" aria-hidden="true">
        <span>1 patch</span>
        <span>all {plural(view.manifest.ipc, 'image')} per class</span>
      </div>
      <p className="hint slider-terms">
        Sizes in <Term name="IPC" /> (images per class); each stored image is {f2}{' '}
        <Term name="patch">{f2 === 1 ? 'patch' : 'patches'}</Term> (<Term name="factor" /> {f}
        ).
      </p>
      <KeptPreview />
    </div>
  );
}
