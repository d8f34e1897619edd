// Budget slice: this device's speed and what it allows (design.md §8). `measureSpeed` has the engine
// choose the backend by measurement (or measure the one the user forced) on the loaded bundle at
// the current width and label mode (teacher labels time the teacher's pass too); speed.ts's
// follower calls it whenever the bundle, the backend setting, the width, the batch or the label
// mode changes and nothing is training. Every estimate (the run's, Compare's, the
// presets') reuses that measurement. "As large as my device allows" fits the largest n per class
// into the user's time budget (lib/budget-fit.ts) and moves the slider there.
import { fitBudget, usableThroughput, type MeasuredThroughput } from '../lib/budget-fit';
import { briefError, errorInfo } from '../lib/error-info';
import { maxPerClass, runLabels } from './selectors';
import { runEstimate, speedKey } from './speed';
import { latestWins } from './latest';
import type { BudgetState, SliceCreator } from './types';

export interface BudgetSlice {
  readonly budget: BudgetState;
  /** Chooses (or, when forced, starts) the backend and measures its speed for the settings. */
  measureSpeed(): Promise<void>;
  /** Back to the automatic backend: the fastest measured one. */
  chooseAutomatically(): void;
  fitToBudget(): Promise<void>;
  /** Cancels a budget measurement in progress (the last result stays). */
  cancelBudget(): void;
  /** Cancels and forgets every measurement (another bundle or backend). */
  resetBudget(): void;
}

/** No measurement yet (a new bundle starts here). */
const IDLE_BUDGET: BudgetState = {
  status: 'idle',
  throughput: null,
  choice: null,
  choiceKey: null,
  choosing: false,
  perClass: null,
  estimatedMs: null,
  limitedBy: null,
  error: null,
};

/** Longest the budget's own measurement may take (a software adapter's steps can take minutes). */
const BUDGET_DEADLINE_MS = 60_000;

export const createBudgetSlice: SliceCreator<BudgetSlice> = (set, get, { engine }) => {
  /** The budget's measurements and the backend choices (with their speed): the latest wins. */
  const measuring = latestWins();
  const choosing = latestWins();
  const patch = (p: Partial<BudgetState>): void => set((s) => ({ budget: { ...s.budget, ...p } }));

  return {
    budget: IDLE_BUDGET,

    async measureSpeed() {
      const s = get();
      const { view, settings } = s;
      const key = speedKey(s);
      if (!view || key === null) return;
      const attempt = choosing.start();
      patch({ choosing: true, choiceKey: key });
      try {
        const { width, batchSize } = settings;
        // Teacher labels: every timed step includes the teacher's labelling pass.
        const labels = runLabels(s);
        // Forced: the backend running now (the user's, or the one it fell back to).
        const forced = settings.backend === null ? undefined : (s.backend ?? settings.backend);
        const { perClass, classes, epochs, testImages } = runEstimate(s, s.perClass).shape;
        const choice = await engine.chooseBackend(
          {
            width,
            batchSize,
            ...(labels === 'teacher' ? { labels } : {}),
            ...(forced ? { forced } : {}),
            run: { perClass, classes, epochs, testImages },
          },
          { signal: attempt.signal },
        );
        if (!attempt.current()) return;
        if (choice.backend !== get().backend) set({ backend: choice.backend });
        const throughput = choice.throughput && { ...choice.throughput, labels };
        patch({ throughput, choice, choosing: false });
        // A run started meanwhile waited for this in the engine: it gets its estimate now.
        const { run } = get();
        if (run.status === 'running' && run.estimatedMs === null && run.params) {
          const estimatedMs = runEstimate(get(), run.params.perClass, run.params).ms;
          if (estimatedMs !== null) set({ run: { ...run, estimatedMs } });
        }
      } catch (e) {
        if (!attempt.current()) return;
        patch({ choosing: false });
        if (!attempt.signal.aborted)
          get().notify('warn', `This device's speed was not measured (${briefError(e)}).`);
      }
    },

    chooseAutomatically() {
      if (get().settings.backend === null) return;
      get().resetBudget();
      get().updateSettings({ backend: null });
    },

    async fitToBudget() {
      const { view, settings, budget, backend } = get();
      if (!view) return;
      const attempt = measuring.start();
      patch({ status: 'measuring', error: null });
      try {
        const { width, batchSize } = settings;
        const labels = runLabels(get());
        const measure = async (): Promise<MeasuredThroughput> => ({
          ...(await engine.measureThroughput(
            {
              width,
              batchSize,
              ...(labels === 'teacher' ? { labels } : {}),
              deadlineMs: BUDGET_DEADLINE_MS,
            },
            { signal: attempt.signal },
          )),
          labels,
        });
        const throughput =
          usableThroughput(budget.throughput, backend, width, labels) ?? (await measure());
        const classes = view.manifest.classes.length;
        const bundle = { classes, maxPerClass: maxPerClass(get()), testCount: view.testCount };
        const fit = fitBudget(throughput, bundle, get().settings);
        if (throughput.backend !== get().backend) set({ backend: throughput.backend });
        // The slider and the gallery move first, so the answer appears with them in line.
        set({ perClass: fit.perClass, draftPerClass: null });
        await get().refreshSelection();
        if (!attempt.current()) return;
        const { perClass, estimatedMs, limitedBy } = fit;
        patch({ status: 'done', throughput, perClass, estimatedMs, limitedBy, error: null });
      } catch (e) {
        if (!attempt.current()) return;
        const status = attempt.signal.aborted ? 'idle' : 'error';
        const error = status === 'error' ? errorInfo(e, '').message : null;
        patch({ status, error });
      }
    },

    cancelBudget() {
      measuring.abort();
    },

    resetBudget() {
      measuring.drop();
      choosing.drop();
      set({ budget: IDLE_BUDGET });
    },
  };
};
