// A compact picture of what the slider keeps, right under it: the first stored images of each
// class, small, with their pruned patches dimmed, so that dragging the slider shows its effect on
// the first screen of a phone (the full gallery, with scores, is further down the page).
import { memo } from 'react';
import { storedImageUrl } from '../lib/image-url';
import { useApp } from '../store/context';
import { keptMaskOf, sliderValue } from '../store/selectors';
import { storedImageProps, type StoredImageProps } from './gallery-image';

/** At most this many classes (rows) and stored images per class (columns) in the preview. */
const MAX_ROWS = 10;
const MAX_COLUMNS = 10;

const Thumb = memo(function Thumb({ images, index, shape, factor, kept }: StoredImageProps) {
  const [h, w, c] = shape;
  return (
    <span className="kept-thumb">
      <img src={storedImageUrl(images, index, h, w, c)} alt="" width={w} height={h} />
      <span
        className="kept-thumb-patches"
        style={{ gridTemplateColumns: `repeat(${factor}, 1fr)` }}
      >
        {[...kept].map((k, p) => (
          <span key={p} className={k === '1' ? 'kept' : 'pruned'} />
        ))}
      </span>
    </span>
  );
});

export function KeptPreview() {
  const view = useApp((s) => s.view);
  const mask = useApp(keptMaskOf);
  const perClass = useApp(sliderValue);
  if (!view) return null;
  const m = view.manifest;
  const rows = Math.min(MAX_ROWS, m.classes.length);
  const columns = Math.min(MAX_COLUMNS, m.ipc);
  const partial = rows < m.classes.length || columns < m.ipc;
  return (
    <figure className="kept-preview" data-testid="kept-preview">
      <div
        className="kept-preview-grid"
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 24px))` }}
        role="img"
        aria-label={`Kept patches: ${perClass} of ${view.samplesPerClass} per class; pruned patches dimmed`}
      >
        {Array.from({ length: rows }, (_, c) =>
          Array.from({ length: columns }, (_, j) => {
            const index = c * m.ipc + j;
            return <Thumb key={index} {...storedImageProps(view, index, mask)} />;
          }),
        )}
      </div>
      <figcaption className="muted">
        {partial
          ? `First ${columns} images of ${rows} classes: kept patches bright, pruned dimmed.`
          : 'One class per row: kept patches bright, pruned dimmed.'}
      </figcaption>
    </figure>
  );
}
