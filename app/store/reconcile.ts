// The store's one reconciler, in the manner of squoosh: actions only record what the user asked
// for; after each change (gathered over the current task, so that changes made together act
// once) this compares what the settings ask for with what is there and brings the rest in line:
//   - the selection follows the slider, method and seed (debounced while the slider is dragged);
//   - a size the user committed (sizeCommits) starts a run when none is active and auto-train is on;
//   - an active run whose parameters (runParams: method, size, seed, epochs, width, depth, batch,
//     test images, labels, backend) differ from the settings restarts with them: no run ever keeps
//     training on values the controls no longer show;
//   - a comparison in progress whose settings (runParams at its start) differ from them is stopped,
//     with its current run: its runs must all share one set of settings.
import { debounce } from '../lib/debounce';
import { runParams, sameRunParams, selectionKey } from './selectors';
import type { AppStore } from './types';

/** Quiet time after a slider tick before the selection is asked for, and the longest wait. */
export const SLIDER_DEBOUNCE_MS = 40;
export const SLIDER_MAX_WAIT_MS = 150;

/** Starts reconciling `store` after every change; returns the function that stops it. */
export function startReconciler(store: AppStore): () => void {
  const select = (): void => void store.getState().refreshSelection();
  const dragged = debounce(select, SLIDER_DEBOUNCE_MS, SLIDER_MAX_WAIT_MS);
  let queued = false;
  let commitsSeen = store.getState().sizeCommits;

  const reconcile = (): void => {
    queued = false;
    const s = store.getState();
    const committed = s.sizeCommits !== commitsSeen;
    commitsSeen = s.sizeCommits;
    if (!s.view) return;
    if (s.selection?.key !== selectionKey(s)) {
      if (s.draftPerClass !== null) dragged.call();
      else {
        dragged.cancel();
        select();
      }
    }
    if (s.compare.status === 'running') {
      if (!sameRunParams(s.compare.params, runParams(s))) s.stopRun();
    } else if (s.run.status === 'running') {
      if (!sameRunParams(s.run.params, runParams(s))) void s.startRun();
    } else if (committed && s.settings.autoTrain) {
      void s.startRun();
    }
  };

  const unsubscribe = store.subscribe(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(reconcile);
  });
  return () => {
    unsubscribe();
    dragged.cancel();
  };
}
