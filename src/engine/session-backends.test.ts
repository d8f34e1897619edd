// The session's backend fallback (policy in tf/backends.ts): a backend that fails to start is
// replaced by the next one in BACKEND_ORDER, and one that fails during a run too, the run then
// restarting from its first epoch; each failure is a `backend` event. In Node, WebGL cannot start.
// And the measured choice (choose-backend.ts) on the real engine: in Node, wasm is timed and kept.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import type { BackendEvent, TrainEvent } from './api';
import { getFileFromMap } from './bundle/read';
import { ConfigError } from './errors';
import { createSession } from './session';
import { parseSelection } from './select/selection';
import { trainFailingOnce } from '../../test-support/engine/failing-run';
import { makeTinyBundle, type TinyBundle } from '../../test-support/engine/tiny-bundle';

const YOCO = parseSelection('yoco');

let tiny: TinyBundle;
beforeAll(async () => {
  tiny = await makeTinyBundle({ classes: 4, ipc: 3, factor: 2, size: 8, seed: 5 });
});

const session = () =>
  createSession({ getFile: () => getFileFromMap(tiny.files), progressIntervalMs: 0 });
const REQUEST = { ...YOCO, perClass: 2, epochs: 2, width: 4, batchSize: 8 } as const;

describe('session backends', () => {
  it('starts the next backend when the requested one cannot start, reporting each failure', async () => {
    const s = session();
    const events: BackendEvent[] = [];
    expect(await s.setBackend('webgl', { onEvent: (e) => events.push(e) })).toBe('cpu');
    expect(events).toEqual([
      {
        type: 'backend',
        phase: 'start',
        failed: 'webgl',
        reason: 'webgl: WebGL needs a browser',
        next: 'cpu',
      },
    ]);
    expect(s.backend()).toBe('cpu');
  });

  it('moves a run whose backend fails to the next one that starts, and restarts it', async () => {
    const s = session();
    await s.setBackend('wasm');
    await s.loadBundle('memory://tiny/');
    const { events, result } = await trainFailingOnce(s, REQUEST, () => new Error('device lost'));
    const fallbacks = events.filter((e) => e.type === 'backend');
    expect(fallbacks).toEqual([
      { type: 'backend', phase: 'run', failed: 'wasm', reason: 'device lost', next: 'webgl' },
      {
        type: 'backend',
        phase: 'start',
        failed: 'webgl',
        reason: 'webgl: WebGL needs a browser',
        next: 'cpu',
      },
    ]);
    expect(result.backend).toBe('cpu');
    const restarted = events.slice(events.indexOf(fallbacks[1]!));
    expect(restarted.flatMap((e) => (e.type === 'epoch' ? [e.report.epoch] : []))).toEqual([1, 2]);
    expect(events[events.length - 1]).toEqual({ type: 'done', result });
    expect(result.epochs.map((r) => r.epoch)).toEqual([1, 2]);
  });

  it('rejects when the last backend fails, and never falls back on bad input', async () => {
    const s = session();
    await s.setBackend('cpu');
    await s.loadBundle('memory://tiny/');
    const events: TrainEvent[] = [];
    const run = s.train(REQUEST, {
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'epoch') throw new Error('out of memory');
      },
    });
    await expect(run).rejects.toThrow('out of memory');
    expect(events.filter((e) => e.type === 'backend')).toEqual([
      { type: 'backend', phase: 'run', failed: 'cpu', reason: 'out of memory', next: null },
    ]);
    const bad: TrainEvent[] = [];
    await expect(
      s.train({ ...REQUEST, epochs: 0 }, { onEvent: (e) => bad.push(e) }),
    ).rejects.toBeInstanceOf(ConfigError);
    expect(bad).toEqual([]);
  });

  it('chooses by measurement: wasm timed and kept, cpu not timed beside it', async () => {
    const s = session();
    await s.setBackend('cpu');
    await s.loadBundle('memory://tiny/');
    const choice = await s.chooseBackend({
      width: 4,
      batchSize: 8,
      run: { perClass: 2, classes: 4, epochs: 2, testImages: 8 },
    });
    expect(choice).toMatchObject({ backend: 'wasm', forced: false });
    expect(s.backend()).toBe('wasm');
    expect(choice.probes.map((p) => [p.backend, p.outcome])).toEqual([
      ['webgpu', 'unavailable'],
      ['wasm', 'measured'],
      ['webgl', 'unavailable'],
      ['cpu', 'untimed'],
    ]);
    expect(choice.throughput?.speed.evalImageMs).toBeGreaterThan(0);
    // Forced: the user's backend, measured there.
    const forced = await s.chooseBackend({
      width: 4,
      batchSize: 8,
      forced: 'cpu',
      run: { perClass: 2, classes: 4, epochs: 2, testImages: 8 },
    });
    expect(forced).toMatchObject({ backend: 'cpu', forced: true, throughput: { backend: 'cpu' } });
    expect(s.backend()).toBe('cpu');
  });
});
