// Notices slice: the dismissable messages above the page (ignored URL parameters, backend
// fallbacks, skipped stored records, storage failures). Other slices report through `notify`;
// backend failures are shown as the engine reports them (it falls back by itself), a lost WebGPU
// device as "WebGPU was lost (…); re-initialised." or "…; unavailable until reload.".
import type { BackendEvent } from '../../src/engine/api';
import { briefError } from '../lib/error-info';
import { backendLabel } from '../lib/format';
import type { Notice, SliceCreator } from './types';

/** Most notices kept; older ones drop off. */
const MAX_NOTICES = 6;

export interface NoticesSlice {
  readonly notices: readonly Notice[];
  notify(level: Notice['level'], text: string): void;
  dismissNotice(id: number): void;
  /** Says that a backend failed and which one the engine tries next. */
  reportBackend(event: BackendEvent): void;
}

export const createNoticesSlice: SliceCreator<NoticesSlice> = (set, get, deps) => {
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

    reportBackend({ phase, failed, reason, next }) {
      const was = backendLabel(failed);
      const why = briefError(reason);
      if (phase === 'lost') {
        const then = next && next !== failed ? ` Continuing on ${backendLabel(next)}.` : '';
        const now = next === failed ? 're-initialised' : 'unavailable until reload';
        get().notify('warn', `${was} was lost (${why}); ${now}.${then}`);
      } else if (phase === 'start') {
        const trying = next ? ` Trying ${backendLabel(next)}.` : '';
        get().notify('warn', `${was} failed to start (${why}).${trying}`);
      } else if (next) {
        const then = backendLabel(next);
        get().notify('warn', `${was} failed during training (${why}). Continuing on ${then}.`);
      }
    },
  };
};
