// For the store's tests only: a store over the in-thread engine (createSession, cpu backend) and a
// tiny bundle served as `tiny` from a fake dataset index, with small training settings, and a wait
// for a condition on its state.
import { getFileFromMap } from '../../src/engine/bundle/read';
import { createSession } from '../../src/engine/session';
import { parseDatasetIndex } from '../../src/engine/bundle/dataset-index';
import { DEFAULT_SETTINGS, type Settings } from '../../app/lib/settings';
import type { KeyValueStore } from '../../app/storage/idb';
import { createImportCache } from '../../app/storage/import-cache';
import { memoryKv, memorySplitStore } from '../../app/storage/memory-kv';
import { createResultsStorage } from '../../app/storage/results-db';
import { createAppStore, type AppStore } from '../../app/store/app-store';

/** A store whose bundle `tiny` is `files`; records get ids run-1, run-2, … */
export function makeTinyStore(
  files: Map<string, Uint8Array>,
  settings: Partial<Settings> = {},
  kv: KeyValueStore = memoryKv(),
): AppStore {
  const bundles = new Map([['http://app/datasets/tiny/', files]]);
  const engine = createSession({
    getFile: (url) => getFileFromMap(bundles.get(url) ?? new Map()),
    progressIntervalMs: 0,
  });
  let id = 0;
  return createAppStore({
    engine,
    storage: createResultsStorage(kv),
    importCache: createImportCache(memorySplitStore()),
    baseUrl: 'http://app/',
    settings: {
      ...DEFAULT_SETTINGS,
      backend: 'cpu',
      width: 4,
      epochs: 2,
      batchSize: 16,
      testLimit: 8,
      ...settings,
    },
    fetchIndex: async () => parseDatasetIndex({ default: 'tiny', bundles: ['tiny', 'missing'] }),
    newId: () => `run-${++id}`,
  });
}

/** Resolves once `done()` holds; fails after `ms`. */
export async function until(store: AppStore, done: () => boolean, ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for the store');
    await new Promise((r) => setTimeout(r, 20));
  }
}
