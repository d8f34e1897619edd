// Bundle slice: the dataset index, loading and validating a bundle (the view the gallery shows),
// and the compute backend shown in the header's badge. Loading a bundle resets the selection,
// the run and the budget, which all belong to the previous one. Only bundles of the index or
// folders under datasets/ on the app's origin are opened (bundle-source.ts); the latest load
// wins, an older one is cancelled (latest.ts). When a backend fails, the engine moves on to the next one
// itself; this slice follows it and the notices say so. A bundle without a teacher turns teacher
// labels back to hard ones, with a notice.
import type { BackendEvent, BundleView } from '../../src/engine/api';
import type { BackendName } from '../../src/engine/types';
import { BundleSourceError, resolveBundleUrl } from '../lib/bundle-source';
import type { DatasetIndex } from '../../src/engine/bundle/dataset-index';
import { briefError, errorInfo } from '../lib/error-info';
import { backendLabel } from '../lib/format';
import { hasTeacher, noTeacherNotice } from '../lib/labels';
import { initialPerClass } from '../lib/settings';
import { latestWins } from './latest';
import type { LoadState, SliceCreator } from './types';

export interface BundleSlice {
  readonly datasets: DatasetIndex | null;
  readonly load: LoadState;
  readonly view: BundleView | null;
  /** The engine's active backend (null before one started). */
  readonly backend: BackendName | null;
  readonly backendBusy: boolean;
  /** Whether the engine worker is cross-origin isolated (threaded wasm), once known. */
  readonly isolated: boolean | null;
  /** Threads the wasm backend computes with while it is active (engine-facts.ts), else null. */
  readonly wasmThreads: number | null;
  loadBundle(bundle: string): Promise<void>;
  /** Shows a bundle the engine has loaded (`bundle`: its id or folder, or an imported set's name). */
  showBundle(view: BundleView, bundle: string): Promise<void>;
  /** The user picked a bundle (dataset picker): record the choice (URL) and load it. */
  chooseBundle(bundle: string): Promise<void>;
  /** The user picked a backend: switch to it; an active run continues on it (reconcile.ts). */
  switchBackend(name: BackendName): Promise<void>;
  /** Starts `preferred` (or the best one; the engine falls back); resolves to the active one. */
  applyBackend(preferred: BackendName | undefined): Promise<BackendName | null>;
  /** The engine reports a failed backend: show it, and follow it to the next one. */
  onBackendEvent(event: BackendEvent): void;
}

export const createBundleSlice: SliceCreator<BundleSlice> = (set, get, { engine, baseUrl }) => {
  /** Loads: a newer one cancels the one in flight (the engine never makes it its bundle). */
  const loads = latestWins();

  return {
    datasets: null,
    load: { status: 'idle', progress: null, error: null, bundle: null },
    view: null,
    backend: null,
    backendBusy: false,
    isolated: null,
    wasmThreads: null,

    async loadBundle(bundle) {
      const attempt = loads.start();
      get().resetRun();
      get().resetBudget();
      set({
        load: { status: 'loading', progress: null, error: null, bundle },
        view: null,
        selection: null,
        selectionError: null,
      });
      try {
        const url = resolveBundleUrl(baseUrl, bundle);
        const view = await engine.loadBundle(url, {
          signal: attempt.signal,
          onEvent: (progress) => {
            if (attempt.current()) set((s) => ({ load: { ...s.load, progress } }));
          },
        });
        if (!attempt.current()) return;
        await get().showBundle(view, bundle);
      } catch (e) {
        if (!attempt.current()) return;
        const error = errorInfo(
          e,
          e instanceof BundleSourceError
            ? 'This bundle was not opened'
            : 'The dataset bundle could not be loaded',
        );
        set({ load: { status: 'error', progress: null, bundle, error } });
      }
    },

    async showBundle(view, bundle) {
      const { factor, ipc } = view.manifest;
      const perClass = initialPerClass(get().settings, factor, ipc);
      // Teacher labels (a URL's, or the previous bundle's) on a bundle without a teacher: hard
      // labels, and a notice that says so (the URL then drops labels=teacher).
      if (get().settings.labels === 'teacher' && !hasTeacher(view.manifest)) {
        get().updateSettings({ labels: 'hard' });
        get().notify('warn', noTeacherNotice(view.manifest.title));
      }
      // The selection belongs to the previous bundle (its key names no bundle): drop it.
      set({
        view,
        perClass,
        draftPerClass: null,
        selection: null,
        selectionError: null,
        load: { status: 'ready', progress: null, error: null, bundle },
      });
      await get().refreshSelection();
    },

    async chooseBundle(bundle) {
      // Keep the user's size: the new bundle opens at the same IPC (initialPerClass reads it).
      const { view, perClass } = get();
      const ipc = view ? perClass / (view.manifest.factor * view.manifest.factor) : null;
      get().updateSettings(ipc === null ? { bundle } : { bundle, ipc, perClass: null });
      await get().loadBundle(bundle);
      const opened = get().view;
      if (ipc === null || !opened || get().load.bundle !== bundle) return;
      const f2 = opened.manifest.factor * opened.manifest.factor;
      if (Math.round(ipc * f2) > opened.samplesPerClass) {
        get().notify(
          'info',
          `${opened.manifest.title} holds at most IPC ${opened.manifest.ipc}: the size was set to that.`,
        );
      }
    },

    async switchBackend(name) {
      if (name === get().backend) return;
      get().resetBudget(); // a throughput measured on another backend says nothing here
      // Queued in the engine before the restart the new preference causes, so the restarted run
      // trains on the new backend.
      const switched = get().applyBackend(name);
      get().updateSettings({ backend: name });
      await switched;
    },

    async applyBackend(preferred) {
      set({ backendBusy: true });
      try {
        const active = await engine.setBackend(preferred, { onEvent: get().onBackendEvent });
        set({ backend: active });
        return active;
      } catch (e) {
        // With a preference, every failure was reported as it happened.
        if (!preferred)
          get().notify('warn', `${backendLabel(preferred)} failed to start (${briefError(e)}).`);
        return null;
      } finally {
        set({ backendBusy: false });
      }
    },

    onBackendEvent(event) {
      get().reportBackend(event);
      if (event.next) set({ backend: event.next });
    },
  };
};
