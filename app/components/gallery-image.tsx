// One stored condensed image with its f×f patches marked kept or pruned. The image is drawn once on
// its own canvas (NHWC, 1 or 3 channels; float32 pixels clamped to [0, 1]) and shown as an <img>: a live canvas element is
// re-produced by the compositor on every frame commit, which costs long main-thread tasks while a
// software GPU is busy training; a decoded image costs nothing after the first paint.
import { memo, useMemo } from 'react';
import type { StoredImages } from '../../src/engine/types';
import { imageToRgba } from '../lib/pixels';

export interface GalleryImageProps {
  readonly images: StoredImages;
  /** Stored-image index (class-major). */
  readonly index: number;
  readonly shape: readonly [number, number, number];
  readonly factor: number;
  /** One character per patch, row-major: '1' kept, '0' pruned. */
  readonly kept: string;
  readonly label: string;
}

/** PNG data URL of stored image `index`, drawn on a canvas of its own. */
function drawImage(images: StoredImages, index: number, h: number, w: number, c: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  ctx.putImageData(new ImageData(imageToRgba(images, index, h, w, c), w, h), 0, 0);
  return canvas.toDataURL('image/png');
}

export const GalleryImage = memo(function GalleryImage({
  images,
  index,
  shape,
  factor,
  kept,
  label,
}: GalleryImageProps) {
  const [h, w, c] = shape;
  const src = useMemo(() => drawImage(images, index, h, w, c), [images, index, h, w, c]);
  const patches = factor * factor;
  const keptCount = [...kept].filter((k) => k === '1').length;
  return (
    <figure
      className="gallery-image"
      aria-label={`${label}: ${keptCount} of ${patches} patches kept`}
    >
      <img src={src} width={w} height={h} alt="" data-testid="gallery-img" />
      <div className="patch-grid" style={{ gridTemplateColumns: `repeat(${factor}, 1fr)` }}>
        {[...kept].map((k, p) => (
          <span
            key={p}
            className={k === '1' ? 'patch kept' : 'patch pruned'}
            data-sample={index * patches + p}
            data-kept={k}
          />
        ))}
      </div>
    </figure>
  );
});
