// The worker boundary without a browser: typed errors survive serialization, and a real session
// served through the worker protocol over a MessageChannel (as the worker serves it) delivers
// its events in order before the result, cancels by message within a step, and rejects with the
// engine's typed errors.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import type { TrainEvent } from '../engine/api';
import { getFileFromMap } from '../engine/bundle/read';
import { AbortedError, BackendError, BundleError, SelectionError } from '../engine/errors';
import { createSession } from '../engine/session';
import { parseSelection } from '../engine/select/selection';
import { makeTinyBundle, type TinyBundle } from '../../test-support/engine/tiny-bundle';
import { servedWorker, terminatedAfterEach } from '../../test-support/workers/served-worker';
import { createWorkerEngine, type WorkerEngine } from './client';
import { deserializeError, serializeError, toError } from './errors';

const YOCO = parseSelection('yoco');
const RANDOM = parseSelection('random');

describe('errors across the worker boundary', () => {
  it('rebuild a BundleError with its file, problem and message', () => {
    const wire = structuredClone(
      serializeError(
        new BundleError('scores.json', 'score-count', 'lbpe has 7 entries, expected 8'),
      ),
    );
    const e = toError(wire);
    expect(e).toBeInstanceOf(BundleError);
    expect(e.message).toBe('scores.json: lbpe has 7 entries, expected 8');
    expect((e as BundleError).file).toBe('scores.json');
    expect((e as BundleError).problem).toBe('score-count');
  });

  it('rebuild backend, selection and abort errors, and plain errors', () => {
    const back = deserializeError(serializeError(new BackendError('webgpu', 'device lost')));
    expect(back).toBeInstanceOf(BackendError);
    expect(back.message).toBe('webgpu: device lost');
    expect(deserializeError(serializeError(new SelectionError('n too large')))).toBeInstanceOf(
      SelectionError,
    );
    expect(deserializeError(serializeError(new AbortedError()))).toBeInstanceOf(AbortedError);
    const plain = toError(serializeError(new TypeError('x is undefined')));
    expect(plain.message).toBe('x is undefined');
    expect(plain.name).toBe('TypeError');
    expect(toError(serializeError('just text')).message).toBe('just text');
  });
});

describe('an engine served through the worker protocol', () => {
  let tiny: TinyBundle;
  const open = terminatedAfterEach();
  beforeAll(async () => {
    tiny = await makeTinyBundle({ classes: 4, ipc: 3, factor: 2, size: 8, seed: 2 });
  });
  /** The app's WorkerEngine talking to a session served on the other end of a MessageChannel. */
  async function served(): Promise<WorkerEngine> {
    const bundles = new Map([['memory://tiny/', tiny.files]]);
    const session = createSession({
      getFile: (url) => getFileFromMap(bundles.get(url) ?? new Map()),
      progressIntervalMs: 0,
    });
    const worker = servedWorker(session);
    const engine = createWorkerEngine(() => worker);
    open.push(engine);
    await engine.setBackend('cpu');
    await engine.loadBundle('memory://tiny/');
    return engine;
  }

  it('delivers every event in order, ending with done, before the result', async () => {
    const engine = await served();
    const events: TrainEvent[] = [];
    const result = await engine.train(
      { ...YOCO, perClass: 8, epochs: 2, width: 4, batchSize: 8, testLimit: 8 },
      { onEvent: (e) => events.push(e) },
    );
    expect(events.map((e) => (e.type === 'step' ? `s${e.epoch}.${e.step}` : e.type))).toEqual([
      's1.1',
      's1.2',
      's1.3',
      's1.4',
      'epoch',
      's2.1',
      's2.2',
      's2.3',
      's2.4',
      'epoch',
      'done',
    ]);
    const done = events[events.length - 1]!;
    expect(done.type === 'done' && done.result.testAccuracy).toBe(result.testAccuracy);
    expect(result.indices).toBeInstanceOf(Int32Array);
    expect(await engine.isolation()).toBe(false);
  });

  it('cancels by message within one step, rejects with AbortedError, and serves the next call', async () => {
    const engine = await served();
    const controller = new AbortController();
    let stepsAfterAbort = -1;
    const run = engine.train(
      { ...RANDOM, perClass: 12, epochs: 50, width: 4, batchSize: 8, testLimit: 4 },
      {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type !== 'step') return;
          if (stepsAfterAbort >= 0) stepsAfterAbort++;
          else if (e.epoch === 2) {
            controller.abort();
            stepsAfterAbort = 0;
          }
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    // The abort reaches the worker while its step is in flight: at most that step finishes.
    expect(stepsAfterAbort).toBeLessThanOrEqual(1);
    const next = await engine.select({ ...YOCO, perClass: 2 });
    expect(next.length).toBe(8);
    await expect(
      engine.train({ ...YOCO, perClass: 2, epochs: 1, width: 4 }, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
  });

  it("rejects with the engine's typed errors", async () => {
    const engine = await served();
    await expect(engine.select({ ...YOCO, perClass: 13 })).rejects.toBeInstanceOf(SelectionError);
    const missing = await engine.loadBundle('memory://none/').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(BundleError);
    expect(missing).toMatchObject({ file: 'manifest.json', problem: 'missing' });
  });
});
