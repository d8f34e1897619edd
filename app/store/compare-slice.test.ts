// The comparison on the in-thread engine and a tiny bundle: it trains every method × seed in turn
// with the same settings and saves each finished run tagged with its id; one Stop ends it and
// saves nothing unfinished; a new size (or setting) mid-comparison stops it instead of restarting;
// loading another bundle forgets it.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { APP_TINY, makeTinyBundle, type TinyBundle } from '../../test-support/engine/tiny-bundle';
import { summarizeRuns } from '../lib/compare-stats';
import type { Settings } from '../lib/settings';
import type { AppStore } from './app-store';
import { makeTinyStore, until } from '../../test-support/app/test-store';
import type { RunParams } from './types';

let tiny: TinyBundle;
beforeAll(async () => {
  tiny = await makeTinyBundle(APP_TINY);
});

async function readyStore(settings: Partial<Settings>): Promise<AppStore> {
  const store = makeTinyStore(tiny.files, { autoTrain: false, seed: 3, ...settings });
  await store.getState().init();
  return store;
}

/** The parameters of every run the store starts, in order. */
function startedRuns(store: AppStore): RunParams[] {
  const started: RunParams[] = [];
  store.subscribe((s, prev) => {
    if (s.run.seq !== prev.run.seq && s.run.params) started.push(s.run.params);
  });
  return started;
}

const settled = (store: AppStore) => (): boolean => store.getState().compare.status !== 'running';

describe('compare', () => {
  it('trains each method at each seed in turn with the same settings, and saves every run', async () => {
    const store = await readyStore({ compareSeeds: 2, epochs: 2 });
    const started = startedRuns(store);
    await store.getState().startCompare(['yoco', 'random+balanced']);
    const { compare, results, run, perClass } = store.getState();
    expect(compare.status).toBe('done');
    expect(started.map((p) => [p.method, p.seed])).toEqual([
      ['yoco', 3],
      ['random+balanced', 3],
      ['yoco', 4],
      ['random+balanced', 4],
    ]);
    // Everything but the method and the seed is the settings'.
    for (const p of started) {
      expect(p).toEqual({ ...started[0], method: p.method, seed: p.seed, perClass });
    }
    expect(compare.runs.map((r) => [r.method, r.seed])).toEqual(
      started.map((p) => [p.method, p.seed]),
    );
    expect(compare.total).toBe(4);
    // Each finished run is in the history (newest first) with the comparison's id.
    expect(results.records.map((r) => [r.method, r.seed, r.compareId])).toEqual(
      [...started].reverse().map((p) => [p.method, p.seed, compare.id]),
    );
    expect(results.records[0]!.testAccuracy).toBe(run.result!.testAccuracy);
    expect(compare.runs.at(-1)!.confusion).toEqual(run.result!.confusion);
    const summaries = summarizeRuns(compare.runs, compare.methods);
    expect(summaries.map((s) => [s.method, s.runs])).toEqual([
      ['yoco', 2],
      ['random+balanced', 2],
    ]);
  });

  it('one Stop ends the whole comparison; the unfinished run is not saved', async () => {
    const store = await readyStore({ compareSeeds: 2, epochs: 30 });
    const started = startedRuns(store);
    // Stop as soon as the second run starts.
    store.subscribe((s) => {
      if (s.compare.runs.length === 1 && s.run.status === 'running') s.stopRun();
    });
    await store.getState().startCompare(['yoco', 'random']);
    const s = store.getState();
    expect(s.compare.status).toBe('stopped');
    expect(s.run.status).toBe('stopped');
    expect(started.map((p) => p.method)).toEqual(['yoco', 'random']);
    expect(s.compare.runs.map((r) => r.method)).toEqual(['yoco']);
    expect(s.results.records.map((r) => [r.method, r.compareId])).toEqual([['yoco', s.compare.id]]);
    await new Promise((r) => setTimeout(r, 200));
    expect(started).toHaveLength(2);
  });

  it('a new size mid-comparison stops it (no restart) and saves nothing unfinished', async () => {
    const store = await readyStore({ compareSeeds: 3, epochs: 40 });
    const started = startedRuns(store);
    const done = store.getState().startCompare(['yoco', 'random']);
    await until(store, () => store.getState().run.reports.length >= 1);
    store.getState().commitPerClass(2);
    await done;
    await until(store, settled(store));
    const s = store.getState();
    expect(s.perClass).toBe(2);
    expect(s.compare.status).toBe('stopped');
    expect(s.run.status).toBe('stopped');
    expect(s.results.records).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(started).toHaveLength(1);
    expect(store.getState().run.status).toBe('stopped');
  });

  it('a changed setting mid-comparison stops it too', async () => {
    const store = await readyStore({ compareSeeds: 1, epochs: 40 });
    const done = store.getState().startCompare(['yoco', 'random']);
    await until(store, () => store.getState().run.reports.length >= 1);
    store.getState().updateSettings({ width: 5 });
    await done;
    expect(store.getState().compare.status).toBe('stopped');
    expect(store.getState().results.records).toEqual([]);
    // Another bundle forgets it (resetRun is what loading one calls).
    store.getState().resetRun();
    expect(store.getState().compare).toMatchObject({ status: 'idle', id: null, runs: [] });
  });
});
