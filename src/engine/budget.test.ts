import { describe, it, expect } from 'vitest';
import { estimateSeconds, largestPerClass } from './budget';
import { ConfigError } from './errors';

const base = { samplesPerSec: 1000, budgetSec: 60, epochs: 100, numClasses: 10, maxPerClass: 40 };

describe('largestPerClass', () => {
  it('largest n with n · classes · epochs / throughput ≤ budget', () => {
    // n · 10 · 100 / 1000 = n seconds → 60 s allows 40 (capped by maxPerClass); 25 s allows 25.
    expect(largestPerClass(base)).toEqual({ perClass: 40, estimatedSec: 40, fits: true });
    expect(largestPerClass({ ...base, budgetSec: 25 })).toEqual({
      perClass: 25,
      estimatedSec: 25,
      fits: true,
    });
    expect(largestPerClass({ ...base, budgetSec: 25.9 })).toEqual({
      perClass: 25,
      estimatedSec: 25,
      fits: true,
    });
    // 333 samples/s, 10 classes, 30 epochs, 120 s: n·300/333 ≤ 120 → n ≤ 133.2 → 133.
    const r = largestPerClass({
      samplesPerSec: 333,
      budgetSec: 120,
      epochs: 30,
      numClasses: 10,
      maxPerClass: 500,
    });
    expect(r.perClass).toBe(133);
    expect(r.estimatedSec).toBeCloseTo((133 * 300) / 333, 12);
  });

  it('adds the fixed overhead', () => {
    expect(largestPerClass({ ...base, budgetSec: 25, overheadSec: 5 })).toEqual({
      perClass: 20,
      estimatedSec: 25,
      fits: true,
    });
    expect(estimateSeconds(3, { ...base, overheadSec: 2 })).toBe(5);
  });

  it('respects the memory limit', () => {
    // 155 samples held at once over 10 classes → 15 per class.
    expect(largestPerClass({ ...base, memoryLimitSamples: 155 })).toEqual({
      perClass: 15,
      estimatedSec: 15,
      fits: true,
    });
  });

  it('answers 0 when even one sample per class does not fit', () => {
    expect(largestPerClass({ ...base, budgetSec: 0.5 })).toEqual({
      perClass: 0,
      estimatedSec: 1,
      fits: false,
    });
    expect(largestPerClass({ ...base, budgetSec: 10, overheadSec: 10 })).toEqual({
      perClass: 0,
      estimatedSec: 11,
      fits: false,
    });
    expect(largestPerClass({ ...base, memoryLimitSamples: 9 })).toEqual({
      perClass: 0,
      estimatedSec: 1,
      fits: false,
    });
  });

  it('exact at the boundary', () => {
    // 7 per class · 3 classes · 10 epochs / 21 samples/s = 10 s exactly.
    expect(
      largestPerClass({
        samplesPerSec: 21,
        budgetSec: 10,
        epochs: 10,
        numClasses: 3,
        maxPerClass: 100,
      }),
    ).toEqual({
      perClass: 7,
      estimatedSec: 10,
      fits: true,
    });
  });

  it('rejects nonsense inputs', () => {
    expect(() => largestPerClass({ ...base, samplesPerSec: 0 })).toThrow(ConfigError);
    expect(() => largestPerClass({ ...base, samplesPerSec: 0 })).toThrow(
      'throughput (samples/s) 0 must be a positive number',
    );
    expect(() => largestPerClass({ ...base, epochs: 2.5 })).toThrow(
      'epochs 2.5 must be a positive integer',
    );
    expect(() => largestPerClass({ ...base, overheadSec: -1 })).toThrow(ConfigError);
  });
});
