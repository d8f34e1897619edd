// Every stored condensed image, grouped by class, with kept/pruned patches for the current selection.
// Hover, tap or keyboard focus on a patch reports its sample index (event delegation: one listener
// for all patches). From the keyboard the gallery is one tab stop: the arrow keys move between
// patches (left/right by one, up/down by one stored image), Home and End to the first and last.
import { memo, useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { useApp } from '../store/context';
import { classCountsOf, keptMaskOf } from '../store/selectors';
import { GalleryImage, storedImageProps } from './gallery-image';

export interface GalleryGridProps {
  readonly onFocusSample: (index: number | null) => void;
}

function sampleFromEvent(target: EventTarget | null): number | null {
  const el = target instanceof HTMLElement ? target.closest<HTMLElement>('[data-sample]') : null;
  return el ? Number(el.dataset.sample) : null;
}

/** The sample a key moves to from `from`, or null for keys that do not move. */
function nextSample(key: string, from: number, patches: number, total: number): number | null {
  const step: Record<string, number> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: patches,
    ArrowUp: -patches,
  };
  if (key === 'Home') return 0;
  if (key === 'End') return total - 1;
  const d = step[key];
  return d === undefined ? null : Math.min(total - 1, Math.max(0, from + d));
}

export const GalleryGrid = memo(function GalleryGrid({ onFocusSample }: GalleryGridProps) {
  const view = useApp((s) => s.view);
  const mask = useApp(keptMaskOf);
  const counts = useApp(classCountsOf);
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const onPointer = useCallback(
    (e: React.PointerEvent | React.MouseEvent | React.FocusEvent) => {
      const sample = sampleFromEvent(e.target);
      if (sample !== null) onFocusSample(sample);
    },
    [onFocusSample],
  );
  if (!view) return null;
  const m = view.manifest;
  const patches = m.factor * m.factor;
  const total = view.samplesPerClass * m.classes.length;
  const current = Math.min(active, total - 1);
  const onKeyDown = (e: KeyboardEvent): void => {
    const from = sampleFromEvent(e.target);
    if (from === null) return;
    const to = nextSample(e.key, from, patches, total);
    if (to === null) return;
    e.preventDefault();
    setActive(to);
    root.current?.querySelector<HTMLElement>(`[data-sample="${to}"]`)?.focus();
  };
  return (
    <div
      ref={root}
      className="gallery"
      data-testid="gallery"
      onPointerOver={onPointer}
      onClick={onPointer}
      onFocus={(e) => {
        const sample = sampleFromEvent(e.target);
        if (sample !== null) setActive(sample);
        onPointer(e);
      }}
      onKeyDown={onKeyDown}
    >
      {m.classes.map((name, c) => (
        <section key={c} className="gallery-class" aria-label={`Class ${name}`}>
          <h3>
            {name}
            <span className="muted" data-testid="gallery-class-count">
              {counts?.[c] ?? 0}/{view.samplesPerClass} kept
            </span>
          </h3>
          <div className="gallery-row">
            {Array.from({ length: m.ipc }, (_, j) => {
              const index = c * m.ipc + j;
              const first = index * patches;
              return (
                <GalleryImage
                  key={index}
                  {...storedImageProps(view, index, mask)}
                  label={`${name} image ${j + 1}`}
                  activePatch={
                    current >= first && current < first + patches ? current - first : null
                  }
                />
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
});
