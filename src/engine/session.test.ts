// The in-thread engine session on a tiny bundle: loading, typed bundle errors, selection, training
// through the one event channel, test subsets (the final pass too), cancellation, the warm-up.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { getFileFromMap } from './bundle/read';
import { AbortedError, BundleError, ConfigError, SelectionError } from './errors';
import { createSession, type Session } from './session';
import { parseSelection } from './select/selection';
import { finalTestCount } from './run';
import { bundleTestSubset } from './test-subset';
import { confusionAccuracy, rowTotals } from './train/confusion';
import { makeTinyBundle, type TinyBundle } from '../../test-support/engine/tiny-bundle';
import type { EpochReport } from './types';
import type { TrainEvent, TrainProgress } from './api';
import { EPOCH_EVAL_LIMIT, EPOCH_EVAL_POINTS, epochEvalInterval } from './config';

const YOCO = parseSelection('yoco');
const RANDOM = parseSelection('random');

let tiny: TinyBundle;

const TINY = { classes: 4, ipc: 3, factor: 2, size: 16, channels: 3, testPerClass: 8, seed: 1 };

beforeAll(async () => {
  tiny = await makeTinyBundle(TINY);
});

async function loadedSession(files: Map<string, Uint8Array> = tiny.files): Promise<Session> {
  const session = createSession({ getFile: () => getFileFromMap(files), progressIntervalMs: 0 });
  await session.setBackend('cpu');
  await session.loadBundle('memory://tiny/');
  return session;
}

describe('session: loading', () => {
  it('returns a view with the stored images, labels, scores and sizes, reporting byte progress', async () => {
    const session = createSession({ getFile: () => getFileFromMap(tiny.files) });
    const progress: number[] = [];
    const view = await session.loadBundle('memory://tiny/', {
      onEvent: (p) => progress.push(p.loadedBytes / p.totalBytes),
    });
    expect(view.manifest.id).toBe('tiny');
    expect(view.samplesPerClass).toBe(12);
    expect(view.testCount).toBe(32);
    expect(view.images.length).toBe(4 * 3 * 16 * 16 * 3);
    expect([...view.labels]).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(view.scores.lbpe.length).toBe(48);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it('rejects a corrupted payload with the BundleError naming the file, and keeps nothing loaded', async () => {
    const session = await loadedSession();
    const files = new Map(tiny.files);
    const path = tiny.manifest.files.images.path;
    const bad = Uint8Array.from(files.get(path)!);
    bad[3] = bad[3]! ^ 1;
    files.set(path, bad);
    const broken = createSession({ getFile: () => getFileFromMap(files) });
    await expect(broken.loadBundle('memory://bad/')).rejects.toMatchObject({
      name: 'BundleError',
      file: path,
      problem: 'digest',
    });
    expect(broken.loaded()).toBeNull();
    await expect(broken.select({ ...YOCO, perClass: 1 })).rejects.toThrow(ConfigError);
    expect(session.loaded()).not.toBeNull();
  });

  it('names a missing manifest', async () => {
    const session = createSession({ getFile: () => getFileFromMap(new Map()) });
    const err = await session.loadBundle('memory://none/').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).file).toBe('manifest.json');
  });
});

describe('session: selection', () => {
  it('keeps the n lowest-LBPE samples of every class for YOCO', async () => {
    const session = await loadedSession();
    const picked = await session.select({ ...YOCO, perClass: 2 });
    const lbpe = session.loaded()!.scores.lbpe;
    const expected: number[] = [];
    for (let c = 0; c < 4; c++) {
      const ids = Array.from({ length: 12 }, (_, k) => c * 12 + k);
      ids.sort((a, b) => lbpe[a]! - lbpe[b]! || a - b);
      expected.push(...ids.slice(0, 2));
    }
    expect([...picked]).toEqual(expected.sort((a, b) => a - b));
  });

  it('passes preference and balance through (imbalanced LBPE keeps the global lowest)', async () => {
    const session = await loadedSession();
    const lbpe = session.loaded()!.scores.lbpe;
    const picked = await session.select({
      method: 'lbpe',
      perClass: 3,
      prefer: 'easy',
      balanced: false,
    });
    const global = Array.from({ length: 48 }, (_, i) => i)
      .sort((a, b) => lbpe[a]! - lbpe[b]! || a - b)
      .slice(0, 12)
      .sort((a, b) => a - b);
    expect([...picked]).toEqual(global);
  });

  it('rejects sizes beyond IPC_F · f² with a SelectionError', async () => {
    const session = await loadedSession();
    await expect(session.select({ ...YOCO, perClass: 13 })).rejects.toThrow(SelectionError);
  });
});

describe('session: training', () => {
  it('prunes, trains and evaluates, reporting epochs and in-epoch progress', async () => {
    const session = await loadedSession();
    const epochs: EpochReport[] = [];
    const progress: TrainProgress[] = [];
    const events: TrainEvent[] = [];
    const result = await session.train(
      { ...YOCO, perClass: 8, epochs: 10, width: 8, batchSize: 8, testLimit: 16, seed: 0 },
      {
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'epoch') epochs.push(e.report);
          if (e.type === 'step') progress.push(e);
        },
      },
    );
    // One channel: steps and epochs, then `done` with the result, and nothing else.
    expect(events).toHaveLength(40 + 10 + 1);
    expect(events[events.length - 1]).toEqual({ type: 'done', result });
    expect(result.indices.length).toBe(32);
    expect(result.backend).toBe('cpu');
    expect(result.testCount).toBe(16);
    expect(result.epochTestCount).toBe(16);
    expect(result.testPerClass).toEqual([4, 4, 4, 4]);
    expect(result.epochTestPerClass).toEqual([4, 4, 4, 4]);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(epochs.every((e) => e.testAccuracy !== undefined)).toBe(true);
    expect(result.testAccuracy).toBe(epochs[9]!.testAccuracy);
    // The confusion matrix covers the same 16 images: rows sum to the per-class counts and its
    // diagonal is the accuracy.
    expect(rowTotals(result.confusion)).toEqual(result.testPerClass);
    expect(confusionAccuracy(result.confusion)).toBe(result.testAccuracy);
    // 16 class-balanced test images: 4 classes → chance is 25 %.
    expect(result.testAccuracy).toBeGreaterThan(0.5);
    // 32 samples in batches of 8: 4 steps per epoch, every step reported (interval 0).
    expect(progress).toHaveLength(40);
    expect(progress[5]).toMatchObject({ epoch: 2, epochs: 10, step: 2, steps: 4 });
    expect(result.elapsedMs).toBeGreaterThan(0);
  });

  it('trains on a float32 bundle: stored pixels ×255 reach the trainer, the run finishes', async () => {
    const f32 = await makeTinyBundle({ ...TINY, imageDType: 'float32' });
    const session = await loadedSession(f32.files);
    const view = await session.loadBundle('memory://tiny-f32/');
    expect(view.images).toBeInstanceOf(Float32Array);
    expect(view.manifest.imageDType).toBe('float32');
    const epochs: EpochReport[] = [];
    const result = await session.train(
      { ...YOCO, perClass: 8, epochs: 10, width: 8, batchSize: 8, testLimit: 16, seed: 0 },
      { onEvent: (e) => e.type === 'epoch' && epochs.push(e.report) },
    );
    expect(epochs).toHaveLength(10);
    expect(epochs.every((e) => Number.isFinite(e.loss))).toBe(true);
    // Same learnable pictures as the uint8 tiny bundle: well above chance (25 %) after 10 epochs.
    expect(result.testAccuracy).toBeGreaterThan(0.5);
  });

  it('plots epochs on at most EPOCH_EVAL_LIMIT test images but scores the run on all of them', async () => {
    const big = await makeTinyBundle({
      classes: 4,
      ipc: 1,
      factor: 2,
      size: 8,
      channels: 1,
      testPerClass: 260,
      seed: 3,
    });
    const session = await loadedSession(big.files);
    const epochs: EpochReport[] = [];
    const finalPass: number[] = []; // after the last epoch, batch by batch, of all 1,040 images
    const result = await session.train(
      { ...YOCO, perClass: 4, epochs: 2, width: 4 },
      {
        onEvent: (e) => {
          if (e.type === 'epoch') epochs.push(e.report);
          if (e.type === 'final-test') finalPass.push(epochs.length === 2 ? e.done : -e.total);
        },
      },
    );
    expect(finalPass).toEqual([0, 256, 512, 768, 1024, 1040]);
    expect(EPOCH_EVAL_LIMIT).toBe(1000);
    expect(result.testCount).toBe(1040);
    expect(result.epochTestCount).toBe(1000);
    expect(result.testPerClass).toEqual([260, 260, 260, 260]);
    expect(result.epochTestPerClass).toEqual([250, 250, 250, 250]);
    // The matrix is the final set's (all 1,040 images), not the per-epoch subset's.
    expect(rowTotals(result.confusion)).toEqual([260, 260, 260, 260]);
    expect(confusionAccuracy(result.confusion)).toBe(result.testAccuracy);
    // Accuracies are counts over their own test sets.
    const k = result.testAccuracy * 1040;
    expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-6);
    const e = epochs[1]!.testAccuracy! * 1000;
    expect(Math.abs(e - Math.round(e))).toBeLessThan(1e-6);
  });

  it('puts about EPOCH_EVAL_POINTS test points on the live curve of a long run, the last epoch included', async () => {
    const session = await loadedSession();
    const tested: number[] = [];
    const result = await session.train(
      { ...YOCO, perClass: 4, epochs: 45, width: 4, batchSize: 16 },
      {
        onEvent: (e) =>
          e.type === 'epoch' && e.report.testAccuracy !== undefined && tested.push(e.report.epoch),
      },
    );
    expect(EPOCH_EVAL_POINTS).toBe(20);
    expect(epochEvalInterval(45)).toBe(3);
    expect(tested).toEqual(Array.from({ length: 15 }, (_, i) => 3 * (i + 1)));
    expect(epochEvalInterval(20)).toBe(1); // up to 20 epochs: every epoch, as before
    expect(epochEvalInterval(21)).toBe(2);
    expect(result.testAccuracy).toBeGreaterThan(0.25); // 4 classes: above chance
  });

  it('evaluates a class-sorted test set on every class, per epoch and at the end', async () => {
    const sorted = await makeTinyBundle({ ...TINY, testOrder: 'sorted' });
    const session = await loadedSession(sorted.files);
    const result = await session.train({
      ...YOCO,
      perClass: 4,
      epochs: 2,
      width: 4,
      batchSize: 8,
      testLimit: 16,
    });
    // The first 16 images would be 8 of class 0 and 8 of class 1.
    expect(result.testPerClass).toEqual([4, 4, 4, 4]);
    expect(result.epochTestPerClass).toEqual([4, 4, 4, 4]);
  });

  it('rejects with AbortedError when cancelled, and the next queued run still completes', async () => {
    const session = await loadedSession();
    const controller = new AbortController();
    const first = session.train(
      { ...RANDOM, perClass: 12, epochs: 50, width: 4, batchSize: 8, testLimit: 4 },
      {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'step' && e.step === 2) controller.abort();
        },
      },
    );
    const second = session.train({
      ...RANDOM,
      perClass: 2,
      epochs: 1,
      width: 4,
      batchSize: 8,
      testLimit: 4,
    });
    await expect(first).rejects.toBeInstanceOf(AbortedError);
    const done = await second;
    expect(done.epochs).toHaveLength(1);
    expect(done.indices.length).toBe(8);
  });

  it('measures throughput with a real warm-up on the active backend', async () => {
    const session = await loadedSession();
    const t = await session.measureThroughput({ width: 4, batchSize: 8 });
    expect(t).toMatchObject({ backend: 'cpu', width: 4, batchSize: 8, measuredSteps: 6 });
    expect(t.samplesPerSec).toBeGreaterThan(0);
    expect(t.speed.stepMs + t.speed.sampleMs > 0 && t.speed.evalImageMs > 0).toBe(true);
  });

  it('rejects bad settings with ConfigError', async () => {
    const session = await loadedSession();
    await expect(session.train({ ...YOCO, perClass: 2, epochs: 0 })).rejects.toThrow(
      'epochs must be a positive integer, got 0',
    );
  });
});

describe('test sets of a run', () => {
  it('evaluates a stratified subset of testLimit images (all by default) and rejects a bad limit', () => {
    const b = {
      manifest: tiny.manifest,
      testImages: new Uint8Array(32 * 768),
      testLabels: new Int32Array(32),
    };
    const loaded = b as unknown as Parameters<typeof finalTestCount>[0];
    expect(finalTestCount(loaded, undefined)).toBe(32);
    expect(finalTestCount(loaded, 99)).toBe(32);
    expect(finalTestCount(loaded, 5)).toBe(5);
    expect(() => finalTestCount(loaded, 0)).toThrow('testLimit must be a positive integer, got 0');
    const subset = bundleTestSubset(loaded, 5);
    expect(subset.labels.length).toBe(5);
    expect(subset.images.length).toBe(5 * 16 * 16 * 3);
  });
});
