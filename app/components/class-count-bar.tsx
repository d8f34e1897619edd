// Kept samples per class for the current selection, as horizontal bars; says whether it is balanced.
import { useApp } from '../store/context';
import { classCountsOf } from '../store/selectors';

export function ClassCountBar() {
  const view = useApp((s) => s.view);
  const counts = useApp(classCountsOf);
  if (!view || !counts) return null;
  const max = Math.max(1, ...counts);
  const balanced = counts.every((c) => c === counts[0]);
  return (
    <div
      className="class-counts"
      data-testid="class-counts"
      data-balanced={balanced ? 'true' : 'false'}
    >
      <div className="class-counts-head">
        <span>Kept per class</span>
        <span className={balanced ? 'pill pill-kept' : 'pill pill-warn'}>
          {balanced ? 'balanced' : 'imbalanced'}
        </span>
      </div>
      <ul>
        {view.manifest.classes.map((name, c) => (
          <li key={c} title={`${name}: ${counts[c]} samples`}>
            <span className="class-name">{name}</span>
            <span className="class-bar">
              <span style={{ width: `${((counts[c] ?? 0) / max) * 100}%` }} />
            </span>
            <span className="class-count" data-testid="class-count" data-count={counts[c]}>
              {counts[c]}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
