// Run slice: the current training run. One run at a time, the newest wins: starting one cancels
// the one before, whose late reports are dropped. A finished run is saved (resultsSlice.ts). The
// reconciler (reconcile.ts) restarts an active run whose parameters no longer match the settings.
import { AbortedError } from '../../src/engine/errors';
import { BACKEND_ORDER } from '../../src/engine/types';
import { estimateRunMs } from '../lib/budgetFit';
import { briefError, errorInfo, isBackendFailure } from '../lib/errorInfo';
import { backendLabel } from '../lib/format';
import { nextBackend } from './bundleSlice';
import { createReportBatcher, runRecord, trainRequestFor } from './runEvents';
import { runParams } from './selectors';
import type { RunState, SliceCreator } from './types';

export interface RunSlice {
  readonly run: RunState;
  /** Starts a run with the current settings, replacing the current one. */
  startRun(): Promise<void>;
  /** Stops the current run (it ends as stopped) and any throughput measurement. */
  stopRun(): void;
  /** Cancels and forgets the current run (another bundle is loading). */
  resetRun(): void;
}

const IDLE_RUN: RunState = {
  status: 'idle',
  seq: 0,
  params: null,
  reports: [],
  progress: null,
  startedAt: 0,
  result: null,
  estimatedMs: null,
  error: null,
};

export const createRunSlice: SliceCreator<RunSlice> = (set, get, deps) => {
  const { engine } = deps;
  const now = deps.now ?? (() => performance.now());
  const newId =
    deps.newId ?? (() => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  /** The current run's cancel handle: only the current run may change `run`. */
  let current: AbortController | null = null;

  return {
    run: IDLE_RUN,

    async startRun() {
      const s = get();
      const { view } = s;
      if (!view) return;
      current?.abort();
      const controller = new AbortController();
      current = controller;
      const mine = (): boolean => current === controller;
      const update = (patch: Partial<RunState>): void => {
        if (mine()) set((st) => ({ run: { ...st.run, ...patch } }));
      };
      const params = runParams(s);
      const { manifest } = view;
      const classes = manifest.classes.length;
      const fresh = (estimatedMs: number | null): RunState => ({
        ...IDLE_RUN,
        status: 'running',
        seq: s.run.seq + 1,
        params,
        startedAt: now(),
        estimatedMs,
      });
      const { throughput } = s.budget;
      const estimatedMs = estimateRunMs(
        throughput,
        s.backend,
        s.settings,
        params.perClass,
        classes,
        view.testCount,
      );
      set({ run: fresh(estimatedMs) });
      const batcher = createReportBatcher(({ reports, progress }) =>
        update({
          reports: [...get().run.reports, ...reports],
          progress: progress ?? get().run.progress,
        }),
      );

      for (let attempt = 0; attempt < BACKEND_ORDER.length; attempt++) {
        try {
          const result = await engine.train(
            trainRequestFor(params),
            batcher.epoch,
            controller.signal,
            batcher.progress,
          );
          batcher.flush();
          if (!mine()) return;
          update({ status: 'done', result, progress: null });
          if (result.backend !== get().backend) set({ backend: result.backend });
          const record = runRecord(newId(), manifest, params, result, get().run.estimatedMs);
          return await get().saveRecord(record);
        } catch (e) {
          batcher.flush();
          if (!mine()) return;
          if (e instanceof AbortedError || controller.signal.aborted)
            return update({ status: 'stopped', progress: null });
          const failed = get().backend;
          const next = isBackendFailure(e) ? nextBackend(failed) : null;
          if (!next)
            return update({ status: 'error', progress: null, error: errorInfo(e, '').message });
          get().notify(
            'warn',
            `${backendLabel(failed)} failed during training (${briefError(e)}). Continuing on ${backendLabel(next)}.`,
          );
          const active = await get().applyBackend(next);
          if (!mine()) return;
          if (!active) {
            const error = 'no compute backend is left to try';
            return update({ status: 'error', progress: null, error });
          }
          set({ run: fresh(null) });
        }
      }
    },

    stopRun() {
      current?.abort();
      get().cancelBudget();
    },

    resetRun() {
      current?.abort();
      current = null;
      set((s) => ({ run: { ...IDLE_RUN, seq: s.run.seq } }));
    },
  };
};
