// Shown while a bundle downloads and is validated: which file, bytes so far, a progress bar.
import { formatBytes } from '../lib/format';
import { useApp } from '../store/context';
import { ProgressBar } from './progress-bar';

export function LoadingPanel() {
  const load = useApp((s) => s.load);
  const p = load.progress;
  const fraction = p && p.totalBytes > 0 ? p.loadedBytes / p.totalBytes : null;
  return (
    <section className="card loading" data-testid="loading-panel" aria-busy="true">
      <h2>Loading dataset{load.bundle ? ` “${load.bundle}”` : ''}</h2>
      <ProgressBar
        fraction={fraction}
        label="Bundle download and validation"
        testId="load-progress"
      />
      <p className="muted">
        {p
          ? `${p.file} · ${formatBytes(p.loadedBytes)} of ${formatBytes(p.totalBytes)} — every file is checked (size, SHA-256, shapes, labels, scores) before use.`
          : 'Reading the manifest…'}
      </p>
    </section>
  );
}
