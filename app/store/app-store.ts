// The app's zustand store, made of slices (one file each, ~100 lines): notices, settings, bundle
// and backend, selection, run, budget, import (condensed sets scored on the device), results,
// compare. Every heavy call goes to the Engine (a Web Worker in the browser); the store only
// coordinates. Derived values are computed (selectors.ts), and one reconciler (reconcile.ts)
// keeps the selection and an active run in line with the settings.
import { createStore } from 'zustand/vanilla';
import { fetchDatasetIndex } from '../../src/engine/bundle/dataset-index';
import { errorInfo } from '../lib/error-info';
import { createBudgetSlice } from './budget-slice';
import { createBundleSlice } from './bundle-slice';
import { createCompareSlice } from './compare-slice';
import { createImportSlice } from './import-slice';
import { createNoticesSlice } from './notices-slice';
import { startReconciler } from './reconcile';
import { createResultsSlice } from './results-slice';
import { createRunSlice } from './run-slice';
import { createSelectionSlice } from './selection-slice';
import { createSettingsSlice } from './settings-slice';
import type { AppDeps, AppStore, AppStoreState } from './types';

export type { AppDeps, AppStore } from './types';

export function createAppStore(deps: AppDeps): AppStore {
  const fetchIndex = deps.fetchIndex ?? fetchDatasetIndex;
  const store = createStore<AppStoreState>()((set, get) => ({
    ...createNoticesSlice(set, get, deps),
    ...createSettingsSlice(set, get, deps),
    ...createBundleSlice(set, get, deps),
    ...createSelectionSlice(set, get, deps),
    ...createRunSlice(set, get, deps),
    ...createBudgetSlice(set, get, deps),
    ...createImportSlice(set, get, deps),
    ...createResultsSlice(set, get, deps),
    ...createCompareSlice(set, get, deps),

    async init() {
      const resultsLoaded = get().loadResults();
      void get().refreshCachedImports();
      const backendReady = get().applyBackend(get().settings.backend ?? undefined);
      let bundle = get().settings.bundle;
      try {
        const index = await fetchIndex(deps.baseUrl);
        set({ datasets: index });
        bundle ??= index.defaultId;
      } catch (e) {
        if (bundle === null) {
          const error = errorInfo(e, 'No dataset to open');
          set({ load: { status: 'error', progress: null, bundle: null, error } });
        }
      }
      await Promise.all([bundle !== null && get().loadBundle(bundle), resultsLoaded, backendReady]);
    },
  }));
  startReconciler(store);
  return store;
}
