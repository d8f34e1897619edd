// Which condensed dataset is open: a select over every bundle in datasets/index.json (by title),
// with the chosen one's description — how it was condensed — in one line under it. Picking one
// loads it and writes it to the `bundle` URL parameter. A bundle opened by URL that the index does
// not list (a folder path) shows as an extra option, so the select always tells the truth.
import { useId } from 'react';
import { useApp } from '../store/context';

export function DatasetPicker() {
  const datasets = useApp((s) => s.datasets);
  const current = useApp((s) => s.load.bundle);
  const chooseBundle = useApp((s) => s.chooseBundle);
  const id = useId();
  if (!datasets) return null;
  const listed = datasets.bundles.some((b) => b.id === current);
  const entry = datasets.bundles.find((b) => b.id === current);
  return (
    <div className="dataset-picker">
      <div className="dataset-picker-row">
        <label htmlFor={id}>Dataset</label>
        <select
          id={id}
          data-testid="dataset-select"
          value={current ?? ''}
          onChange={(e) => void chooseBundle(e.target.value)}
        >
          {current === null && <option value="">–</option>}
          {current !== null && !listed && <option value={current}>{current} (from the URL)</option>}
          {datasets.bundles.map((b) => (
            <option key={b.id} value={b.id}>
              {b.title}
            </option>
          ))}
        </select>
      </div>
      {entry?.description && (
        <p className="dataset-description" data-testid="dataset-description">
          {entry.description}
        </p>
      )}
    </div>
  );
}
