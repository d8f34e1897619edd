// The gallery card: the image grid plus a one-line readout of the focused patch.
import { useState } from 'react';
import { useApp } from '../store/context';
import { GalleryGrid } from './GalleryGrid';
import { PatchInfo } from './PatchInfo';

export function GalleryPanel() {
  const [sample, setSample] = useState<number | null>(null);
  const view = useApp((s) => s.view);
  const kept = useApp((s) => s.selection?.indices.length ?? 0);
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
      <PatchInfo sample={sample} />
      <GalleryGrid onFocusSample={setSample} />
    </section>
  );
}
