// meanStd (stats.ts): the mean and the population standard deviation, NaN for no values.
import { describe, expect, it } from 'vitest';
import { meanStd } from './stats';

describe('meanStd', () => {
  it('is the mean and the population standard deviation', () => {
    expect(meanStd([0.5])).toEqual({ mean: 0.5, std: 0 });
    const three = meanStd([0.2, 0.4, 0.6]);
    expect(three.mean).toBeCloseTo(0.4, 12);
    expect(three.std).toBeCloseTo(Math.sqrt(0.08 / 3), 12);
    const table = meanStd([0.5, 0.7, 0.6]);
    expect(table.mean).toBeCloseTo(0.6, 12);
    expect(table.std).toBeCloseTo(Math.sqrt(0.02 / 3), 12);
  });

  it('gives NaN for no values', () => {
    const none = meanStd([]);
    expect(none.mean).toBeNaN();
    expect(none.std).toBeNaN();
  });
});
