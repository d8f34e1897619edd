// The page: header, a two-sentence introduction, notices, then loading / error / the loaded bundle (controls, training charts,
// comparison, gallery, results, provenance, and opening a condensed set). Each part renders inside
// an error boundary: one that throws shows the error panel in its place, naming it, and the
// others stay.
import { ComparePanel } from './components/compare-panel';
import { ImportPanel } from './components/import-panel';
import { ControlsPanel } from './components/controls-panel';
import { ErrorBoundary } from './components/error-boundary';
import { ErrorPanel } from './components/error-panel';
import { GalleryPanel } from './components/gallery-panel';
import { Header } from './components/header';
import { Intro } from './components/intro';
import { LoadingPanel } from './components/loading-panel';
import { Notices } from './components/notices';
import { Provenance } from './components/provenance';
import { ResultsPanel } from './components/results-panel';
import { TrainingCharts } from './components/training-charts';
import { useApp } from './store/context';

/** The main column's cards, top to bottom: what each is called when it fails, and its card class. */
const MAIN_PANELS = [
  ['The training charts', 'card-training', TrainingCharts],
  ['The comparison', 'card-compare', ComparePanel],
  ['The gallery', 'card-gallery', GalleryPanel],
  ['The results', 'card-results', ResultsPanel],
  ["The dataset's provenance", 'card-provenance', Provenance],
] as const;

export function App() {
  const status = useApp((s) => s.load.status);
  return (
    <div className="app" data-load-status={status}>
      <ErrorBoundary part="The header">
        <Header />
      </ErrorBoundary>
      <Intro />
      <ErrorBoundary part="The notices">
        <Notices />
      </ErrorBoundary>
      <main>
        {(status === 'idle' || status === 'loading') && <LoadingPanel />}
        {status === 'error' && <ErrorPanel />}
        {status === 'ready' && (
          <div className="layout">
            <aside className="layout-side">
              <ErrorBoundary part="The controls" place="card-resize">
                <ControlsPanel />
              </ErrorBoundary>
              <ErrorBoundary part="Opening a condensed set" place="card-import">
                <ImportPanel />
              </ErrorBoundary>
            </aside>
            <div className="layout-main">
              {MAIN_PANELS.map(([part, place, Panel]) => (
                <ErrorBoundary key={place} part={part} place={place}>
                  <Panel />
                </ErrorBoundary>
              ))}
            </div>
          </div>
        )}
        {status !== 'ready' && (
          <ErrorBoundary part="The results">
            <ResultsPanel />
          </ErrorBoundary>
        )}
      </main>
      <footer className="app-footer muted">
        Everything runs in this browser: the dataset is resized and trained on in a Web Worker;
        results stay in local storage.
      </footer>
    </div>
  );
}
