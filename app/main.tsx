// Entry point: makes the page cross-origin isolated where the host did not (src/serving/register-isolation.ts:
// a service worker, then one reload), reads URL parameters, starts the engine worker and the store
// (which writes the setup back to the URL as it changes), renders the app inside an error boundary
// (never a blank page).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWorkerEngine } from '../src/workers/client';
import { App } from './app';
import { ErrorBoundary } from './components/error-boundary';
import {
  browserIsolationEnv,
  ensureIsolation,
  isolationNotice,
  type IsolationOutcome,
} from '../src/serving/register-isolation';
import { hrefWithSearch, parseUrlSettings } from './lib/url-params';
import { createAppStore } from './store/app-store';
import { StoreContext } from './store/context';
import { followEngineFacts } from './store/engine-facts';
import { followSpeed } from './store/speed';
import { syncUrl } from './store/url-sync';
import { createResultsStorage } from './storage/results-db';
import './styles.css';

const baseUrl = new URL(import.meta.env.BASE_URL, window.location.href).href;

function start(isolation: IsolationOutcome): void {
  const { settings, warnings } = parseUrlSettings(window.location.search);
  // A worker that dies is replaced with its engine state reloaded (src/workers/client.ts); the
  // notice says so once per crash, and the calls it had in flight fail with the same words.
  const engine = createWorkerEngine(undefined, {
    onCrash: (message) => store.getState().notify('error', message),
  });
  const store = createAppStore({
    engine,
    storage: createResultsStorage(),
    baseUrl,
    settings,
    warnings,
  });
  // The setup goes into the URL as it changes (replacing the entry, not adding history), so a
  // reload or a shared link opens it.
  syncUrl(store, (search) =>
    window.history.replaceState(
      window.history.state,
      '',
      hrefWithSearch(window.location.href, search),
    ),
  );
  followEngineFacts(store, engine);
  followSpeed(store); // this device's speed: the backend choice and every estimate
  const notice = isolationNotice(isolation);
  if (notice) store.getState().notify('info', notice);
  void store.getState().init();

  // For tests and debugging: the store is reachable from the console.
  (window as unknown as { __yoco?: unknown }).__yoco = store;

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <ErrorBoundary part="The app">
          <App />
        </ErrorBoundary>
      </StoreContext.Provider>
    </StrictMode>,
  );
}

// Nothing starts while the page reloads into the isolation service worker.
void ensureIsolation(browserIsolationEnv(), baseUrl).then((outcome) => {
  if (outcome !== 'reloading') start(outcome);
});
