// The reconciler against a fake engine whose runs the test drives epoch by epoch: a change to what
// a run trains with restarts an active run with the new value (and only an active one), changes
// made together restart it once, and slider ticks are debounced.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BundleView, Engine, SelectRequest, TrainRequest } from '../../src/engine/api';
import { AbortedError } from '../../src/engine/errors';
import type { BackendName, EpochReport } from '../../src/engine/types';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings';
import { createImportCache } from '../storage/import-cache';
import { memoryKv, memorySplitStore } from '../storage/memory-kv';
import { createResultsStorage } from '../storage/results-db';
import { createAppStore, type AppStore } from './app-store';
import { SLIDER_DEBOUNCE_MS, SLIDER_MAX_WAIT_MS } from './reconcile';

const CLASSES = 3;
const PER_CLASS = 8; // IPC_F 2, f 2

const VIEW = {
  manifest: { id: 'fake', factor: 2, ipc: 2, classes: ['a', 'b', 'c'] },
  samplesPerClass: PER_CLASS,
  testCount: 30,
} as unknown as BundleView;

interface FakeRun {
  readonly request: TrainRequest;
  readonly signal: AbortSignal;
  /** Reports epoch `n` (as the engine does after each epoch). */
  epoch(n: number): void;
  finish(): void;
}

function fakeEngine() {
  const runs: FakeRun[] = [];
  const selects: SelectRequest[] = [];
  /** Every engine call in order: 'select', 'train', 'setBackend:<name>'. */
  const calls: string[] = [];
  let backend: BackendName = 'cpu';
  const engine: Engine = {
    loadBundle: async () => VIEW,
    async select(request) {
      calls.push('select');
      selects.push(request);
      const ids: number[] = [];
      for (let c = 0; c < CLASSES; c++)
        for (let k = 0; k < request.perClass; k++) ids.push(c * PER_CLASS + k);
      return Int32Array.from(ids);
    },
    train(request, options) {
      calls.push('train');
      const signal = options!.signal!;
      const onEpoch = (report: EpochReport) => options!.onEvent!({ type: 'epoch', report });
      return new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new AbortedError()));
        const report = (epoch: number) => ({
          ...{ epoch, epochs: request.epochs, loss: 1 / epoch, trainAccuracy: 0.5 },
          ...{ testAccuracy: 0.4, samplesPerSec: 100, elapsedMs: epoch * 10 },
        });
        runs.push({
          request,
          signal,
          epoch: (n) => onEpoch(report(n)),
          finish: () =>
            resolve({
              indices: new Int32Array(0),
              testAccuracy: 0.5,
              confusion: [
                [5, 5, 0],
                [5, 5, 0],
                [0, 5, 5],
              ],
              testCount: 30,
              testPerClass: [10, 10, 10],
              epochTestCount: 30,
              epochTestPerClass: [10, 10, 10],
              epochs: [],
              backend,
              elapsedMs: 5,
            }),
        });
      });
    },
    measureThroughput: () => Promise.reject(new Error('not measured in these tests')),
    chooseBackend: () => Promise.reject(new Error('not measured in these tests')),
    openBundleFiles: () => Promise.reject(new Error('not opened in these tests')),
    scoreImported: () => Promise.reject(new Error('not imported in these tests')),
    async setBackend(preferred) {
      calls.push(`setBackend:${preferred}`);
      backend = preferred ?? 'cpu';
      return backend;
    },
  };
  return { engine, runs, selects, calls };
}

async function setup(settings: Partial<Settings> = {}) {
  const fake = fakeEngine();
  const store: AppStore = createAppStore({
    engine: fake.engine,
    storage: createResultsStorage(memoryKv()),
    importCache: createImportCache(memorySplitStore()),
    baseUrl: 'http://app/',
    settings: { ...DEFAULT_SETTINGS, bundle: 'fake', autoTrain: false, epochs: 5, ...settings },
    fetchIndex: () => Promise.reject(new Error('no index')),
  });
  await store.getState().init();
  return { store, ...fake };
}

/** Lets the store's microtasks and the fake engine's promises settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => void vi.useRealTimers());

describe('the reconciler restarts an active run when what it trains with changes', () => {
  // The setting, its new value, and the request fields that carry it to the engine.
  it.each([
    ['seed', 7, ['trainSeed', 'seed']],
    ['width', 16, ['width']],
    ['epochs', 9, ['epochs']],
  ] as const)(
    'changing the %s mid-run restarts the run with the new value',
    async (key, value, fields) => {
      const { store, runs } = await setup();
      const sent = (r: TrainRequest) => fields.map((f) => r[f]);
      void store.getState().startRun();
      await settle();
      expect(runs).toHaveLength(1);
      runs[0]!.epoch(1);
      await vi.waitFor(() => expect(store.getState().run.reports).toHaveLength(1));
      const firstSeq = store.getState().run.seq;

      store.getState().updateSettings({ [key]: value });
      await settle();
      // The old run is cancelled and a new one trains with the new value.
      expect(runs[0]!.signal.aborted).toBe(true);
      expect(runs).toHaveLength(2);
      expect(sent(runs[0]!.request)).not.toContain(value);
      expect(sent(runs[1]!.request)).toEqual(fields.map(() => value));
      let s = store.getState();
      expect(s.run).toMatchObject({ status: 'running', seq: firstSeq + 1, reports: [] });
      expect(s.run.params?.[key]).toBe(value);
      // A late report of the cancelled run changes nothing.
      runs[0]!.epoch(2);
      runs[1]!.epoch(1);
      runs[1]!.finish();
      await vi.waitFor(() => expect(store.getState().run.status).toBe('done'));
      s = store.getState();
      expect(s.run.reports.map((r) => r.epochs)).toEqual([runs[1]!.request.epochs]);
      expect(s.results.records).toHaveLength(1);
      expect(s.results.records[0]).toMatchObject({ [key]: value });
      if (key === 'seed') expect(s.selection?.key).toBe(`yoco|4|${value}`); // the gallery follows
    },
  );

  it('changes made together restart the run once, with all of them', async () => {
    const { store, runs } = await setup();
    void store.getState().startRun();
    await settle();
    store.getState().updateSettings({ epochs: 2, seed: 3 });
    store.getState().commitPerClass(6);
    store.getState().setMethod('random');
    await settle();
    expect(runs).toHaveLength(2);
    expect(runs[1]!.request).toMatchObject({ epochs: 2, trainSeed: 3, perClass: 6 });
    expect(runs[1]!.request.method).toBe('random');
  });

  it('starts nothing when no run is active (idle, finished or stopped)', async () => {
    const { store, runs } = await setup();
    store.getState().updateSettings({ seed: 1 });
    await settle();
    expect(runs).toHaveLength(0);
    void store.getState().startRun();
    await settle();
    runs[0]!.finish();
    await vi.waitFor(() => expect(store.getState().run.status).toBe('done'));
    store.getState().updateSettings({ seed: 2, width: 8 });
    await settle();
    void store.getState().startRun();
    await settle();
    store.getState().stopRun();
    await vi.waitFor(() => expect(store.getState().run.status).toBe('stopped'));
    store.getState().updateSettings({ epochs: 3 });
    await settle();
    expect(runs).toHaveLength(2);
    // Settings that do not change a run's outcome never restart it.
    void store.getState().startRun();
    await settle();
    store.getState().updateSettings({ budgetSeconds: 5, autoTrain: true });
    await settle();
    expect(runs).toHaveLength(3);
  });

  it('a backend switch mid-run: the engine switches first, then the run restarts on it', async () => {
    const { store, runs, calls } = await setup();
    void store.getState().startRun();
    await settle();
    calls.length = 0;
    await store.getState().switchBackend('wasm');
    await settle();
    expect(calls).toEqual(['setBackend:wasm', 'train']);
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(store.getState().run.params?.backend).toBe('wasm');
    runs[1]!.finish();
    await vi.waitFor(() => expect(store.getState().run.status).toBe('done'));
    expect(store.getState().results.records[0]?.backend).toBe('wasm');
  });
});

describe('auto-train', () => {
  it('the reconciler starts a run on a committed new size; the same size or a moved slider do not', async () => {
    const { store, runs } = await setup({ autoTrain: true });
    store.getState().setDraftPerClass(6);
    store.getState().commitPerClass(store.getState().perClass); // released where it was
    await settle();
    expect(runs).toHaveLength(0);
    store.getState().commitPerClass(6);
    // Recorded only: the run starts once the reconciler has looked.
    expect(store.getState().run.status).toBe('idle');
    await settle();
    expect(runs.map((r) => r.request.perClass)).toEqual([6]);
    expect(store.getState().run).toMatchObject({ status: 'running', params: { perClass: 6 } });
  });

  it('starts nothing with auto-train off', async () => {
    const { store, runs } = await setup();
    store.getState().commitPerClass(6);
    await settle();
    expect(runs).toHaveLength(0);
    expect(store.getState().selection?.perClass).toBe(6);
  });
});

describe('slider ticks', () => {
  it('are debounced: a burst of ticks asks for one selection, its last', async () => {
    const { store, selects } = await setup();
    selects.length = 0;
    vi.useFakeTimers();
    // A tick every 20 ms, over sizes other than the selected 4.
    for (const n of [5, 6, 7, 8, 7, 6, 5]) {
      store.getState().setDraftPerClass(n);
      await vi.advanceTimersByTimeAsync(SLIDER_DEBOUNCE_MS / 2);
    }
    expect(selects).toEqual([]);
    await vi.advanceTimersByTimeAsync(SLIDER_DEBOUNCE_MS);
    expect(selects.map((r) => r.perClass)).toEqual([5]);
    expect(store.getState().selection?.perClass).toBe(5);
  });

  it('still preview while the slider keeps moving, at most once per longest wait', async () => {
    const { store, selects } = await setup();
    selects.length = 0;
    vi.useFakeTimers();
    const tickMs = 10;
    const ticks = 60; // 600 ms of dragging without a pause
    for (let i = 0; i < ticks; i++) {
      store.getState().setDraftPerClass(1 + (i % PER_CLASS));
      await vi.advanceTimersByTimeAsync(tickMs);
    }
    const during = selects.length;
    expect(during).toBeGreaterThanOrEqual(Math.floor((ticks * tickMs) / SLIDER_MAX_WAIT_MS) - 1);
    expect(during).toBeLessThanOrEqual(Math.ceil((ticks * tickMs) / SLIDER_MAX_WAIT_MS));
    // Releasing it asks at once, without waiting.
    store.getState().commitPerClass(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(selects.at(-1)?.perClass).toBe(3);
  });
});
