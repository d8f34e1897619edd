// Details of the patch under the pointer, last tapped or focused: class, stored image, patch and
// its scores.
import { SCORE_NAMES } from '../../src/engine/types';
import { sampleLocation } from '../lib/selection-stats';
import { useApp } from '../store/context';
import { keptMaskOf } from '../store/selectors';

export function PatchInfo({ sample }: { readonly sample: number | null }) {
  const view = useApp((s) => s.view);
  const mask = useApp(keptMaskOf);
  if (!view) return null;
  if (
    sample === null ||
    !Number.isInteger(sample) ||
    sample < 0 ||
    sample >= view.scores.lbpe.length
  ) {
    return (
      <p className="patch-info muted" data-testid="patch-info">
        Hover over or tap a patch, or Tab into the gallery and use the arrow keys, to see its LBPE
        score. Dimmed patches are pruned.
      </p>
    );
  }
  const m = view.manifest;
  const loc = sampleLocation(sample, m.ipc, m.factor);
  const kept = mask?.[sample] === 1;
  return (
    <p className="patch-info" data-testid="patch-info" aria-live="polite">
      <span className={kept ? 'pill pill-kept' : 'pill pill-pruned'}>
        {kept ? 'kept' : 'pruned'}
      </span>{' '}
      <strong>LBPE {view.scores.lbpe[sample]!.toFixed(3)}</strong>
      <span className="muted">
        {' '}
        · sample {sample} · {m.classes[loc.cls]} · image {loc.image + 1} · patch {loc.row + 1},
        {loc.col + 1}
      </span>
      <span className="muted score-extra">
        {' '}
        ·{' '}
        {SCORE_NAMES.filter((n) => n !== 'lbpe')
          .map((n) => `${n} ${Number(view.scores[n][sample]!.toPrecision(3))}`)
          .join(' · ')}
      </span>
    </p>
  );
}
