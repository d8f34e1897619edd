// One stored condensed image with its f×f patches marked kept or pruned (the image itself is a
// shared data URL, lib/image-url.ts). Each patch is a focusable grid cell of the gallery's
// keyboard grid (gallery-grid.tsx): only the active one is in the tab order, the arrow keys move.
// `storedImageProps` gives any picture of a stored image (this one, the kept preview's thumbnails)
// its pixels and its patches' kept flags from the selection's mask.
import { memo } from 'react';
import type { BundleView } from '../../src/engine/api';
import type { StoredImages } from '../../src/engine/types';
import { storedImageUrl } from '../lib/image-url';

/** One stored image with its patches' kept flags: what the gallery and the kept preview draw. */
export interface StoredImageProps {
  readonly images: StoredImages;
  /** Stored-image index (class-major). */
  readonly index: number;
  readonly shape: readonly [number, number, number];
  readonly factor: number;
  /** One character per patch, row-major: '1' kept, '0' pruned. */
  readonly kept: string;
}

/** Stored image `index` of `view` under the selection's kept mask (none: every patch pruned). */
export function storedImageProps(
  view: BundleView,
  index: number,
  mask: Uint8Array | undefined,
): StoredImageProps {
  const { factor, imageShape } = view.manifest;
  const patches = factor * factor;
  let kept = '';
  for (let p = 0; p < patches; p++) kept += mask?.[index * patches + p] ? '1' : '0';
  return { images: view.images, index, shape: imageShape, factor, kept };
}

export interface GalleryImageProps extends StoredImageProps {
  readonly label: string;
  /** The patch (0 … f²−1) that holds the gallery's tab stop, or null when another image has it. */
  readonly activePatch: number | null;
}

export const GalleryImage = memo(function GalleryImage({
  images,
  index,
  shape,
  factor,
  kept,
  label,
  activePatch,
}: GalleryImageProps) {
  const [h, w, c] = shape;
  const src = storedImageUrl(images, index, h, w, c);
  const patches = factor * factor;
  const keptCount = [...kept].filter((k) => k === '1').length;
  return (
    <figure
      className="gallery-image"
      aria-label={`${label}: ${keptCount} of ${patches} patch${patches === 1 ? '' : 'es'} kept`}
    >
      <img src={src} width={w} height={h} alt="" data-testid="gallery-img" />
      <div className="patch-grid" style={{ gridTemplateColumns: `repeat(${factor}, 1fr)` }}>
        {[...kept].map((k, p) => (
          <span
            key={p}
            className={k === '1' ? 'patch kept' : 'patch pruned'}
            data-sample={index * patches + p}
            data-kept={k}
            role="button"
            tabIndex={p === activePatch ? 0 : -1}
            aria-label={`${label}, patch ${Math.floor(p / factor) + 1},${(p % factor) + 1}, ${k === '1' ? 'kept' : 'pruned'}`}
          />
        ))}
      </div>
    </figure>
  );
});
