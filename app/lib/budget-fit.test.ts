import { describe, expect, it } from 'vitest';
import type { Throughput } from '../../src/engine/api';
import { estimateRunMs, evalOverheadSec, fitBudget } from './budget-fit';

const t = (over: Partial<Throughput> = {}): Throughput => ({
  backend: 'wasm',
  samplesPerSec: 10,
  width: 8,
  batchSize: 64,
  measuredSteps: 5,
  ...over,
});
const bundle = { classes: 4, maxPerClass: 12, testCount: 32 };

describe('fitBudget', () => {
  it('takes the largest n whose training fits the time budget', () => {
    // 2 s · 10 samples/s / (4 classes · 2 epochs) = 2.5 → n = 2, 1.6 s
    expect(fitBudget(t(), bundle, { budgetSeconds: 2, epochs: 2, testLimit: null })).toEqual({
      perClass: 2,
      estimatedMs: 1600,
      limitedBy: 'the time budget',
      fits: true,
    });
  });

  it('stops at the whole condensed set and at the backend memory', () => {
    expect(
      fitBudget(t({ samplesPerSec: 1000 }), bundle, {
        budgetSeconds: 60,
        epochs: 2,
        testLimit: null,
      }),
    ).toMatchObject({
      perClass: 12,
      limitedBy: 'the whole condensed set fits',
    });
    expect(
      fitBudget(t({ samplesPerSec: 1000, memoryLimitSamples: 10 }), bundle, {
        budgetSeconds: 60,
        epochs: 2,
        testLimit: null,
      }),
    ).toMatchObject({
      perClass: 2,
      limitedBy: 'wasm memory (10 samples)',
    });
  });

  it('counts test evaluation as fixed overhead and says when even n = 1 does not fit', () => {
    const th = t({ evalSamplesPerSec: 40 });
    expect(evalOverheadSec(th, 32, { epochs: 2, testLimit: null })).toBeCloseTo(1.6);
    expect(evalOverheadSec(th, 32, { epochs: 2, testLimit: 8 })).toBeCloseTo(0.4);
    // 10 000 test images: 1000 after each of 3 epochs, then all 10 000 once → 13 000 images.
    expect(
      evalOverheadSec(t({ evalSamplesPerSec: 1000 }), 10_000, { epochs: 3, testLimit: null }),
    ).toBeCloseTo(13);
    const fit = fitBudget(th, bundle, { budgetSeconds: 2, epochs: 2, testLimit: null });
    expect(fit.fits).toBe(false);
    expect(fit.perClass).toBe(1);
    expect(fit.estimatedMs).toBeCloseTo(2400);
    expect(fit.limitedBy).toBe(
      'the budget is too small: even 1 sample per class needs about 2.4 s',
    );
  });
});

describe('estimateRunMs', () => {
  it('estimates only from a throughput measured on the active backend and width', () => {
    const settings = { width: 8, epochs: 3, testLimit: null };
    expect(estimateRunMs(t(), 'wasm', settings, 5, 4, 32)).toBeCloseTo(6000);
    expect(estimateRunMs(t(), 'webgpu', settings, 5, 4, 32)).toBeNull();
    expect(estimateRunMs(t(), 'wasm', { ...settings, width: 16 }, 5, 4, 32)).toBeNull();
    expect(estimateRunMs(null, 'wasm', settings, 5, 4, 32)).toBeNull();
  });
});
