// This device's speed in the store (speed.ts, budget-slice.ts) over the real in-thread engine:
// once a bundle is open the follower measures it, so a run's estimate shows before it trains; a
// new width is measured again; a run started before its settings were measured waits for the
// measurement and keeps its estimate, which its record saves beside the actual time; with no
// backend set, the choice is by measurement (wasm in Node).
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { APP_TINY, makeTinyBundle, type TinyBundle } from '../../test-support/engine/tiny-bundle';
import { runEstimate, followSpeed, speedKey } from './speed';
import { makeTinyStore, until } from '../../test-support/app/test-store';

let tiny: TinyBundle;
beforeAll(async () => {
  tiny = await makeTinyBundle(APP_TINY);
});

describe('the speed follower', () => {
  it('measures once a bundle is open, and again for a new width', async () => {
    const store = makeTinyStore(tiny.files);
    const stop = followSpeed(store);
    await store.getState().init();
    await until(store, () => store.getState().budget.throughput !== null);
    let s = store.getState();
    expect(s.budget.choice).toMatchObject({ backend: 'cpu', forced: true });
    expect(s.budget.choiceKey).toBe(speedKey(s));
    expect(runEstimate(s, s.perClass).ms).toBeGreaterThan(0);
    expect(s.run.status).toBe('idle'); // the estimate came before any training
    s.updateSettings({ width: 6 });
    await until(store, () => store.getState().budget.throughput?.width === 6);
    s = store.getState();
    expect(runEstimate(s, s.perClass).ms).toBeGreaterThan(0);
    stop();
  });

  it('a run started before its settings were measured gets the estimate, saved with the run', async () => {
    const store = makeTinyStore(tiny.files);
    await store.getState().init(); // no follower: only the run asks for the measurement
    expect(store.getState().budget.throughput).toBeNull();
    const result = await store.getState().startRun();
    expect(result).not.toBeNull();
    const s = store.getState();
    expect(s.run.estimatedMs).toBeGreaterThan(0);
    expect(s.results.records[0]?.estimatedMs).toBe(s.run.estimatedMs);
  });

  it('with no backend set, chooses by measurement', async () => {
    const store = makeTinyStore(tiny.files, { backend: null });
    const stop = followSpeed(store);
    await store.getState().init();
    await until(store, () => store.getState().budget.choice !== null);
    const s = store.getState();
    expect(s.budget.choice).toMatchObject({ backend: 'wasm', forced: false });
    expect(s.backend).toBe('wasm');
    expect(s.budget.throughput?.backend).toBe('wasm');
    stop();
  });
});
