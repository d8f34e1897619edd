// Notices slice: the dismissable messages above the page (ignored URL parameters, backend
// fallbacks, skipped stored records, storage failures). Other slices report through `notify`.
import type { Notice, SliceCreator } from './types';

/** Most notices kept; older ones drop off. */
const MAX_NOTICES = 6;

export interface NoticesSlice {
  readonly notices: readonly Notice[];
  notify(level: Notice['level'], text: string): void;
  dismissNotice(id: number): void;
}

export const createNoticesSlice: SliceCreator<NoticesSlice> = (set, _get, deps) => {
  let lastId = 0;
  return {
    notices: (deps.warnings ?? []).map((text) => ({ id: ++lastId, level: 'warn', text })),

    notify(level, text) {
      const notice = { id: ++lastId, level, text };
      set((s) => ({ notices: [...s.notices.slice(1 - MAX_NOTICES), notice] }));
    },

    dismissNotice(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
  };
};
