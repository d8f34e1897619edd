// Stop within a second, even mid-step (client.ts): a worker busy with a step that never yields (as
// a WebGPU step on a software adapter can be for minutes) cannot see a cancel, so the client
// replaces it once the grace has passed. The cancelled call rejects as aborted, not as a crash;
// the fresh worker gets the bundle back at once and the backend before the first call that needs
// one (a GPU still busy with the old step would hold up a switch to wasm); a call that was waiting
// behind the step is answered by the fresh worker; nothing is reported as a crash.
import { describe, expect, it } from 'vitest';
import type { BundleView, Engine } from '../engine/api';
import { AbortedError } from '../engine/errors';
import { parseSelection } from '../engine/select/selection';
import { servedWorker, terminatedAfterEach } from '../../test-support/workers/served-worker';
import { createWorkerEngine } from './client';
import { ENGINE_CALLS } from './protocol';

const YOCO = parseSelection('yoco');
const never = new Promise<never>(() => undefined);

/** What each fake worker was asked, and whether it is stuck in a step. */
interface Fake {
  readonly calls: string[];
  busy: boolean;
}

/** Fake workers serving a stub engine whose training never yields nor ends. */
function stuckWorkers() {
  const made: Fake[] = [];
  const make = (): Worker => {
    const fake: Fake = { calls: [], busy: false };
    made.push(fake);
    const unused = Object.fromEntries(ENGINE_CALLS.map((name) => [name, () => never]));
    const engine: Partial<Engine> = {
      ...unused,
      setBackend: async (b) => {
        fake.calls.push(`setBackend ${b}`);
        return b ?? 'cpu';
      },
      loadBundle: async (url) => {
        fake.calls.push(`loadBundle ${url}`);
        return {} as BundleView;
      },
      // A busy worker answers nothing until its step ends, which it never does.
      select: async () => (fake.busy ? never : new Int32Array([1, 2])),
      measureThroughput: async (r) => {
        fake.calls.push('measureThroughput');
        return {
          backend: 'cpu',
          samplesPerSec: 1,
          width: r.width,
          batchSize: r.batchSize,
          measuredSteps: 1,
          speed: { stepMs: 1, sampleMs: 1, evalImageMs: 1 },
        };
      },
      train: () => {
        fake.calls.push('train');
        fake.busy = true;
        return never;
      },
    };
    return servedWorker(engine as Engine);
  };
  return { make, made };
}

const open = terminatedAfterEach();

describe('Stop on a worker stuck in a step', () => {
  it('ends the call within the grace, replaces the worker silently, and the next calls work', async () => {
    const workers = stuckWorkers();
    const crashes: string[] = [];
    const engine = createWorkerEngine(workers.make, {
      abortGraceMs: 200,
      onCrash: (m) => crashes.push(m),
    });
    open.push(engine);
    await engine.setBackend('webgpu');
    await engine.loadBundle('memory://tiny/');
    const stop = new AbortController();
    const run = engine.train({ ...YOCO, perClass: 2, epochs: 2 }, { signal: stop.signal });
    const outcome = run.catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    expect(workers.made[0]!.busy).toBe(true);
    const waiting = engine.select({ ...YOCO, perClass: 2 }); // stuck behind the step
    const stoppedAt = Date.now();
    stop.abort();
    const error = await outcome;
    const tookMs = Date.now() - stoppedAt;
    expect(error).toBeInstanceOf(AbortedError);
    expect(tookMs).toBeGreaterThanOrEqual(150);
    expect(tookMs).toBeLessThan(1000);
    // The waiting call went to the fresh worker, which had its bundle back first.
    expect(Array.from(await waiting)).toEqual([1, 2]);
    expect(workers.made).toHaveLength(2);
    const fresh = workers.made[1]!.calls;
    expect(fresh).toEqual(['loadBundle memory://tiny/']);
    expect(crashes).toEqual([]);
    // The backend comes back before the first call that needs one.
    await engine.measureThroughput({ width: 4, batchSize: 8 });
    expect(fresh).toEqual(['loadBundle memory://tiny/', 'setBackend webgpu', 'measureThroughput']);
  });

  it('a backend chosen after the stop replaces the one to restore', async () => {
    const workers = stuckWorkers();
    const engine = createWorkerEngine(workers.make, { abortGraceMs: 100 });
    open.push(engine);
    await engine.setBackend('webgpu');
    const stop = new AbortController();
    const run = engine.train({ ...YOCO, perClass: 2, epochs: 2 }, { signal: stop.signal });
    const outcome = run.catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    expect(await outcome).toBeInstanceOf(AbortedError);
    expect(await engine.setBackend('wasm')).toBe('wasm');
    await engine.measureThroughput({ width: 4, batchSize: 8 });
    expect(workers.made[1]!.calls).toEqual(['setBackend wasm', 'measureThroughput']);
  });

  it('keeps the worker when the call ends within the grace', async () => {
    const workers = stuckWorkers();
    const engine = createWorkerEngine(workers.make, { abortGraceMs: 200 });
    open.push(engine);
    const stop = new AbortController();
    const loading = engine.loadBundle('memory://tiny/', { signal: stop.signal });
    await loading;
    stop.abort(); // after the call ended: nothing to end
    await new Promise((r) => setTimeout(r, 300));
    expect(workers.made).toHaveLength(1);
  });
});
