// The store under faults a user can cause: a run stopped while its result was already on the way
// (Stop during the last epoch) ends as stopped and is never saved; overlapping bundle loads end
// with the latest request shown by the UI and held by the engine, the older load cancelled; a
// bundle on another origin is refused before the engine is asked for it.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import type { Engine, TrainResult } from '../../src/engine/api';
import { getFileFromMap, type GetFile } from '../../src/engine/bundle/read';
import { createSession } from '../../src/engine/session';
import { makeTwoTinyBundles, type TinyBundle } from '../../test-support/engine/tiny-bundle';
import { parseDatasetIndex } from '../../src/engine/bundle/dataset-index';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { createImportCache } from '../storage/import-cache';
import { memoryKv, memorySplitStore } from '../storage/memory-kv';
import { createResultsStorage } from '../storage/results-db';
import { createAppStore } from './app-store';

let four: TinyBundle;
let three: TinyBundle;
beforeAll(async () => {
  [four, three] = await makeTwoTinyBundles();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function storeWith(engine: Engine, kv = memoryKv()) {
  return createAppStore({
    engine,
    storage: createResultsStorage(kv),
    importCache: createImportCache(memorySplitStore()),
    baseUrl: 'http://app/',
    settings: { ...DEFAULT_SETTINGS, backend: 'cpu', width: 4, epochs: 2, autoTrain: false },
    fetchIndex: async () => parseDatasetIndex({ default: 'four', bundles: ['four', 'three'] }),
  });
}

describe('store: Stop during the last epoch', () => {
  it('a result that arrives after Stop ends the run as stopped and saves nothing', async () => {
    const session = createSession({ getFile: () => getFileFromMap(four.files) });
    let finish!: (r: TrainResult) => void;
    let trainSignal: AbortSignal | undefined;
    // A worker that finished its last evaluation before the cancel reached it: it answers with
    // a result although the caller's signal has fired.
    const engine: Engine = {
      ...session,
      train: (_request, options) => {
        trainSignal = options?.signal;
        return new Promise<TrainResult>((resolve) => (finish = resolve));
      },
    };
    const kv = memoryKv();
    const store = storeWith(engine, kv);
    await store.getState().init();
    const run = store.getState().startRun();
    expect(store.getState().run.status).toBe('running');
    store.getState().stopRun();
    expect(trainSignal?.aborted).toBe(true);
    finish({
      indices: new Int32Array(0),
      testAccuracy: 0.5,
      confusion: [
        [1, 1, 0, 0],
        [0, 1, 1, 0],
        [0, 0, 1, 1],
        [1, 0, 0, 1],
      ],
      testCount: 8,
      testPerClass: [2, 2, 2, 2],
      epochTestCount: 8,
      epochTestPerClass: [2, 2, 2, 2],
      epochs: [],
      backend: 'cpu',
      elapsedMs: 1,
    });
    await run;
    expect(store.getState().run.status).toBe('stopped');
    expect(store.getState().run.result).toBeNull();
    expect(store.getState().results.records).toHaveLength(0);
    expect(kv.values.size).toBe(0);
  });
});

describe('store: overlapping bundle loads', () => {
  it('the latest request wins in the UI and in the engine, and the older load is cancelled', async () => {
    const signals = new Map<string, AbortSignal | undefined>();
    // Bundle "four" is slow to read, "three" fast: the older request would finish last.
    const getFile = (url: string, signal?: AbortSignal): GetFile => {
      const slow = url.includes('/four/');
      signals.set(slow ? 'four' : 'three', signal);
      const inner = getFileFromMap(slow ? four.files : three.files);
      return async (path, onBytes, limit) => {
        await sleep(slow ? 60 : 0);
        return inner(path, onBytes, limit);
      };
    };
    const session = createSession({ getFile });
    const store = storeWith(session);
    await store.getState().applyBackend('cpu');
    const older = store.getState().loadBundle('four');
    const newer = store.getState().chooseBundle('three');
    await Promise.all([older, newer]);
    await sleep(150); // well past the slow reads, had they gone on
    const s = store.getState();
    expect(s.load).toMatchObject({ status: 'ready', bundle: 'three' });
    expect(s.view?.manifest.classes).toHaveLength(3);
    // What the engine holds is what the UI shows.
    expect(session.loaded()?.manifest.classes).toHaveLength(3);
    expect(signals.get('four')?.aborted).toBe(true);
    expect(signals.get('three')?.aborted).toBe(false);
    // Selections and runs go to the bundle on screen.
    await store.getState().refreshSelection();
    expect(store.getState().selection?.indices.length).toBe(3 * store.getState().perClass);
  });
});

describe('store: a bundle from another origin', () => {
  it('is refused before the engine sees it, with the origin named', async () => {
    const session = createSession({ getFile: () => getFileFromMap(four.files) });
    const asked: string[] = [];
    const engine: Engine = {
      ...session,
      loadBundle: (url, options) => {
        asked.push(url);
        return session.loadBundle(url, options);
      },
    };
    const store = storeWith(engine);
    await store.getState().loadBundle('//other-host/datasets/four/');
    expect(asked).toEqual([]);
    expect(store.getState().load).toMatchObject({
      status: 'error',
      bundle: '//other-host/datasets/four/',
      error: { title: 'This bundle was not opened', origin: 'http://other-host' },
    });
    await store.getState().loadBundle('four');
    expect(asked).toEqual(['http://app/datasets/four/']);
    expect(store.getState().load.status).toBe('ready');
  });
});
