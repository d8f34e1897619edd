// The app's budget and run estimate (budget-fit.ts) on the engine's arithmetic: an estimate only
// from a measurement of the active backend and width, the largest n for a budget, and the
// sentence that says what limited it.
import { describe, expect, it } from 'vitest';
import type { Throughput } from '../../src/engine/api';
import { estimateRunFor, fitBudget, runShape } from './budget-fit';

/** 10 ms a step plus 1 ms a sample; 2 ms a test image. */
const t = (over: Partial<Throughput> = {}): Throughput => ({
  backend: 'wasm',
  samplesPerSec: 10,
  width: 8,
  batchSize: 16,
  measuredSteps: 4,
  speed: { stepMs: 10, sampleMs: 1, evalImageMs: 2 },
  ...over,
});
const bundle = { classes: 4, maxPerClass: 12, testCount: 32 };
const settings = { epochs: 2, batchSize: 16, testLimit: null, budgetSeconds: 1 };

describe('runShape', () => {
  it('tests the whole test set unless the settings ask for fewer', () => {
    expect(runShape(settings, 3, 4, 32)).toEqual({
      perClass: 3,
      classes: 4,
      epochs: 2,
      batchSize: 16,
      testImages: 32,
    });
    expect(runShape({ ...settings, testLimit: 8 }, 3, 4, 32).testImages).toBe(8);
    expect(runShape({ ...settings, testLimit: 99 }, 3, 4, 32).testImages).toBe(32);
  });
});

describe('estimateRunFor', () => {
  it('prices steps, samples and evaluations, only from the active backend and width', () => {
    // n 5 · 4 classes = 20 samples: 2 steps (16 + 4) an epoch; 2 epochs evaluated on 32 images.
    const s = { ...settings, width: 8 };
    const ms = 2 * (2 * 10 + 20) + 2 * 32 * 2;
    expect(estimateRunFor(t(), 'wasm', s, 5, 4, 32)!.totalSec * 1000).toBeCloseTo(ms);
    expect(estimateRunFor(t(), 'webgpu', s, 5, 4, 32)).toBeNull();
    expect(estimateRunFor(t(), 'wasm', { ...s, width: 16 }, 5, 4, 32)).toBeNull();
    expect(estimateRunFor(null, 'wasm', s, 5, 4, 32)).toBeNull();
  });
});

describe('fitBudget', () => {
  it('takes the largest n whose run fits, evaluation included', () => {
    // Evaluation: 2 × 32 × 2 ms = 128 ms. n = 12: 2 epochs × (3 steps + 48 samples) = 156 ms.
    const whole = fitBudget(t(), bundle, settings);
    expect(whole).toMatchObject({
      perClass: 12,
      limitedBy: 'The whole condensed set fits in 1.0 s.',
      fits: true,
    });
    expect(whole.estimatedMs).toBeCloseTo(284, 9);
    // 0.2 s: 128 ms of evaluation leave 72: n = 4 (2 × (1 step + 16)) = 52, n = 5 = 2 × (2 + 20) = 80.
    const timed = fitBudget(t(), bundle, { ...settings, budgetSeconds: 0.2 });
    expect(timed).toMatchObject({
      perClass: 4,
      limitedBy: 'Limited by the time budget of 0.2 s.',
      fits: true,
    });
    expect(timed.estimatedMs).toBeCloseTo(180, 9);
  });

  it('says in a sentence when the memory limits it, or when even n = 1 does not fit', () => {
    expect(fitBudget(t({ memoryLimitSamples: 10 }), bundle, settings)).toMatchObject({
      perClass: 2,
      limitedBy: "Limited by wasm's memory (10 samples).",
    });
    const tooSmall = fitBudget(t(), bundle, { ...settings, budgetSeconds: 0.1 });
    expect(tooSmall).toMatchObject({ perClass: 1, fits: false });
    expect(tooSmall.limitedBy).toBe(
      'The budget of 0.1 s is too short: even 1 sample per class takes about 0.2 s.',
    );
  });
});
