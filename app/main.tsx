// Entry point: reads URL parameters, starts the engine worker and the store, renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWorkerEngine } from '../src/workers/client';
import { App } from './App';
import { parseUrlSettings, withBundleParam } from './lib/urlParams';
import { createAppStore } from './store/appStore';
import { StoreContext } from './store/context';
import { createResultsStorage } from './storage/resultsDb';
import './styles.css';

const { settings, warnings } = parseUrlSettings(window.location.search);
const engine = createWorkerEngine();
const store = createAppStore({
  engine,
  storage: createResultsStorage(),
  baseUrl: new URL(import.meta.env.BASE_URL, window.location.href).href,
  settings,
  warnings,
  // A picked bundle goes into the URL (replacing the entry, not adding history), so a reload or a
  // shared link opens it.
  rememberBundle: (bundle) =>
    window.history.replaceState(
      window.history.state,
      '',
      withBundleParam(window.location.href, bundle),
    ),
});
void engine.isolation().then(
  (isolated) => store.setState({ isolated }),
  () => store.setState({ isolated: false }),
);
void store.getState().init();

// For tests and debugging: the store is reachable from the console.
(window as unknown as { __yoco?: unknown }).__yoco = store;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
