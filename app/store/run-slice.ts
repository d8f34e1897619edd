// Run slice: the current training run, fed by the engine's events (epoch, step, backend; the
// engine falls back to the next backend by itself and restarts the run there). One run at a time,
// the newest wins: starting one cancels the one before, whose late events are dropped. A finished
// run is saved (results-slice.ts). The reconciler (reconcile.ts) restarts an active run whose
// parameters no longer match the settings. Stop shows at once: the run is "stopped" the moment it
// is asked, and the worker client (src/workers/client.ts) ends the compute within a second.
import type { TrainResult } from '../../src/engine/api';
import { AbortedError } from '../../src/engine/errors';
import { errorInfo } from '../lib/error-info';
import { createReportBatcher, runRecord, trainRequestFor } from './run-events';
import { runParams } from './selectors';
import { runEstimate, speedKey } from './speed';
import { latestWins } from './latest';
import type { RunParams, RunState, SliceCreator } from './types';

/** A run other than the settings' own: a comparison's (compare-slice.ts). */
export interface RunOptions {
  /** What to train with instead of the settings. */
  readonly params?: RunParams;
  /** Saved with the run's record. */
  readonly compareId?: string;
}

export interface RunSlice {
  readonly run: RunState;
  /**
   * Starts a run with the current settings (or `options`), replacing the current one. Resolves
   * to its result once it finished and was saved, or null when it did not finish.
   */
  startRun(options?: RunOptions): Promise<TrainResult | null>;
  /** Stops the current run (it ends as stopped), any comparison and throughput measurement. */
  stopRun(): void;
  /** Cancels and forgets the current run and comparison (another bundle is loading). */
  resetRun(): void;
}

const IDLE_RUN: RunState = {
  status: 'idle',
  seq: 0,
  params: null,
  reports: [],
  progress: null,
  finalTest: null,
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
  /** Runs: only the current one may change `run`. */
  const runs = latestWins();

  return {
    run: IDLE_RUN,

    async startRun(options = {}) {
      const s = get();
      const { view } = s;
      if (!view) return null;
      const attempt = runs.start();
      const update = (patch: Partial<RunState>): void => {
        if (attempt.current()) set((st) => ({ run: { ...st.run, ...patch } }));
      };
      const params = options.params ?? runParams(s);
      const { manifest } = view;
      const fresh = (estimatedMs: number | null): RunState => ({
        ...IDLE_RUN,
        status: 'running',
        seq: s.run.seq + 1,
        params,
        startedAt: now(),
        estimatedMs,
      });
      set({ run: fresh(runEstimate(s, params.perClass, params).ms) });
      // Settings changed since the speed was measured: measure first (the engine runs calls in
      // order), so the run trains on the chosen backend and gets its estimate.
      if (speedKey(s) !== s.budget.choiceKey) void get().measureSpeed();
      const batcher = createReportBatcher(({ reports, progress }) =>
        update({
          reports: [...get().run.reports, ...reports],
          progress: progress ?? get().run.progress,
        }),
      );

      try {
        const result = await engine.train(trainRequestFor(params), {
          signal: attempt.signal,
          onEvent: (e) => {
            if (!attempt.current() || attempt.signal.aborted) return;
            if (e.type === 'epoch') batcher.epoch(e.report);
            else if (e.type === 'step') batcher.progress(e);
            else if (e.type === 'final-test') {
              batcher.flush();
              const started = get().run.finalTest?.startedAt ?? now();
              update({ finalTest: { done: e.done, total: e.total, startedAt: started } });
            } else if (e.type === 'backend') {
              get().onBackendEvent(e);
              // The engine restarts the run from its first epoch on the next backend.
              if (e.phase === 'run' && e.next) {
                batcher.flush();
                set({ run: fresh(null) });
              }
            }
          },
        });
        batcher.flush();
        if (!attempt.current()) return null;
        // Stopped while the result was on its way (Stop during the last epoch): the worker may
        // finish before it sees the cancel. A stopped run is never saved as finished.
        if (attempt.signal.aborted) {
          update({ status: 'stopped', progress: null });
          return null;
        }
        update({ status: 'done', result, progress: null });
        if (result.backend !== get().backend) set({ backend: result.backend });
        const { estimatedMs: estimate } = get().run;
        await get().saveRecord(
          runRecord(newId(), manifest, params, result, estimate, options.compareId),
        );
        return result;
      } catch (e) {
        batcher.flush();
        if (!attempt.current()) return null;
        const stopped = e instanceof AbortedError || attempt.signal.aborted;
        if (stopped) update({ status: 'stopped', progress: null });
        else update({ status: 'error', progress: null, error: errorInfo(e, '').message });
        return null;
      }
    },

    stopRun() {
      if (runs.active() && get().run.status === 'running')
        set((s) => ({ run: { ...s.run, status: 'stopped', progress: null } }));
      runs.abort();
      get().cancelBudget();
      get().stopCompare();
    },

    resetRun() {
      get().resetCompare();
      runs.drop();
      set((s) => ({ run: { ...IDLE_RUN, seq: s.run.seq } }));
    },
  };
};
