// Selection slice: the target size (committed, and the slider's position while it is dragged) and
// the engine's selection for the slider's position, method and seed, which the gallery and the
// class-count bar show. The reconciler (reconcile.ts) asks for a new selection when they change,
// debounced while the slider moves.
import { errorInfo } from '../lib/error-info';
import { selectRequestFor } from '../lib/methods';
import { maxPerClass, selectionKey, sliderValue } from './selectors';
import type { SelectionState, SliceCreator } from './types';

export interface SelectionSlice {
  /** Committed samples per class (what a run trains on). */
  readonly perClass: number;
  /** The slider's position while it is dragged; null once released (then it shows perClass). */
  readonly draftPerClass: number | null;
  readonly selection: SelectionState | null;
  readonly selectionError: string | null;
  /**
   * Commits that changed the size, counted: with auto-train, the reconciler (reconcile.ts) trains
   * on each one when no run is active.
   */
  readonly sizeCommits: number;
  /** The slider moved (not released): preview the selection. */
  setDraftPerClass(n: number): void;
  /** The slider was released (or a key pressed): commit the size; with auto-train, train on it. */
  commitPerClass(n: number): void;
  /** Asks the engine for the selection of the slider's position, unless it is there or asked. */
  refreshSelection(): Promise<void>;
}

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get, { engine }) => {
  /** The newest selection asked for: an older answer arriving later is dropped. */
  let asked: { readonly key: string; readonly view: object } | null = null;
  const clamp = (n: number): number => Math.min(maxPerClass(get()), Math.max(1, Math.round(n)));

  return {
    perClass: 1,
    draftPerClass: null,
    selection: null,
    selectionError: null,
    sizeCommits: 0,

    setDraftPerClass(n) {
      set({ draftPerClass: clamp(n) });
    },

    commitPerClass(n) {
      const { perClass: before, sizeCommits } = get();
      const perClass = clamp(n);
      // Recorded only: the reconciler restarts an active run on it, or starts one (auto-train).
      set({
        perClass,
        draftPerClass: null,
        ...(perClass !== before ? { sizeCommits: sizeCommits + 1 } : {}),
      });
    },

    async refreshSelection() {
      const s = get();
      const { view, settings } = s;
      const key = selectionKey(s);
      if (!view || s.selection?.key === key || (asked?.key === key && asked.view === view)) return;
      const mine = { key, view };
      asked = mine;
      const perClass = sliderValue(s);
      try {
        const indices = await engine.select(
          selectRequestFor(settings.method, perClass, settings.seed),
        );
        if (asked !== mine || get().view !== view) return;
        set({
          selection: { key, perClass, method: settings.method, indices },
          selectionError: null,
        });
      } catch (e) {
        if (asked !== mine) return;
        // Show no stale selection under an error: the gallery marks nothing as kept.
        set({ selection: null, selectionError: errorInfo(e, 'Selection failed').message });
      }
    },
  };
};
