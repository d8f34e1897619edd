// The app's zustand store: settings, bundle loading, the current selection, training runs (one at a
// time, newest wins), backend choice with fallback, the device-budget fit and stored results.
// Every heavy call goes to the Engine (a Web Worker in the browser); this file only coordinates.
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  EPOCH_EVAL_LIMIT,
  type BackendEvent,
  type Engine,
  type TrainProgress,
  type TrainRequest,
} from '../../src/engine/api';
import { AbortedError } from '../../src/engine/errors';
import type { BackendName, EpochReport } from '../../src/engine/types';
import { estimateRunMs, fitBudget } from '../lib/budgetFit';
import { bundleUrl, fetchDatasetIndex, type DatasetIndex } from '../lib/datasetIndex';
import { errorInfo } from '../lib/errorInfo';
import { BACKEND_LABELS } from '../lib/format';
import { methodOption, selectRequestFor } from '../lib/methods';
import type { RunRecord } from '../lib/records';
import { classCounts, keptMask } from '../lib/selectionStats';
import { initialPerClass, type Settings } from '../lib/settings';
import type { ResultsStorage } from '../storage/resultsDb';
import type { AppStoreState, BudgetState, RunState } from './types';

export interface AppDeps {
  readonly engine: Engine;
  readonly storage: ResultsStorage;
  /** Absolute URL of the app's base folder, ending in '/'. */
  readonly baseUrl: string;
  readonly settings: Settings;
  /** Warnings to show at start (e.g. ignored URL parameters). */
  readonly warnings?: readonly string[];
  readonly fetchIndex?: (baseUrl: string) => Promise<DatasetIndex>;
  /** Remembers a bundle the user chose (the app writes it to the `bundle` URL parameter). */
  readonly rememberBundle?: (bundle: string) => void;
  readonly now?: () => number;
  readonly newId?: () => string;
}

export type AppStore = StoreApi<AppStoreState>;

/** Least time between two renders caused by training reports. */
const UI_INTERVAL_MS = 100;

const IDLE_RUN: RunState = {
  status: 'idle',
  seq: 0,
  methodId: '',
  perClass: 0,
  epochs: 0,
  width: 0,
  testCount: 0,
  epochTestCount: 0,
  reports: [],
  progress: null,
  startedAt: 0,
  result: null,
  estimatedMs: null,
  error: null,
};

/** No measurement yet (a new bundle starts here). */
const IDLE_BUDGET: BudgetState = {
  status: 'idle',
  throughput: null,
  perClass: null,
  estimatedMs: null,
  limitedBy: null,
  error: null,
};

const label = (b: BackendName | null | undefined): string =>
  b ? (BACKEND_LABELS[b] ?? b) : 'none';

/** An error's message for use inside a sentence (no trailing full stop). */
const brief = (e: unknown): string => errorInfo(e, '').message.replace(/\.+$/, '');

export function createAppStore(deps: AppDeps): AppStore {
  const { engine, storage } = deps;
  const now = deps.now ?? (() => performance.now());
  const newId =
    deps.newId ?? (() => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  const fetchIndex = deps.fetchIndex ?? fetchDatasetIndex;

  let noticeId = 0;
  let selectSeq = 0;
  let runSeq = 0;
  let loadSeq = 0;
  let runController: AbortController | null = null;
  let budgetController: AbortController | null = null;

  return createStore<AppStoreState>()((set, get) => {
    const notify = (level: 'info' | 'warn' | 'error', text: string): void => {
      set((s) => ({ notices: [...s.notices.slice(-5), { id: ++noticeId, level, text }] }));
    };

    /** Asks the engine for the selection of (method, n, seed); newest request wins. */
    const refreshSelection = async (perClass: number): Promise<void> => {
      const { view, settings } = get();
      if (!view) return;
      const key = `${settings.methodId}|${perClass}|${settings.seed}`;
      if (get().selection?.key === key) return;
      const seq = ++selectSeq;
      try {
        const indices = await engine.select(
          selectRequestFor(settings.methodId, perClass, settings.seed),
        );
        if (seq !== selectSeq || get().view !== view) return;
        const classes = view.manifest.classes.length;
        set({
          selection: {
            key,
            perClass,
            methodId: settings.methodId,
            indices,
            mask: keptMask(indices, view.samplesPerClass * classes),
            counts: classCounts(indices, view.samplesPerClass, classes),
          },
          selectionError: null,
        });
      } catch (e) {
        if (seq !== selectSeq) return;
        // Show no stale selection under an error: the gallery marks nothing as kept.
        set({ selection: null, selectionError: errorInfo(e, 'Selection failed').message });
      }
    };

    const trainRequest = (): TrainRequest => {
      const { settings, perClass } = get();
      const req: { -readonly [K in keyof TrainRequest]: TrainRequest[K] } = {
        ...selectRequestFor(settings.methodId, perClass, settings.seed),
        epochs: settings.epochs,
        width: settings.width,
        depth: settings.depth,
        batchSize: settings.batchSize,
        trainSeed: settings.seed,
      };
      if (settings.testLimit !== null) req.testLimit = settings.testLimit;
      return req;
    };

    /** Says that a backend failed (the engine moves on to the next one, `e.next`). */
    const reportBackend = (e: BackendEvent): void => {
      if (e.phase === 'start') {
        const trying = e.next ? ` Trying ${label(e.next)}.` : '';
        notify('warn', `${label(e.failed)} failed to start (${brief(e.reason)}).${trying}`);
      } else if (e.next) {
        notify(
          'warn',
          `${label(e.failed)} failed during training (${brief(e.reason)}). Continuing on ${label(e.next)}.`,
        );
      }
      if (e.next) set({ backend: e.next });
    };

    /** Switches to `preferred` (or the best one); the engine falls back along its order. */
    const applyBackend = async (
      preferred: BackendName | undefined,
    ): Promise<BackendName | null> => {
      set({ backendBusy: true });
      try {
        const active = await engine.setBackend(preferred, { onEvent: reportBackend });
        set({ backend: active });
        return active;
      } catch (e) {
        // With a preference, every failure was reported as it happened.
        if (!preferred) notify('warn', `${label(preferred)} failed to start (${brief(e)}).`);
        return null;
      } finally {
        set({ backendBusy: false });
      }
    };

    const saveRun = async (record: RunRecord): Promise<void> => {
      set((s) => ({ results: { ...s.results, records: [record, ...s.results.records] } }));
      try {
        await storage.save(record);
      } catch (e) {
        notify('error', `Could not save the run in this browser's storage: ${brief(e)}`);
      }
    };

    return {
      settings: deps.settings,
      datasets: null,
      load: { status: 'idle', progress: null, error: null, bundle: null },
      view: null,
      bundleId: null,
      maxPerClass: 1,
      perClass: 1,
      draftPerClass: 1,
      selection: null,
      selectionError: null,
      backend: null,
      backendBusy: false,
      isolated: null,
      notices: (deps.warnings ?? []).map((text) => ({
        id: ++noticeId,
        level: 'warn' as const,
        text,
      })),
      run: IDLE_RUN,
      budget: IDLE_BUDGET,
      results: { loaded: false, records: [], skipped: 0, error: null },
      notify,

      async init() {
        const resultsLoaded = storage.load().then(
          ({ records, skipped }) => {
            set({ results: { loaded: true, records, skipped, error: null } });
            if (skipped > 0) {
              notify(
                'warn',
                `${skipped} stored run${skipped === 1 ? ' was' : 's were'} unreadable and skipped.`,
              );
            }
          },
          (e: unknown) =>
            set({
              results: { loaded: true, records: [], skipped: 0, error: errorInfo(e, '').message },
            }),
        );
        const backendReady = applyBackend(get().settings.backend ?? undefined);
        let bundle = get().settings.bundle;
        try {
          const index = await fetchIndex(deps.baseUrl);
          set({ datasets: index });
          bundle ??= index.defaultId;
        } catch (e) {
          if (bundle === null) {
            set({
              load: {
                status: 'error',
                progress: null,
                bundle: null,
                error: errorInfo(e, 'No dataset to open'),
              },
            });
            await Promise.all([resultsLoaded, backendReady]);
            return;
          }
        }
        await Promise.all([get().loadBundle(bundle), resultsLoaded, backendReady]);
      },

      async loadBundle(bundle) {
        get().stopRun();
        const seq = ++loadSeq;
        set({
          load: { status: 'loading', progress: null, error: null, bundle },
          view: null,
          selection: null,
          selectionError: null,
          run: IDLE_RUN,
          budget: IDLE_BUDGET,
        });
        try {
          const view = await engine.loadBundle(bundleUrl(deps.baseUrl, bundle), {
            onEvent: (progress) => {
              if (seq === loadSeq) set((s) => ({ load: { ...s.load, progress } }));
            },
          });
          if (seq !== loadSeq) return;
          const { factor, ipc } = view.manifest;
          const maxPerClass = ipc * factor * factor;
          const perClass = initialPerClass(get().settings, factor, maxPerClass);
          set({
            view,
            bundleId: view.manifest.id,
            maxPerClass,
            perClass,
            draftPerClass: perClass,
            load: { status: 'ready', progress: null, error: null, bundle },
          });
          await refreshSelection(perClass);
        } catch (e) {
          if (seq !== loadSeq) return;
          set({
            load: {
              status: 'error',
              progress: null,
              bundle,
              error: errorInfo(e, 'The dataset bundle could not be loaded'),
            },
          });
        }
      },

      async chooseBundle(bundle) {
        deps.rememberBundle?.(bundle);
        await get().loadBundle(bundle);
      },

      setDraftPerClass(n) {
        const clamped = Math.min(get().maxPerClass, Math.max(1, Math.round(n)));
        set({ draftPerClass: clamped });
        void refreshSelection(clamped);
      },

      commitPerClass(n) {
        const clamped = Math.min(get().maxPerClass, Math.max(1, Math.round(n)));
        const running = get().run.status === 'running';
        const changed = clamped !== get().perClass;
        set({ perClass: clamped, draftPerClass: clamped });
        void refreshSelection(clamped);
        // A run in progress is for the old size: replace it. Otherwise train only with auto-train.
        if (get().view && changed && (running || get().settings.autoTrain)) void get().startRun();
      },

      setMethod(id) {
        if (!methodOption(id) || id === get().settings.methodId) return;
        set((s) => ({ settings: { ...s.settings, methodId: id } }));
        void refreshSelection(get().perClass);
        if (get().run.status === 'running') void get().startRun();
      },

      updateSettings(patch) {
        set((s) => ({ settings: { ...s.settings, ...patch } }));
        if (patch.seed !== undefined) void refreshSelection(get().perClass);
      },

      async startRun() {
        const { view } = get();
        if (!view) return;
        runController?.abort();
        const controller = new AbortController();
        runController = controller;
        const seq = ++runSeq;
        const request = trainRequest();
        const { settings, perClass } = get();
        const classes = view.manifest.classes.length;
        const estimatedMs = estimateRunMs(
          get().budget.throughput,
          get().backend,
          settings,
          perClass,
          classes,
          view.testCount,
        );
        const fresh = (): RunState => ({
          ...IDLE_RUN,
          status: 'running',
          seq,
          methodId: settings.methodId,
          perClass,
          epochs: settings.epochs,
          width: settings.width,
          testCount: Math.min(view.testCount, settings.testLimit ?? view.testCount),
          epochTestCount: Math.min(
            view.testCount,
            settings.testLimit ?? view.testCount,
            EPOCH_EVAL_LIMIT,
          ),
          startedAt: now(),
          estimatedMs,
        });
        set({ run: fresh() });
        const mine = (): boolean => seq === runSeq;

        // Worker reports arrive as fast as epochs finish; the UI takes them in batches, at most
        // one store update (one render) per UI_INTERVAL_MS, so the main thread stays idle.
        let pendingReports: EpochReport[] = [];
        let pendingProgress: TrainProgress | null = null;
        let flushTimer: ReturnType<typeof setTimeout> | null = null;
        const flush = (): void => {
          if (flushTimer !== null) clearTimeout(flushTimer);
          flushTimer = null;
          const reports = pendingReports;
          const progress = pendingProgress;
          pendingReports = [];
          pendingProgress = null;
          if (!mine() || (reports.length === 0 && progress === null)) return;
          set((s) => ({
            run: {
              ...s.run,
              reports: reports.length > 0 ? [...s.run.reports, ...reports] : s.run.reports,
              progress: progress ?? s.run.progress,
            },
          }));
        };
        const later = (): void => {
          flushTimer ??= setTimeout(flush, UI_INTERVAL_MS);
        };

        try {
          const result = await engine.train(request, {
            signal: controller.signal,
            onEvent: (e) => {
              if (!mine()) return;
              if (e.type === 'epoch') pendingReports.push(e.report);
              else if (e.type === 'step') pendingProgress = e;
              else if (e.type === 'backend') {
                reportBackend(e);
                if (e.phase !== 'run' || !e.next) return;
                // The engine restarts the run on the next backend.
                pendingReports = [];
                pendingProgress = null;
                set({ run: { ...fresh(), estimatedMs: null } });
                return;
              } else return;
              later();
            },
          });
          flush();
          if (!mine()) return;
          set((s) => ({ run: { ...s.run, status: 'done', result, progress: null } }));
          if (result.backend !== get().backend) set({ backend: result.backend });
          await saveRun({
            id: newId(),
            createdAt: Date.now(),
            bundleId: view.manifest.id,
            methodId: settings.methodId,
            perClass,
            factor: view.manifest.factor,
            classes,
            epochs: settings.epochs,
            width: settings.width,
            seed: settings.seed,
            backend: result.backend,
            testAccuracy: result.testAccuracy,
            testCount: result.testCount,
            elapsedMs: result.elapsedMs,
            estimatedMs,
          });
        } catch (e) {
          flush();
          if (!mine()) return;
          if (e instanceof AbortedError || controller.signal.aborted) {
            set((s) => ({ run: { ...s.run, status: 'stopped', progress: null } }));
            return;
          }
          set((s) => ({
            run: { ...s.run, status: 'error', progress: null, error: errorInfo(e, '').message },
          }));
        }
      },

      stopRun() {
        runController?.abort();
        runController = null;
        budgetController?.abort();
      },

      async switchBackend(name) {
        if (name === get().backend) return;
        const wasRunning = get().run.status === 'running';
        get().stopRun();
        await applyBackend(name);
        set((s) => ({
          budget: {
            ...s.budget,
            status: 'idle',
            throughput: null,
            perClass: null,
            estimatedMs: null,
          },
        }));
        if (wasRunning) void get().startRun();
      },

      async fitToBudget() {
        const { view, settings } = get();
        if (!view) return;
        budgetController?.abort();
        const controller = new AbortController();
        budgetController = controller;
        set((s) => ({ budget: { ...s.budget, status: 'measuring', error: null } }));
        try {
          let throughput = get().budget.throughput;
          if (
            !throughput ||
            throughput.backend !== get().backend ||
            throughput.width !== settings.width
          ) {
            throughput = await engine.measureThroughput(
              { width: settings.width, batchSize: settings.batchSize },
              { signal: controller.signal },
            );
          }
          const fit = fitBudget(
            throughput,
            {
              classes: view.manifest.classes.length,
              maxPerClass: get().maxPerClass,
              testCount: view.testCount,
            },
            get().settings,
          );
          set({
            budget: {
              status: 'done',
              throughput,
              perClass: fit.perClass,
              estimatedMs: fit.estimatedMs,
              limitedBy: fit.limitedBy,
              error: null,
            },
          });
          if (throughput.backend !== get().backend) set({ backend: throughput.backend });
          set({ perClass: fit.perClass, draftPerClass: fit.perClass });
          await refreshSelection(fit.perClass);
        } catch (e) {
          if (controller.signal.aborted) {
            set((s) => ({ budget: { ...s.budget, status: 'idle' } }));
            return;
          }
          set((s) => ({
            budget: { ...s.budget, status: 'error', error: errorInfo(e, '').message },
          }));
        }
      },

      async clearResults() {
        try {
          await storage.clear();
          set({ results: { loaded: true, records: [], skipped: 0, error: null } });
        } catch (e) {
          notify('error', `Could not clear stored runs: ${brief(e)}`);
        }
      },

      dismissNotice(id) {
        set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
      },
    };
  });
}
