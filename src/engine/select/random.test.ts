import { describe, it, expect } from 'vitest';
import { selectRandom } from './random';
import { SelectionError } from '../errors';

const labels = Int32Array.from({ length: 400 }, (_, i) => Math.floor(i / 40)); // 10 classes × 40

describe('selectRandom', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = selectRandom(labels, 10, { perClass: 5, balanced: false, seed: 7 });
    const b = selectRandom(labels, 10, { perClass: 5, balanced: false, seed: 7 });
    const c = selectRandom(labels, 10, { perClass: 5, balanced: false, seed: 8 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('imbalanced keeps n · classes distinct ascending samples', () => {
    const a = Array.from(selectRandom(labels, 10, { perClass: 5, balanced: false, seed: 1 }));
    expect(a.length).toBe(50);
    expect(new Set(a).size).toBe(50);
    expect(a).toEqual([...a].sort((x, y) => x - y));
    expect(a.every((i) => i >= 0 && i < 400)).toBe(true);
  });

  it('balanced keeps exactly n per class', () => {
    for (const seed of [1, 2, 3]) {
      const a = Array.from(selectRandom(labels, 10, { perClass: 3, balanced: true, seed }));
      const counts = new Array(10).fill(0);
      for (const i of a) counts[labels[i]!]++;
      expect(counts).toEqual(new Array(10).fill(3));
    }
  });

  it('is uniform: over 2000 draws of 1 of 4 samples each is picked about 500 times', () => {
    const lab = Int32Array.of(0, 0, 0, 0);
    const hits = [0, 0, 0, 0];
    for (let seed = 0; seed < 2000; seed++) {
      const i = selectRandom(lab, 1, { perClass: 1, balanced: true, seed })[0]!;
      hits[i] = hits[i]! + 1;
    }
    for (const h of hits) expect(Math.abs(h - 500)).toBeLessThan(80);
  });

  it('rejects impossible sizes', () => {
    expect(() => selectRandom(labels, 10, { perClass: 41, balanced: true, seed: 0 })).toThrow(
      SelectionError,
    );
    expect(() => selectRandom(labels, 10, { perClass: 41, balanced: false, seed: 0 })).toThrow(
      /410 samples requested/,
    );
  });
});
