// What a selection means for the gallery (selection-stats.ts): the kept mask, kept counts per
// class, and where a sample lives (class, stored image, patch).
import { describe, expect, it } from 'vitest';
import { classCounts, keptMask, sampleLocation } from './selection-stats';

describe('selection statistics', () => {
  it('marks kept samples and counts them per class', () => {
    const idx = Int32Array.from([0, 3, 4, 9, 11]);
    expect([...keptMask(idx, 12)]).toEqual([1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1]);
    expect(classCounts(idx, 4, 3)).toEqual([2, 1, 2]);
    expect(() => keptMask(Int32Array.from([12]), 12)).toThrow('selected index 12 is outside 0…11');
  });

  it('locates a sample: class, stored image, patch row and column (design.md §1)', () => {
    // ipcF 3, f 2: sample ((c·3)+j)·4+p
    expect(sampleLocation((1 * 3 + 2) * 4 + 3, 3, 2)).toEqual({
      cls: 1,
      image: 2,
      patch: 3,
      row: 1,
      col: 1,
    });
    expect(sampleLocation(5, 3, 2)).toEqual({ cls: 0, image: 1, patch: 1, row: 0, col: 1 });
  });
});
