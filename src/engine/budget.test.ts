// The run-time estimate and the budget fit (budget.ts): the work a run does, counted as run.ts and
// train.ts do it, priced by a speed model; checked against a speed recorded in Chromium on wasm
// and the run times it gave.
import { describe, expect, it } from 'vitest';
import { estimateRun, largestPerClass, runWork } from './budget';
import { ConfigError } from './errors';

/** The app's default run (design.md §8): 4 per class of 10 classes, 100 epochs, 10,000 test images. */
const DEFAULT_RUN = { perClass: 4, classes: 10, epochs: 100, batchSize: 64, testImages: 10_000 };

describe('runWork', () => {
  it('counts the default run: 100 one-step epochs, 20 live evaluations of 1,000, one of 10,000', () => {
    expect(runWork(DEFAULT_RUN)).toEqual({
      steps: 100,
      trainSamples: 4_000,
      evalPasses: 21,
      evalImages: 20 * 1_000 + 10_000,
    });
  });

  it('counts partial batches, every-epoch evaluation of short runs, and no separate final pass', () => {
    // IPC 5 (20 per class): 200 samples = 64 + 64 + 64 + 8, four steps an epoch.
    expect(runWork({ ...DEFAULT_RUN, perClass: 20 }).steps).toBe(400);
    // 7 epochs: evaluated after each; 32 test images: the live set is the final set.
    expect(runWork({ ...DEFAULT_RUN, epochs: 7, testImages: 32 })).toMatchObject({
      evalPasses: 7,
      evalImages: 7 * 32,
    });
    // 30 epochs: every 2nd, 15 passes; 45 epochs: every 3rd, 15 passes; 50: every 3rd + the last.
    expect(runWork({ ...DEFAULT_RUN, epochs: 30, testImages: 1000 }).evalPasses).toBe(15);
    expect(runWork({ ...DEFAULT_RUN, epochs: 50, testImages: 1000 }).evalPasses).toBe(17);
  });
});

describe('estimateRun', () => {
  it('prices steps, samples and test images', () => {
    const speed = { stepMs: 100, sampleMs: 1, evalImageMs: 0.5 };
    const e = estimateRun(speed, DEFAULT_RUN);
    expect(e.trainSec).toBeCloseTo((100 * 100 + 4_000 * 1) / 1000, 9);
    expect(e.evalSec).toBeCloseTo((30_000 * 0.5) / 1000, 9);
    expect(e.totalSec).toBeCloseTo(e.trainSec + e.evalSec, 9);
  });

  it('matches the times Chromium took on wasm within ±30 % (recorded measurements)', () => {
    // Recorded in Debian Chromium on this 2-core machine (wasm, 2 threads, width 128, the shipped
    // Fashion-MNIST DM bundle, another job running): the speed the app measured after opening,
    // then the run's time in the engine (result.elapsedMs) for the default run (4 per class) and
    // for IPC 5 (20 per class).
    const recorded = [
      { speed: { stepMs: 106.9, sampleMs: 11.47, evalImageMs: 3.217 }, perClass: 4, sec: 159.6 },
      { speed: { stepMs: 135.4, sampleMs: 11.29, evalImageMs: 3.819 }, perClass: 20, sec: 378.0 },
    ];
    for (const { speed, perClass, sec } of recorded) {
      const est = estimateRun(speed, { ...DEFAULT_RUN, perClass }).totalSec;
      expect(est / sec).toBeGreaterThan(0.7);
      expect(est / sec).toBeLessThan(1.3);
    }
    // The model the budget used before (samples/s at full batches, every epoch evaluated) was
    // far off the same default run: 4,000 samples at 64-sample speed plus 110,000 test images.
    const [first] = recorded;
    const fullBatchPerSample = (first!.speed.stepMs + 64 * first!.speed.sampleMs) / 64;
    const old = (4_000 * fullBatchPerSample + 110_000 * first!.speed.evalImageMs) / 1000;
    expect(old / first!.sec).toBeGreaterThan(2);
  });

  it('rejects a shape or speed that cannot be', () => {
    const speed = { stepMs: 1, sampleMs: 1, evalImageMs: 1 };
    expect(() => estimateRun(speed, { ...DEFAULT_RUN, epochs: 2.5 })).toThrow(
      'epochs must be a positive integer, got 2.5',
    );
    expect(() => estimateRun({ ...speed, evalImageMs: NaN }, DEFAULT_RUN)).toThrow(ConfigError);
    expect(() => estimateRun({ ...speed, stepMs: 0, sampleMs: 0 }, DEFAULT_RUN)).toThrow(
      'a training step cannot take no time',
    );
  });
});

describe('largestPerClass', () => {
  const speed = { stepMs: 0, sampleMs: 1, evalImageMs: 0 };
  const shape = { classes: 10, epochs: 100, batchSize: 64, testImages: 100 };

  it('the largest n whose run fits, limited by time, the stored size or memory', () => {
    // n · 10 · 100 · 1 ms = n seconds.
    expect(largestPerClass({ speed, shape, budgetSec: 25.9, maxPerClass: 40 })).toMatchObject({
      perClass: 25,
      fits: true,
      limit: 'time',
      estimate: { totalSec: 25 },
    });
    expect(largestPerClass({ speed, shape, budgetSec: 60, maxPerClass: 40 })).toMatchObject({
      perClass: 40,
      limit: 'size',
    });
    expect(
      largestPerClass({ speed, shape, budgetSec: 60, maxPerClass: 40, memoryLimitSamples: 155 }),
    ).toMatchObject({ perClass: 15, limit: 'memory' });
  });

  it('counts evaluation, which does not shrink with n', () => {
    // 100 epochs on 100 test images: 20 passes of 100 = 2,000 images at 5 ms = 10 s.
    const withEval = { ...speed, evalImageMs: 5 };
    expect(
      largestPerClass({ speed: withEval, shape, budgetSec: 25, maxPerClass: 40 }),
    ).toMatchObject({ perClass: 15, estimate: { trainSec: 15, evalSec: 10, totalSec: 25 } });
  });

  it('answers 0 with the estimate for n = 1 when even that does not fit', () => {
    const r = largestPerClass({ speed, shape, budgetSec: 0.5, maxPerClass: 40 });
    expect(r).toMatchObject({ perClass: 0, fits: false, limit: 'time', estimate: { totalSec: 1 } });
    expect(() => largestPerClass({ speed, shape, budgetSec: 0, maxPerClass: 40 })).toThrow(
      'time budget (s) 0 must be a positive number',
    );
  });
});
