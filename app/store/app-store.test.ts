// The app store on the in-thread engine and a tiny bundle: loading and switching bundles, the
// slider, runs and Stop, saved runs, the time budget, backend fallbacks and selection errors.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { getFileFromMap } from '../../src/engine/bundle/read';
import type { Engine } from '../../src/engine/api';
import { createSession } from '../../src/engine/session';
import { APP_TINY, makeTinyBundle, type TinyBundle } from '../../test-support/engine/tiny-bundle';
import { parseDatasetIndex } from '../../src/engine/bundle/dataset-index';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings';
import { validateRecord } from '../lib/records';
import { createImportCache } from '../storage/import-cache';
import { memoryKv, memorySplitStore } from '../storage/memory-kv';
import { createResultsStorage } from '../storage/results-db';
import { createAppStore, type AppStore } from './app-store';
import { classCountsOf, keptMaskOf, maxPerClass } from './selectors';
import { makeBundlesStore, makeTinyStore, until } from '../../test-support/app/test-store';
import { syncUrl } from './url-sync';

let tiny: TinyBundle;
beforeAll(async () => {
  tiny = await makeTinyBundle(APP_TINY);
});

function makeStore(
  settings: Partial<Settings> = {},
  kv = memoryKv(),
  files = tiny.files,
): AppStore {
  return makeTinyStore(files, settings, kv);
}

describe('app store', () => {
  it('loads the default bundle, starts at one stored image per class and selects balanced', async () => {
    const store = makeStore();
    await store.getState().init();
    const s = store.getState();
    expect(s.load.status).toBe('ready');
    expect(s.backend).toBe('cpu');
    expect(maxPerClass(s)).toBe(12);
    expect(s.perClass).toBe(4);
    expect(classCountsOf(s)).toEqual([4, 4, 4, 4]);
    expect(keptMaskOf(s)?.reduce((a, b) => a + b, 0)).toBe(16);
  });

  it('switches bundles on the user’s choice, remembering it, float32 ones included', async () => {
    const f32 = await makeTinyBundle({
      classes: 3,
      ipc: 2,
      factor: 2,
      size: 8,
      seed: 4,
      imageDType: 'float32',
    });
    const store = makeBundlesStore({ tiny: tiny.files, 'tiny-f32': f32.files });
    // The bundles the URL records, in the order it first records them.
    const remembered: string[] = [];
    syncUrl(store, (search) => {
      const bundle = new URLSearchParams(search).get('bundle');
      if (bundle !== null && remembered.at(-1) !== bundle) remembered.push(bundle);
    });
    await store.getState().init();
    expect(store.getState().view?.images).toBeInstanceOf(Uint8Array);
    expect(remembered).toEqual([]); // the index's default is not a choice
    await store.getState().chooseBundle('tiny-f32');
    let s = store.getState();
    expect(s.load).toMatchObject({ status: 'ready', bundle: 'tiny-f32' });
    expect(s.view?.images).toBeInstanceOf(Float32Array);
    expect(maxPerClass(s)).toBe(8);
    expect(classCountsOf(s)).toEqual([4, 4, 4]);
    await store.getState().chooseBundle('tiny');
    s = store.getState();
    expect(s.load.bundle).toBe('tiny');
    expect(s.view?.images).toBeInstanceOf(Uint8Array);
    expect(remembered).toEqual(['tiny-f32', 'tiny']);
  });

  it('keeps the user’s IPC across a dataset switch, clamped with a notice where it cannot', async () => {
    const f32 = await makeTinyBundle({ classes: 3, ipc: 2, factor: 2, size: 8, seed: 4 });
    const store = makeBundlesStore({ tiny: tiny.files, small: f32.files }, { autoTrain: false });
    await store.getState().init();
    store.getState().commitPerClass(6); // IPC 1.5 on tiny (12 per class at most)
    await store.getState().chooseBundle('small'); // 8 per class at most: IPC 1.5 fits
    expect(store.getState().perClass).toBe(6);
    expect(store.getState().notices).toHaveLength(0);
    store.getState().commitPerClass(8); // IPC 2
    await store.getState().chooseBundle('tiny');
    expect(store.getState().perClass).toBe(8);
    store.getState().commitPerClass(12); // IPC 3: more than small holds
    await store.getState().chooseBundle('small');
    expect(store.getState().perClass).toBe(8);
    expect(store.getState().notices.map((n) => n.text)).toEqual([
      expect.stringContaining('holds at most IPC 2'),
    ]);
  });

  it('shows the error of a missing bundle with its file', async () => {
    const store = makeStore({ bundle: 'missing' });
    await store.getState().init();
    const { load } = store.getState();
    expect(load.status).toBe('error');
    expect(load.error).toMatchObject({ file: 'manifest.json', problem: 'missing' });
  });

  it('moving the slider previews the selection; releasing it trains and saves the run', async () => {
    const kv = memoryKv();
    const store = makeStore({}, kv);
    await store.getState().init();
    store.getState().setDraftPerClass(7);
    await until(store, () => store.getState().selection?.perClass === 7);
    expect(classCountsOf(store.getState())).toEqual([7, 7, 7, 7]);
    expect(store.getState().run.status).toBe('idle');
    store.getState().commitPerClass(2);
    await until(store, () => store.getState().run.status === 'done');
    const s = store.getState();
    expect(classCountsOf(s)).toEqual([2, 2, 2, 2]);
    expect(s.run.reports.map((r) => r.epoch)).toEqual([1, 2]);
    expect(s.results.records).toHaveLength(1);
    expect(s.results.records[0]).toMatchObject({
      id: 'run-1',
      bundleId: 'tiny',
      method: 'yoco',
      perClass: 2,
      factor: 2,
      epochs: 2,
      width: 4,
      backend: 'cpu',
      testCount: 8,
    });
    expect(s.results.records[0]!.testAccuracy).toBe(s.run.result!.testAccuracy);
    // The run's per-class results are stored with it: its matrix, under the bundle's class names.
    expect(s.results.records[0]!.classResults).toEqual({
      classNames: s.view!.manifest.classes,
      confusion: s.run.result!.confusion,
    });
    expect(validateRecord(kv.values.get('run-1'))).toEqual(s.results.records[0]);
    expect([...kv.values.keys()]).toEqual(['run-1']);
  });

  it('a new commit during a run cancels it; only the new run is recorded', async () => {
    const store = makeStore({ epochs: 40 });
    await store.getState().init();
    store.getState().commitPerClass(12);
    await until(store, () => store.getState().run.reports.length >= 1);
    const firstSeq = store.getState().run.seq;
    store.getState().updateSettings({ epochs: 1 });
    store.getState().commitPerClass(3);
    await until(store, () => store.getState().run.status === 'done');
    const s = store.getState();
    expect(s.run.seq).toBe(firstSeq + 1);
    expect(s.results.records.map((r) => r.perClass)).toEqual([3]);
  });

  it('Stop ends the run as stopped without saving it', async () => {
    const store = makeStore({ epochs: 40, autoTrain: false });
    await store.getState().init();
    void store.getState().startRun();
    await until(store, () => store.getState().run.reports.length >= 1);
    store.getState().stopRun();
    await until(store, () => store.getState().run.status !== 'running');
    expect(store.getState().run.status).toBe('stopped');
    expect(store.getState().results.records).toHaveLength(0);
  });

  it('skips corrupted stored records and says so', async () => {
    const good = {
      id: 'ok',
      createdAt: 5,
      bundleId: 'tiny',
      method: 'yoco',
      perClass: 4,
      factor: 2,
      classes: 4,
      epochs: 1,
      width: 4,
      seed: 0,
      backend: 'cpu',
      testAccuracy: 0.5,
      testCount: 8,
      elapsedMs: 10,
      estimatedMs: null,
    };
    const store = makeStore({}, memoryKv([good, { id: 'bad', testAccuracy: 'NaN' }, 'garbage']));
    await store.getState().init();
    const s = store.getState();
    expect(s.results.records.map((r) => r.id)).toEqual(['ok']);
    expect(s.results.skipped).toBe(2);
    expect(s.notices.some((n) => n.text === '2 stored runs were unreadable and skipped.')).toBe(
      true,
    );
  });

  it('fits the largest n to a time budget from a measured throughput', async () => {
    const store = makeStore({ budgetSeconds: 1000, epochs: 1 });
    await store.getState().init();
    await store.getState().fitToBudget();
    const s = store.getState();
    expect(s.budget.status).toBe('done');
    expect(s.budget.throughput?.backend).toBe('cpu');
    expect(s.budget.perClass).toBe(12); // a generous budget fits the whole condensed set
    expect(s.perClass).toBe(12);
    expect(s.budget.limitedBy).toMatch(/^The whole condensed set fits in .+\.$/);
  });

  it('falls back to the next backend when the requested one cannot start, and says so', async () => {
    const store = makeStore({ backend: 'webgl' });
    await store.getState().init();
    const s = store.getState();
    expect(s.backend).not.toBe('webgl');
    expect(s.backend).not.toBeNull();
    expect(s.notices.map((n) => n.text)).toContainEqual(
      expect.stringMatching(
        /^WebGL failed to start \(webgl: WebGL needs a browser\)\. Trying cpu\.$/,
      ),
    );
  });

  it('a backend failing mid-run is reported, and the run restarts on the next one and is saved', async () => {
    const session = createSession({ getFile: () => getFileFromMap(tiny.files) });
    let failed = false;
    const engine = {
      ...session,
      // The first epoch's report throws, as a lost GPU device would during training.
      train: (request, options) =>
        session.train(request, {
          ...options,
          onEvent: (e) => {
            options?.onEvent?.(e);
            if (e.type === 'epoch' && !failed && (failed = true)) throw new Error('device lost');
          },
        }),
    } satisfies Engine;
    const store = createAppStore({
      engine,
      storage: createResultsStorage(memoryKv()),
      importCache: createImportCache(memorySplitStore()),
      baseUrl: 'http://app/',
      settings: { ...DEFAULT_SETTINGS, backend: 'wasm', width: 4, epochs: 2, testLimit: 8 },
      fetchIndex: async () => parseDatasetIndex({ default: 'tiny', bundles: ['tiny'] }),
    });
    await store.getState().init();
    expect(store.getState().backend).toBe('wasm');
    await store.getState().startRun();
    const s = store.getState();
    expect(s.notices.map((n) => n.text)).toEqual([
      'wasm failed during training (device lost). Continuing on WebGL.',
      'WebGL failed to start (webgl: WebGL needs a browser). Trying cpu.',
    ]);
    expect(s.backend).toBe('cpu');
    expect(s.run.status).toBe('done');
    expect(s.run.reports.map((r) => r.epoch)).toEqual([1, 2]);
    expect(s.results.records.map((r) => r.backend)).toEqual(['cpu']);
  });

  it('shows a selection error (k-means without shipped features) and marks nothing as kept', async () => {
    const store = makeStore();
    await store.getState().init();
    store.getState().setMethod('kmeans');
    await until(store, () => store.getState().selectionError !== null);
    expect(store.getState().selectionError).toBe(
      'k-means selection needs the penultimate features of the final model',
    );
    expect(store.getState().selection).toBeNull();
    store.getState().setMethod('random+balanced');
    await until(store, () => store.getState().selection !== null);
    expect(classCountsOf(store.getState())).toEqual([4, 4, 4, 4]);
    expect(store.getState().selectionError).toBeNull();
  });
});
