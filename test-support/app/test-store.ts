// For the store's tests only: a store over the in-thread engine (createSession, cpu backend) serving
// bundles from a fake dataset index (a tiny bundle as `tiny`, or several), with small training
// settings, and a wait for a condition on its state.
import { getFileFromMap } from '../../src/engine/bundle/read';
import { createSession } from '../../src/engine/session';
import { parseDatasetIndex } from '../../src/engine/bundle/dataset-index';
import { DEFAULT_SETTINGS, type Settings } from '../../app/lib/settings';
import type { KeyValueStore } from '../../app/storage/idb';
import { createImportCache } from '../../app/storage/import-cache';
import { memoryKv, memorySplitStore } from '../../app/storage/memory-kv';
import { createResultsStorage } from '../../app/storage/results-db';
import { createAppStore, type AppStore } from '../../app/store/app-store';

/** A store whose bundle `tiny` is `files` (the index lists a `missing` one too). */
export function makeTinyStore(
  files: Map<string, Uint8Array>,
  settings: Partial<Settings> = {},
  kv: KeyValueStore = memoryKv(),
): AppStore {
  return makeBundlesStore({ tiny: files }, settings, kv, ['tiny', 'missing']);
}

/**
 * A store serving `served` (bundle id → files) from an index listing `listed` (default: those
 * ids), the first the default; records get ids run-1, run-2, …
 */
export function makeBundlesStore(
  served: Record<string, Map<string, Uint8Array>>,
  settings: Partial<Settings> = {},
  kv: KeyValueStore = memoryKv(),
  listed: readonly string[] = Object.keys(served),
): AppStore {
  const bundles = new Map(
    Object.entries(served).map(([id, files]) => [`http://app/datasets/${id}/`, files]),
  );
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
    fetchIndex: async () => parseDatasetIndex({ default: listed[0], bundles: [...listed] }),
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
