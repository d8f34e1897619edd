// The session under two faults a user can cause: a cancel that arrives during the last epoch (after its
// evaluation) still cancels the run, which never resolves as finished; and overlapping bundle
// loads, where the latest request wins whatever order they finish in and the older one is
// cancelled.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import type { TrainEvent } from './api';
import { getFileFromMap, type GetFile } from './bundle/read';
import { AbortedError } from './errors';
import { createSession } from './session';
import { parseSelection } from './select/selection';
import { makeTwoTinyBundles, type TinyBundle } from '../../test-support/engine/tiny-bundle';

const YOCO = parseSelection('yoco');

let a: TinyBundle;
let b: TinyBundle;
beforeAll(async () => {
  [a, b] = await makeTwoTinyBundles();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('session: stop during the last epoch', () => {
  for (const testLimit of [8, undefined]) {
    it(`rejects with AbortedError when the signal fires after the last evaluation (testLimit ${testLimit ?? 'all'})`, async () => {
      const session = createSession({
        getFile: () => getFileFromMap(a.files),
        progressIntervalMs: 0,
      });
      await session.setBackend('cpu');
      await session.loadBundle('memory://a/');
      const controller = new AbortController();
      const events: TrainEvent[] = [];
      const run = session.train(
        { ...YOCO, perClass: 2, epochs: 2, width: 4, batchSize: 8, testLimit },
        {
          signal: controller.signal,
          onEvent: (e) => {
            events.push(e);
            // The last epoch's report comes after its evaluation: Stop pressed right then.
            if (e.type === 'epoch' && e.report.epoch === 2) controller.abort();
          },
        },
      );
      await expect(run).rejects.toBeInstanceOf(AbortedError);
      expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
      expect(events.some((e) => e.type === 'done')).toBe(false);
    });
  }
});

describe('session: overlapping bundle loads', () => {
  /** A file source whose reads of bundle `which` wait `ms` first (and see the load's signal). */
  function slowSource(delays: Record<string, number>, seen: AbortSignal[]) {
    return (url: string, signal?: AbortSignal): GetFile => {
      if (signal) seen.push(signal);
      const files = url.includes('/a/') ? a.files : b.files;
      const inner = getFileFromMap(files);
      return async (path, onBytes, limit) => {
        await sleep(delays[url.includes('/a/') ? 'a' : 'b'] ?? 0);
        return inner(path, onBytes, limit);
      };
    };
  }

  it('the latest load wins although the older one finishes last', async () => {
    const seen: AbortSignal[] = [];
    const session = createSession({ getFile: slowSource({ a: 40, b: 0 }, seen) });
    const first = session.loadBundle('memory://a/');
    const second = session.loadBundle('memory://b/');
    const view = await second;
    expect(view.manifest.classes).toHaveLength(3); // bundle b
    await expect(first).rejects.toBeInstanceOf(AbortedError);
    // The older load finished after the newer one, and still did not replace it.
    expect(session.loaded()?.manifest.classes).toHaveLength(3);
    expect(await session.select({ ...YOCO, perClass: 1 })).toHaveLength(3);
  });

  it('a cancelled load stops, keeps nothing, and passes its signal to the file source', async () => {
    const seen: AbortSignal[] = [];
    const session = createSession({ getFile: slowSource({ a: 30 }, seen) });
    const controller = new AbortController();
    const load = session.loadBundle('memory://a/', { signal: controller.signal });
    await sleep(5);
    controller.abort();
    await expect(load).rejects.toBeInstanceOf(AbortedError);
    expect(seen).toEqual([controller.signal]);
    expect(session.loaded()).toBeNull();
  });
});
