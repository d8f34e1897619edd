// The import flow of the store (import-slice.ts) on the in-thread engine with a tiny 3-class 8×8
// gray bundle and the DSA fixture: a set that does not match the open bundle is refused with a
// message naming both; cancelling stops the scoring and keeps the open bundle; a scored set
// becomes the open bundle (gallery, slider and selection by its LBPE), is cached, and opening it
// again, or reopening it from the cache list, does not score it again. A bundle folder opens as it
// is (no scoring) and is cached too; one whose file does not match its manifest is refused.
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it, vi } from 'vitest';
import { createSession } from '../../src/engine/session';
import { getFileFromMap } from '../../src/engine/bundle/read';
import { PAPER_SCORING } from '../../src/engine/scores/score-set';
import {
  APP_TINY,
  makeTinyBundle,
  type TinyBundleOptions,
} from '../../src/engine/testing/tiny-bundle';
import { readBundleFolder, type FolderFile } from '../lib/bundle-folder';
import { parseDatasetIndex } from '../lib/dataset-index';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { createImportCache } from '../storage/import-cache';
import { memoryKv } from '../storage/memory-kv';
import { createResultsStorage } from '../storage/results-db';
import { createAppStore } from './app-store';

/** Node's fs (the app's tsconfig has no Node types; the store tests run in Node). */
const { readFileSync } = (
  globalThis as unknown as {
    process: { getBuiltinModule(id: 'node:fs'): { readFileSync(path: URL): Uint8Array } };
  }
).process.getBuiltinModule('node:fs');
const FIXTURE = new URL('../../tools/fixtures/import/dsa-zip.pt', import.meta.url);
const file = () => [{ name: 'dsa-zip.pt', bytes: new Uint8Array(readFileSync(FIXTURE)) }];
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
  kv = memoryKv(),
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
});
