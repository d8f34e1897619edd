// Results slice: every finished run, kept in the browser (IndexedDB through storage/results-db.ts)
// and listed newest first; unreadable stored records are skipped and counted.
import { briefError, errorInfo } from '../lib/error-info';
import type { RunRecord } from '../lib/records';
import type { ResultsState, SliceCreator } from './types';

export interface ResultsSlice {
  readonly results: ResultsState;
  /** Reads the stored runs (once, at start). */
  loadResults(): Promise<void>;
  /** Lists a finished run and stores it; a storage failure is reported, the run stays listed. */
  saveRecord(record: RunRecord): Promise<void>;
  clearResults(): Promise<void>;
}

const EMPTY: ResultsState = { loaded: true, records: [], skipped: 0, error: null };

export const createResultsSlice: SliceCreator<ResultsSlice> = (set, get, { storage }) => ({
  results: { ...EMPTY, loaded: false },

  async loadResults() {
    try {
      const { records, skipped } = await storage.load();
      set({ results: { ...EMPTY, records, skipped } });
      if (skipped > 0) {
        const were = skipped === 1 ? ' was' : 's were';
        get().notify('warn', `${skipped} stored run${were} unreadable and skipped.`);
      }
    } catch (e) {
      set({ results: { ...EMPTY, error: errorInfo(e, '').message } });
    }
  },

  async saveRecord(record) {
    set((s) => ({ results: { ...s.results, records: [record, ...s.results.records] } }));
    try {
      await storage.save(record);
    } catch (e) {
      get().notify('error', `Could not save the run in this browser's storage: ${briefError(e)}`);
    }
  },

  async clearResults() {
    try {
      await storage.clear();
      set({ results: EMPTY });
    } catch (e) {
      get().notify('error', `Could not clear stored runs: ${briefError(e)}`);
    }
  },
});
