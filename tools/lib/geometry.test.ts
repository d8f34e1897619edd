// Tests of subset geometry on points placed by hand on a line (1-D features), with exact answers.
import { describe, expect, it } from 'vitest';
import { subsetGeometry } from './geometry';

// Class 0 at 0, 1, 2, 3 (mean pairwise distance 10/6); class 1 at 10, 20 (mean pairwise 10).
const features = Float32Array.from([0, 1, 2, 3, 10, 20]);
const labels = [0, 0, 0, 0, 1, 1];

describe('subsetGeometry', () => {
  it('measures spread and coverage relative to each class, exactly', () => {
    // Class 0 keeps 0 and 3: spread 3 / (10/6); nearest distances 0,1,1,0 → 0.5 / (10/6).
    // Class 1 keeps 10: no spread (one kept); nearest distances 0, 10 → 5 / 10.
    const g = subsetGeometry(features, 1, labels, 2, [0, 3, 4]);
    expect(g.spread).toBeCloseTo(3 / (10 / 6), 12);
    expect(g.coverage).toBeCloseTo((0.5 / (10 / 6) + 0.5) / 2, 12);
    expect(g.emptyClasses).toBe(0);
  });

  it('ranks a clustered subset below a spread one and counts empty classes', () => {
    const clustered = subsetGeometry(features, 1, labels, 2, [1, 2]);
    const spread = subsetGeometry(features, 1, labels, 2, [0, 3]);
    expect(clustered.spread).toBeLessThan(spread.spread);
    expect(clustered.emptyClasses).toBe(1);
    expect(clustered.coverage).toBeCloseTo(0.5 / (10 / 6), 12); // nearest 1,0,0,1 → 0.5
    expect(spread.coverage).toBeCloseTo(0.5 / (10 / 6), 12);
  });

  it('rejects features that do not match the samples', () => {
    expect(() => subsetGeometry(features, 2, labels, 2, [0])).toThrow(
      '6 feature values for 6 samples × 2',
    );
  });
});
