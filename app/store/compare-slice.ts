// Compare slice (docs/app.md, "Compare"): one action trains the chosen methods at the current size with
// the same settings, each over `compareSeeds` seeds, one run after another through the run slice,
// so that every run shows its progress and is saved like any other (tagged with the comparison's
// id). A run that does not finish (Stop, another run, an error) ends the whole comparison, and the
// reconciler (reconcile.ts) stops it when the settings or the size change under it.
import { comparePlan } from '../lib/compare-plan';
import { runParams } from './selectors';
import { latestWins } from './latest';
import type { CompareState, SliceCreator } from './types';

export interface CompareSlice {
  readonly compare: CompareState;
  /** Trains `methods` × the seeds in turn; replaces a comparison in progress. */
  startCompare(methods: readonly string[]): Promise<void>;
  /** Ends the comparison before its next run (stopRun calls it and stops the current run). */
  stopCompare(): void;
  /** Ends and forgets the comparison (another bundle is loading: its results no longer apply). */
  resetCompare(): void;
}

const IDLE_COMPARE: CompareState = {
  status: 'idle',
  id: null,
  methods: [],
  params: null,
  runs: [],
  total: 0,
  error: null,
};

export const createCompareSlice: SliceCreator<CompareSlice> = (set, get, deps) => {
  const newId = deps.newId ?? (() => `cmp-${Date.now().toString(36)}`);
  /** Comparisons: only the current one may change `compare`. */
  const comparisons = latestWins();

  return {
    compare: IDLE_COMPARE,

    async startCompare(methods) {
      const s = get();
      if (!s.view || methods.length === 0) return;
      const attempt = comparisons.start();
      const update = (patch: Partial<CompareState>): void => {
        if (attempt.current()) set((st) => ({ compare: { ...st.compare, ...patch } }));
      };
      const params = runParams(s);
      const plan = comparePlan(methods, s.settings.compareSeeds, params.seed);
      const id = newId();
      set({
        compare: { ...IDLE_COMPARE, status: 'running', id, methods, params, total: plan.length },
      });
      for (const { method, seed } of plan) {
        if (attempt.signal.aborted) break;
        const result = await get().startRun({
          params: { ...params, method, seed },
          compareId: id,
        });
        if (!result) {
          const { run } = get();
          if (run.status === 'error') update({ status: 'error', error: run.error });
          else update({ status: 'stopped' });
          return;
        }
        const { testAccuracy, confusion } = result;
        update({ runs: [...get().compare.runs, { method, seed, testAccuracy, confusion }] });
      }
      update({ status: attempt.signal.aborted ? 'stopped' : 'done' });
    },

    stopCompare() {
      comparisons.abort();
    },

    resetCompare() {
      comparisons.drop(); // a reset is a stop that also forgets the comparison
      set({ compare: IDLE_COMPARE });
    },
  };
};
