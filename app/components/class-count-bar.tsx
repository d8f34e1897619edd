// Kept samples per class for the current selection: one bar per class, filled to the share of the
// class's samples that is kept (n of its total, so the bars grow with the slider), and whether
// the selection is balanced.
import { useApp } from '../store/context';
import { classCountsOf } from '../store/selectors';

export function ClassCountBar() {
  const view = useApp((s) => s.view);
  const counts = useApp(classCountsOf);
  if (!view || !counts) return null;
  const total = view.samplesPerClass;
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
        {view.manifest.classes.map((name, c) => {
          const n = counts[c] ?? 0;
          return (
            <li key={c} title={`${name}: ${n} of ${total} kept`}>
              <span className="class-name">{name}</span>
              <span className="class-bar" aria-hidden="true">
                <span style={{ width: `${(Math.min(n, total) / Math.max(1, total)) * 100}%` }} />
              </span>
              <span className="class-count" data-testid="class-count" data-count={n}>
                {n}
                <span className="muted">/{total}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
