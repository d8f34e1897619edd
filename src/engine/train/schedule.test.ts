import { describe, it, expect } from 'vitest';
import { ConfigError } from '../errors';
import { learningRateAt, lrMilestones } from './schedule';

const lrs = (epochs: number): number[] =>
  Array.from({ length: epochs }, (_, e) => learningRateAt(e, epochs, 0.01));

describe('learning-rate schedule', () => {
  it('drops x0.2 at floor(2E/3) and floor(5E/6) for 30 epochs', () => {
    expect(lrMilestones(30)).toEqual([20, 25]);
    const r = lrs(30);
    for (let e = 0; e < 20; e++) expect(r[e]).toBe(0.01);
    for (let e = 20; e < 25; e++) expect(r[e]).toBeCloseTo(0.002, 15);
    for (let e = 25; e < 30; e++) expect(r[e]).toBeCloseTo(0.0004, 15);
  });

  it('rounds fractional boundaries down (1000 and 100 epochs)', () => {
    expect(lrMilestones(1000)).toEqual([666, 833]);
    expect(lrMilestones(100)).toEqual([66, 83]);
    expect(learningRateAt(65, 100, 0.01)).toBe(0.01);
    expect(learningRateAt(66, 100, 0.01)).toBeCloseTo(0.002, 15);
    expect(learningRateAt(82, 100, 0.01)).toBeCloseTo(0.002, 15);
    expect(learningRateAt(83, 100, 0.01)).toBeCloseTo(0.0004, 15);
  });

  it('handles tiny runs like MultiStepLR: milestone 0 never fires, equal milestones fire together', () => {
    expect(lrs(1)).toEqual([0.01]);
    expect(lrMilestones(2)).toEqual([1, 1]);
    const two = lrs(2);
    expect(two[0]).toBe(0.01);
    expect(two[1]).toBeCloseTo(0.0004, 15);
    const six = lrs(6); // milestones 4, 5
    expect(six.slice(0, 4)).toEqual([0.01, 0.01, 0.01, 0.01]);
    expect(six[4]).toBeCloseTo(0.002, 15);
    expect(six[5]).toBeCloseTo(0.0004, 15);
  });

  it('rejects epochs outside the run', () => {
    expect(() => learningRateAt(30, 30, 0.01)).toThrow(ConfigError);
    expect(() => learningRateAt(-1, 30, 0.01)).toThrow(/epoch -1 is outside 0..29/);
    expect(() => lrMilestones(0)).toThrow(/epochs must be a positive integer, got 0/);
  });
});
