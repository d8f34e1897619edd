// Tests of the training loop on four classes of small noisy patterns (train-fixture.ts): it
// learns, leaks no tensors, feeds the dynamics sink every sample once per epoch, is reproducible
// for a seed, honours the schedule length and the CutMix probability, stops on abort, and names
// inconsistent inputs.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { AbortedError, ConfigError } from '../errors';
import type { DynamicsSink } from '../scores/types';
import type { EpochReport, TrainConfig } from '../types';
import { evaluateAccuracy } from './evaluate';
import { train } from './train';
import {
  config,
  normalization,
  options,
  testData,
  trainData,
} from '../../../test-support/engine/train-fixture';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Per-epoch losses of a run on 8 samples per class, without evaluation. */
const lossesOf = async (overrides: Partial<TrainConfig>): Promise<number[]> =>
  (await train(options({ config: config({ evalEvery: -1, ...overrides }) }, 8))).epochs.map(
    (r) => r.loss,
  );

describe('train', () => {
  it('leaks no tensors: the live count is identical after every epoch and back to the start at the end', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const res = await train(
      options(
        { config: config({ epochs: 4 }), onEpoch: () => counts.push(tf.memory().numTensors) },
        12,
      ),
    );
    expect(res.epochs).toHaveLength(4);
    expect(counts).toHaveLength(4);
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeGreaterThan(before); // the model and optimiser state are alive during training
    expect(tf.memory().numTensors).toBe(before);
    expect(res.model).toBeUndefined();
  });

  it('learns a small pattern dataset well above chance on held-out images', async () => {
    const reports: EpochReport[] = [];
    const res = await train(
      options({
        config: config({ epochs: 8, evalEvery: 4 }),
        onEpoch: (r) => reports.push(r),
        keepModel: true,
      }),
    );
    try {
      expect(reports.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(reports.map((r) => r.testAccuracy !== undefined)).toEqual([
        false,
        false,
        false,
        true,
        false,
        false,
        false,
        true,
      ]);
      expect(res.finalTestAccuracy).toBe(reports[7]!.testAccuracy);
      // chance is 0.25
      expect(res.finalTestAccuracy!).toBeGreaterThanOrEqual(0.7);
      expect(reports[7]!.loss).toBeLessThan(reports[0]!.loss);
      for (const r of reports) {
        expect(r.samplesPerSec).toBeGreaterThan(0);
        expect(r.epochs).toBe(8);
      }
      expect(reports[7]!.elapsedMs).toBeGreaterThan(reports[0]!.elapsedMs);
      // the returned model is the trained one
      const acc = await evaluateAccuracy(
        res.model!,
        testData.images,
        testData.labels,
        normalization,
      );
      expect(acc).toBe(res.finalTestAccuracy);
    } finally {
      res.model?.dispose();
    }
  });

  it('feeds the dynamics sink every sample exactly once per epoch with softmax rows', async () => {
    const epochs = 3;
    const n = 4 * 10;
    const seen: number[][] = Array.from({ length: epochs }, () => new Array(n).fill(0));
    const ended: number[] = [];
    const correct = new Array(epochs).fill(0);
    let maxRowError = 0;
    let labelMismatch = 0;
    const sink: DynamicsSink = {
      onStep(epoch, indices, probs, labels) {
        expect(ended).not.toContain(epoch);
        expect(probs.length).toBe(indices.length * 4);
        for (let i = 0; i < indices.length; i++) {
          seen[epoch]![indices[i]!]!++;
          if (labels[i] !== trainData.labels[indices[i]!]) labelMismatch++;
          let sum = 0;
          let best = 0;
          for (let k = 0; k < 4; k++) {
            sum += probs[i * 4 + k]!;
            if (probs[i * 4 + k]! > probs[i * 4 + best]!) best = k;
          }
          maxRowError = Math.max(maxRowError, Math.abs(sum - 1));
          if (best === labels[i]) correct[epoch]++;
        }
      },
      onEpochEnd(epoch) {
        ended.push(epoch);
      },
    };
    // batch 16 over 40 samples: batches of 16, 16 and 8
    const res = await train(
      options({ config: config({ epochs, evalEvery: -1 }), dynamics: sink }, 10),
    );
    expect(ended).toEqual([0, 1, 2]);
    for (const row of seen) expect(row.every((c) => c === 1)).toBe(true);
    expect(labelMismatch).toBe(0);
    expect(maxRowError).toBeLessThan(1e-5);
    res.epochs.forEach((r, e) => {
      expect(r.trainAccuracy).toBeCloseTo(correct[e] / n, 12);
      expect(r.testAccuracy).toBeUndefined();
    });
    expect(res.finalTestAccuracy).toBeUndefined();
  });

  it('is reproducible for a seed and differs across seeds', async () => {
    const run = (seed: number) => lossesOf({ epochs: 2, seed });
    const a = await run(3);
    expect(await run(3)).toEqual(a);
    expect(await run(4)).not.toEqual(a);
  });

  it('runs the first epochs of a longer schedule when scheduleEpochs is given', async () => {
    // 3 epochs alone drop the rate ×0.2 at epoch 2; as the first 3 of 1000 they keep 0.01 throughout.
    const run = (scheduleEpochs?: number) =>
      lossesOf({ epochs: 3, seed: 5, ...(scheduleEpochs ? { scheduleEpochs } : {}) });
    const plain = await run();
    expect(await run(3)).toEqual(plain);
    const long = await run(1000);
    expect(long.slice(0, 2)).toEqual(plain.slice(0, 2));
    expect(long[2]).not.toEqual(plain[2]);
    await expect(run(2)).rejects.toThrow(/scheduleEpochs must be an integer ≥ epochs \(3\), got 2/);
  });

  it('takes the CutMix probability from config.cutmix (default 0.5) and rejects one outside [0, 1]', async () => {
    const run = (cutmix?: number) =>
      lossesOf({ epochs: 2, seed: 9, ...(cutmix === undefined ? {} : { cutmix }) });
    const standard = await run();
    expect(await run(0.5)).toEqual(standard);
    const never = await run(0);
    const always = await run(1);
    expect(never).not.toEqual(standard);
    expect(always).not.toEqual(standard);
    expect(always).not.toEqual(never);
    await expect(run(1.5)).rejects.toThrow('cutmix must be a probability in [0, 1], got 1.5');
  });

  it('rejects with AbortedError when aborted mid-epoch and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let steps = 0;
    const sink: DynamicsSink = {
      onStep() {
        if (++steps === 2) controller.abort();
      },
      onEpochEnd() {},
    };
    const run = train(
      options({ config: config({ epochs: 5 }), dynamics: sink, signal: controller.signal }, 10),
    );
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    expect(steps).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stays responsive with yieldEvery: an abort from a timer stops training between steps', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let steps = 0;
    const sink: DynamicsSink = { onStep: () => void steps++, onEpochEnd() {} };
    setTimeout(() => controller.abort(), 0);
    const run = train(
      options(
        {
          config: config({ epochs: 50, evalEvery: -1 }),
          dynamics: sink,
          signal: controller.signal,
          yieldEvery: 1,
        },
        10,
      ),
    );
    await expect(run).rejects.toThrow(AbortedError);
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(50 * 3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects an already-aborted signal before building anything', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort();
    await expect(train(options({ signal: controller.signal }, 4))).rejects.toThrow(AbortedError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects inconsistent inputs with ConfigError naming the problem', async () => {
    const bad = options({}, 4);
    const labels = bad.train.labels.slice();
    labels[5] = 4;
    await expect(train({ ...bad, train: { ...bad.train, labels } })).rejects.toThrow(ConfigError);
    await expect(train({ ...bad, train: { ...bad.train, labels } })).rejects.toThrow(
      'training label 4 at index 5 is outside 0..3',
    );
    await expect(
      train({ ...bad, train: { ...bad.train, labels: labels.subarray(1) } }),
    ).rejects.toThrow('training set has 16 samples but 15 labels');
    await expect(
      train({ ...bad, normalization: { mean: [0.5, 0.5], std: [0.2, 0.2] } }),
    ).rejects.toThrow(/2 means and 2 stds, expected 1/);
  });
});
