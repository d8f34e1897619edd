// The page: header, notices, then loading / error / the loaded bundle (controls, training charts,
// gallery, results, provenance).
import { ControlsPanel } from './components/controls-panel';
import { ErrorPanel } from './components/error-panel';
import { GalleryPanel } from './components/gallery-panel';
import { Header } from './components/header';
import { LoadingPanel } from './components/loading-panel';
import { Notices } from './components/notices';
import { Provenance } from './components/provenance';
import { ResultsPanel } from './components/results-panel';
import { TrainingCharts } from './components/training-charts';
import { useApp } from './store/context';

export function App() {
  const status = useApp((s) => s.load.status);
  return (
    <div className="app" data-load-status={status}>
      <Header />
      <Notices />
      <main>
        {(status === 'idle' || status === 'loading') && <LoadingPanel />}
        {status === 'error' && <ErrorPanel />}
        {status === 'ready' && (
          <div className="layout">
            <aside className="layout-side">
              <ControlsPanel />
            </aside>
            <div className="layout-main">
              <TrainingCharts />
              <GalleryPanel />
              <ResultsPanel />
              <Provenance />
            </div>
          </div>
        )}
        {status !== 'ready' && <ResultsPanel />}
      </main>
      <footer className="app-footer muted">
        Everything runs in this browser: the dataset is resized and trained on in a Web Worker;
        results stay in local storage.
      </footer>
    </div>
  );
}
