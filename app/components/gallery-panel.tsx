// The gallery card: the image grid plus a one-line readout of the focused patch. For float32
// bundles a "details" line says the pixels are shown clamped to [0, 1] and how many values lie
// outside: true, and worth knowing, but not what a first look needs.
import { useMemo, useState } from 'react';
import { floatPixelStats } from '../../src/engine/bundle/pixel-stats';
import { formatPercent } from '../lib/format';
import { useApp } from '../store/context';
import { GalleryGrid } from './gallery-grid';
import { PatchInfo } from './patch-info';

export function GalleryPanel() {
  const [sample, setSample] = useState<number | null>(null);
  const view = useApp((s) => s.view);
  const kept = useApp((s) => s.selection?.indices.length ?? 0);
  const images = view?.images;
  const stats = useMemo(
    () => (images instanceof Float32Array ? floatPixelStats(images) : null),
    [images],
  );
  if (!view) return null;
  const total = view.samplesPerClass * view.manifest.classes.length;
  return (
    <section className="card card-gallery" aria-labelledby="gallery-title">
      <div className="card-head">
        <h2 id="gallery-title">Condensed images</h2>
        <span className="muted" data-testid="kept-total">
          {kept} of {total} patches kept
        </span>
      </div>
      {stats && (
        <details className="gallery-details">
          <summary>About these pixels</summary>
          <p className="muted gallery-note" data-testid="gallery-dtype-note">
            float32 pixels, shown clamped to [0, 1] ·{' '}
            {formatPercent(stats.outsideFraction, stats.outsideFraction < 0.01 ? 2 : 1)} of values
            lie outside
          </p>
        </details>
      )}
      <PatchInfo sample={sample} />
      <GalleryGrid onFocusSample={setSample} />
    </section>
  );
}
