// Stored training runs: saved in IndexedDB so they survive reloads; unreadable records are skipped
// and counted, never passed on.
import { sanitizeRecords, type RunRecord } from '../lib/records';
import { openStore, type KeyValueStore } from './idb';

export const RESULTS_DB = 'yoco-web';
export const RESULTS_STORE = 'runs';

export interface LoadedRecords {
  readonly records: RunRecord[];
  /** Stored values that failed validation and were left out. */
  readonly skipped: number;
}

export interface ResultsStorage {
  load(): Promise<LoadedRecords>;
  save(record: RunRecord): Promise<void>;
  clear(): Promise<void>;
}

export function createResultsStorage(
  store: KeyValueStore = openStore(RESULTS_DB, RESULTS_STORE),
): ResultsStorage {
  return {
    load: async () => sanitizeRecords(await store.getAll()),
    save: (record) => store.put({ ...record }),
    clear: () => store.clear(),
  };
}
