// Budget slice: "As large as my device allows". Measures the real model's throughput on the
// active backend (once per backend and width), fits the largest n per class into the user's time
// budget (lib/budget-fit.ts) and moves the slider there.
import { fitBudget } from '../lib/budget-fit';
import { errorInfo } from '../lib/error-info';
import { maxPerClass } from './selectors';
import type { BudgetState, SliceCreator } from './types';

export interface BudgetSlice {
  readonly budget: BudgetState;
  fitToBudget(): Promise<void>;
  /** Cancels a measurement in progress (the last result stays). */
  cancelBudget(): void;
  /** Cancels and forgets the measurement (another bundle or backend). */
  resetBudget(): void;
}

/** No measurement yet (a new bundle starts here). */
const IDLE_BUDGET: BudgetState = {
  status: 'idle',
  throughput: null,
  perClass: null,
  estimatedMs: null,
  limitedBy: null,
  error: null,
};

export const createBudgetSlice: SliceCreator<BudgetSlice> = (set, get, { engine }) => {
  /** The measurement in flight. */
  let measuring: AbortController | null = null;

  return {
    budget: IDLE_BUDGET,

    async fitToBudget() {
      const { view, settings, budget } = get();
      if (!view) return;
      measuring?.abort();
      const controller = new AbortController();
      measuring = controller;
      set({ budget: { ...budget, status: 'measuring', error: null } });
      try {
        const { width, batchSize } = settings;
        let throughput = budget.throughput;
        if (!throughput || throughput.backend !== get().backend || throughput.width !== width)
          throughput = await engine.measureThroughput(
            { width, batchSize },
            { signal: controller.signal },
          );
        const classes = view.manifest.classes.length;
        const bundle = { classes, maxPerClass: maxPerClass(get()), testCount: view.testCount };
        const fit = fitBudget(throughput, bundle, get().settings);
        if (throughput.backend !== get().backend) set({ backend: throughput.backend });
        // The slider and the gallery move first, so the answer appears with them in line.
        set({ perClass: fit.perClass, draftPerClass: null });
        await get().refreshSelection();
        if (measuring !== controller) return;
        const { perClass, estimatedMs, limitedBy } = fit;
        set({
          budget: { status: 'done', throughput, perClass, estimatedMs, limitedBy, error: null },
        });
      } catch (e) {
        if (measuring !== controller) return;
        const status = controller.signal.aborted ? 'idle' : 'error';
        const error = status === 'error' ? errorInfo(e, '').message : null;
        set((s) => ({ budget: { ...s.budget, status, error } }));
      }
    },

    cancelBudget() {
      measuring?.abort();
    },

    resetBudget() {
      measuring?.abort();
      measuring = null;
      set({ budget: IDLE_BUDGET });
    },
  };
};
