// The cache of condensed sets scored on this device (issue 10), in IndexedDB: a reload reopens a
// scored set instead of scoring it again. Keyed by the source files' SHA-256, the scoring settings
// and the bundle whose test set it was paired with; the record holds the in-memory bundle's files.
import type { BundleFiles } from '../../src/engine/api';
import type { ScoreParams } from '../../src/engine/scores/score-set';
import { openStore, type KeyValueStore } from './idb';

export interface CachedImport {
  readonly id: string;
  /** The source file's name, and the bundle title, for the "reopen" list. */
  readonly name: string;
  readonly title: string;
  readonly savedAt: number;
  readonly files: BundleFiles;
}

export interface ImportCache {
  /** Every cached set, newest first. */
  list(): Promise<CachedImport[]>;
  get(id: string): Promise<CachedImport | null>;
  put(entry: CachedImport): Promise<void>;
}

/** The cache key: what the scores depend on. */
export const importKey = (sha256: readonly string[], params: ScoreParams, pairedWith: string) =>
  `${sha256.join('+')}|${pairedWith}|${JSON.stringify(params)}`;

const isEntry = (v: unknown): v is CachedImport => {
  const e = v as Partial<CachedImport> | null;
  return typeof e?.id === 'string' && typeof e.name === 'string' && e.files instanceof Map;
};

export function createImportCache(
  store: KeyValueStore = openStore('yoco-imports', 'scored'),
): ImportCache {
  const list = async () =>
    (await store.getAll()).filter(isEntry).sort((a, b) => b.savedAt - a.savedAt);
  return {
    list,
    get: async (id) => (await list()).find((e) => e.id === id) ?? null,
    put: (entry) => store.put(entry),
  };
}
