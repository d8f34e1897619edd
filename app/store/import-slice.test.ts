// The import flow of the store (import-slice.ts) on the in-thread engine with a tiny 3-class 8×8
// gray bundle and the DSA fixture: a file over the size limit is refused by name before any byte
// of it is read; a set that does not match the open bundle is refused with a
// message naming both; cancelling stops the scoring and keeps the open bundle; a scored set
// becomes the open bundle (gallery, slider and selection by its LBPE), is cached, and opening it
// again, or reopening it from the cache list, does not score it again. A bundle folder opens as it
// is (no scoring) and is cached too; one whose file does not match its manifest is refused. A
// full storage quota and an eviction from the cache each end in a notice.
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it, vi } from 'vitest';
import { createSession } from '../../src/engine/session';
import { getFileFromMap } from '../../src/engine/bundle/read';
import { PAPER_SCORING } from '../../src/engine/scores/score-set';
import {
  APP_TINY,
  makeTinyBundle,
  type TinyBundleOptions,
} from '../../test-support/engine/tiny-bundle';
import { readBundleFolder, type FolderFile } from '../lib/bundle-folder';
import { parseDatasetIndex } from '../../src/engine/bundle/dataset-index';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { createImportCache, IMPORT_CACHE_BOUNDS } from '../storage/import-cache';
import { memoryKv, memorySplitStore } from '../storage/memory-kv';
import { createResultsStorage } from '../storage/results-db';
import { createAppStore } from './app-store';

/** Node's fs (the app's tsconfig has no Node types; the store tests run in Node). */
const { readFileSync } = (
  globalThis as unknown as {
    process: {
      getBuiltinModule(id: 'node:fs'): { readFileSync(path: URL): Uint8Array<ArrayBuffer> };
    };
  }
).process.getBuiltinModule('node:fs');
const FIXTURE = new URL('../../tools/fixtures/import/dsa-zip.pt', import.meta.url);
const file = () => [{ name: 'dsa-zip.pt', blob: new Blob([readFileSync(FIXTURE)]) }];
const TINY_SCORING = {
  ...PAPER_SCORING,
  scoreWidth: 4,
  scoreEpochs: 2,
  topK: 1,
  runs: 1,
  batchSize: 16,
};

async function makeStore(
  options: TinyBundleOptions = { classes: 3, ipc: 2, factor: 1, size: 8, channels: 1, seed: 3 },
  kv = memorySplitStore(),
) {
  const tiny = await makeTinyBundle(options);
  const engine = createSession({
    getFile: () => getFileFromMap(tiny.files),
    progressIntervalMs: 0,
  });
  const scoreImported = vi.spyOn(engine, 'scoreImported');
  const store = createAppStore({
    engine,
    storage: createResultsStorage(memoryKv()),
    importCache: createImportCache(kv),
    baseUrl: 'http://app/',
    settings: { ...DEFAULT_SETTINGS, backend: 'cpu', width: 4, epochs: 2, batchSize: 16 },
    fetchIndex: async () => parseDatasetIndex({ default: 'tiny', bundles: ['tiny'] }),
  });
  await store.getState().init();
  store.getState().setImportParams(TINY_SCORING);
  return { store, tiny, scoreImported, kv };
}

describe('opening a condensed set', () => {
  it('refuses a file over the size limit by name, before reading a byte of it', async () => {
    const { store, tiny, scoreImported } = await makeStore();
    const read = vi.fn(() => {
      throw new Error('read');
    });
    // A Blob that says it is 2 GiB and fails if anything reads it.
    const huge = { size: 2 ** 31, arrayBuffer: read, slice: read, stream: read, text: read };
    await store.getState().openCondensed([{ name: 'huge.pt', blob: huge as unknown as Blob }]);
    const { importState, view } = store.getState();
    expect(importState.status).toBe('error');
    expect(importState.error?.message).toMatch(/^huge\.pt: 2\.00 GB is larger than the 2\.00 GB/);
    expect(importState.error?.message).toContain('nothing was read');
    expect(read).not.toHaveBeenCalled();
    expect(scoreImported).not.toHaveBeenCalled();
    expect(view?.manifest.id).toBe(tiny.manifest.id);
  });

  it('refuses a set that does not match the open bundle, naming both', async () => {
    const { store, tiny } = await makeStore(APP_TINY);
    await store.getState().openCondensed(file());
    const { importState, view } = store.getState();
    expect(importState.status).toBe('error');
    expect(importState.error?.message).toContain('images are 8×8×1');
    expect(importState.error?.message).toContain('16×16×3 images, 4 classes');
    expect(view?.manifest.id).toBe(tiny.manifest.id);
  });

  it('cancels a scoring in progress and keeps the open bundle', async () => {
    const { store, tiny } = await makeStore();
    store.getState().setImportParams({ ...TINY_SCORING, scoreEpochs: 200 });
    const opening = store.getState().openCondensed(file());
    while (!store.getState().importState.progress) await new Promise((r) => setTimeout(r, 10));
    store.getState().cancelImport();
    await opening;
    expect(store.getState().importState.status).toBe('idle');
    expect(store.getState().importState.progress).toBeNull();
    expect(store.getState().view?.manifest.id).toBe(tiny.manifest.id);
  });

  it('scores a set into the open bundle, caches it, and reopens it without scoring again', async () => {
    const { store, scoreImported, kv } = await makeStore();
    await store.getState().openCondensed(file());
    let s = store.getState();
    expect(s.importState).toMatchObject({ status: 'done', cached: false, file: 'dsa-zip.pt' });
    expect(s.view?.manifest.condensation.params).toMatchObject({ imported: { layout: 'dsa' } });
    expect(s.load.bundle).toBe('dsa-zip.pt');
    // One per class, the easier (lower LBPE) of its two samples: ranked by its own scores.
    const lbpe = s.view!.scores.lbpe;
    const kept = Array.from(s.selection!.indices);
    expect(kept.map((i) => Math.floor(i / 2))).toEqual([0, 1, 2]);
    for (const i of kept) expect(lbpe[i]).toBeLessThanOrEqual(lbpe[i ^ 1]!);
    expect(s.cachedImports.map((c) => c.name)).toEqual(['dsa-zip.pt']);
    expect(scoreImported).toHaveBeenCalledTimes(1);
    const scores = Array.from(s.view!.scores.lbpe);

    // A reload: a fresh store over the same cache opens the file again from the cache.
    const again = await makeStore(undefined, kv);
    await again.store.getState().openCondensed(file());
    s = again.store.getState();
    expect(s.importState).toMatchObject({ status: 'done', cached: true });
    expect(Array.from(s.view!.scores.lbpe)).toEqual(scores);
    expect(again.scoreImported).not.toHaveBeenCalled();
    // … and the reopen list does the same without the file.
    const third = await makeStore(undefined, kv);
    await third.store.getState().reopenImport(third.store.getState().cachedImports[0]!.id);
    expect(Array.from(third.store.getState().view!.scores.lbpe)).toEqual(scores);
    expect(third.scoreImported).not.toHaveBeenCalled();
  }, 60_000);
});

/** A tiny bundle's files as a picked folder named `name` (plus a file in a subfolder). */
async function folderOf(name: string, tamper = false): Promise<FolderFile[]> {
  const other = await makeTinyBundle(APP_TINY);
  const entries: FolderFile[] = [...other.files].map(([path, bytes]) => {
    const copy = Uint8Array.from(bytes);
    if (tamper && path === 'labels.u8') copy[0] = copy[0]! ^ 1;
    return { path: `${name}/${path}`, file: new Blob([copy]) };
  });
  entries.push({ path: `${name}/old/notes.txt`, file: new Blob(['ignored']) });
  return entries;
}

describe('opening a bundle folder', () => {
  it('opens it as it is (its own scores and test set), caches it, and reopens it', async () => {
    const { store, scoreImported, kv } = await makeStore();
    const entries = await folderOf('my-bundle');
    await store.getState().openBundleFolder(() => readBundleFolder(entries));
    const s = store.getState();
    expect(s.importState).toMatchObject({ status: 'done', file: 'my-bundle', folder: true });
    expect(s.view?.manifest.classes).toHaveLength(4);
    expect(s.view?.manifest.imageShape).toEqual([16, 16, 3]);
    expect(s.load.bundle).toBe('my-bundle');
    expect(scoreImported).not.toHaveBeenCalled();
    expect(s.cachedImports.map((c) => c.name)).toEqual(['my-bundle']);
    const again = await makeStore(undefined, kv);
    await again.store.getState().reopenImport(again.store.getState().cachedImports[0]!.id);
    expect(again.store.getState().view?.manifest.imageShape).toEqual([16, 16, 3]);
  });

  it('refuses a folder whose file does not match its manifest, and keeps the open bundle', async () => {
    const { store, tiny } = await makeStore();
    const entries = await folderOf('tampered', true);
    await store.getState().openBundleFolder(() => readBundleFolder(entries));
    const s = store.getState();
    expect(s.importState.status).toBe('error');
    expect(s.importState.error?.message).toContain('labels.u8');
    expect(s.view?.manifest.id).toBe(tiny.manifest.id);
    expect(s.cachedImports).toEqual([]);
  });

  it('says so when the storage quota refuses it, and when older entries were evicted', async () => {
    const { store, kv } = await makeStore();
    kv.failNextPut = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    await store.getState().openBundleFolder(async () => readBundleFolder(await folderOf('first')));
    let s = store.getState();
    expect(s.importState).toMatchObject({ status: 'done', file: 'first' });
    expect(s.notices.at(-1)?.text).toMatch(
      /^The bundle folder was not cached: the browser's storage quota is full: "first"/,
    );
    expect(s.cachedImports).toEqual([]);
    // Fill the cache to its count with small entries, then open the folder: the oldest goes.
    for (let i = 0; i < IMPORT_CACHE_BOUNDS.maxEntries; i++) {
      await createImportCache(kv, { now: () => i }).put({
        id: `old${i}`,
        name: `old${i}.pt`,
        title: 'Old',
        savedAt: i,
        files: new Map([['manifest.json', new Uint8Array(1)]]),
      });
    }
    await store.getState().openBundleFolder(async () => readBundleFolder(await folderOf('second')));
    s = store.getState();
    expect(s.notices.at(-1)).toMatchObject({ level: 'info' });
    expect(s.notices.at(-1)?.text).toMatch(/least recently used was removed \("old0\.pt"\)/);
    expect(s.cachedImports.map((c) => c.name)).toHaveLength(IMPORT_CACHE_BOUNDS.maxEntries);
    expect(s.cachedImports[0]?.name).toBe('second');
  });
});
