// Every stored condensed image, grouped by class, with kept/pruned patches for the current selection.
// Hover or tap on a patch reports its sample index (event delegation: one listener for all patches).
import { memo, useCallback } from 'react';
import { useApp } from '../store/context';
import { classCountsOf, keptMaskOf } from '../store/selectors';
import { GalleryImage } from './gallery-image';

export interface GalleryGridProps {
  readonly onFocusSample: (index: number | null) => void;
}

function sampleFromEvent(target: EventTarget | null): number | null {
  const el = target instanceof HTMLElement ? target.closest<HTMLElement>('[data-sample]') : null;
  return el ? Number(el.dataset.sample) : null;
}

export const GalleryGrid = memo(function GalleryGrid({ onFocusSample }: GalleryGridProps) {
  const view = useApp((s) => s.view);
  const mask = useApp(keptMaskOf);
  const counts = useApp(classCountsOf);
  const onPointer = useCallback(
    (e: React.PointerEvent | React.MouseEvent) => {
      const sample = sampleFromEvent(e.target);
      if (sample !== null) onFocusSample(sample);
    },
    [onFocusSample],
  );
  if (!view) return null;
  const m = view.manifest;
  const patches = m.factor * m.factor;
  const keptString = (image: number): string => {
    let s = '';
    for (let p = 0; p < patches; p++) s += mask?.[image * patches + p] ? '1' : '0';
    return s;
  };
  return (
    <div className="gallery" data-testid="gallery" onPointerOver={onPointer} onClick={onPointer}>
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
              return (
                <GalleryImage
                  key={index}
                  images={view.images}
                  index={index}
                  shape={m.imageShape}
                  factor={m.factor}
                  kept={keptString(index)}
                  label={`${name} image ${j + 1}`}
                />
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
});
