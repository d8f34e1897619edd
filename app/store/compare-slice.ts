// Compare slice (issue 13, item 2): one action trains the chosen methods at the current size with
// the same settings, each over `compareSeeds` seeds, one run after another through the run slice,
// so that every run shows its progress and is saved like any other (tagged with the comparison's
// id). A run that does not finish (Stop, another run, an error) ends the whole comparison, and the
// reconciler (reconcile.ts) stops it when the settings or the size change under it.
import { comparePlan } from '../lib/compare-plan';
import { runParams } from './selectors';
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
  /** The current comparison's cancel handle: only it may change `compare`. */
  let current: AbortController | null = null;

  return {
    compare: IDLE_COMPARE,

    async startCompare(methods) {
      const s = get();
      if (!s.view || methods.length === 0) return;
      current?.abort();
      const controller = new AbortController();
      current = controller;
      const update = (patch: Partial<CompareState>): void => {
        if (current === controller) set((st) => ({ compare: { ...st.compare, ...patch } }));
      };
      const params = runParams(s);
      const plan = comparePlan(methods, s.settings.compareSeeds, params.seed);
      const id = newId();
      set({
        compare: { ...IDLE_COMPARE, status: 'running', id, methods, params, total: plan.length },
      });
      for (const { methodId, seed } of plan) {
        if (controller.signal.aborted) break;
        const result = await get().startRun({
          params: { ...params, methodId, seed },
          compareId: id,
        });
        if (!result) {
          const { run } = get();
          if (run.status === 'error') update({ status: 'error', error: run.error });
          else update({ status: 'stopped' });
          return;
        }
        const { testAccuracy, confusion } = result;
        update({ runs: [...get().compare.runs, { methodId, seed, testAccuracy, confusion }] });
      }
      update({ status: controller.signal.aborted ? 'stopped' : 'done' });
    },

    stopCompare() {
      current?.abort();
    },

    resetCompare() {
      get().stopCompare(); // a reset is a stop that also forgets the comparison
      current = null;
      set({ compare: IDLE_COMPARE });
    },
  };
};
