// The baseline scores' building blocks (baselines.ts): EL2N over the first epochs, forgetting
// events counted per sample as they stream in, and AUM's margin.
import { describe, it, expect } from 'vitest';
import { AumTracker, el2n, ForgettingTracker, margin } from './baselines';
import { ConfigError } from '../errors';

describe('el2n', () => {
  it('sums epochs 0–9 only', () => {
    // 12 epochs; sample 0 has error 1 everywhere, sample 1 has error t in epoch t.
    const rows = Array.from({ length: 12 }, (_, t) => [1, t]);
    expect(Array.from(el2n(rows))).toEqual([10, 45]); // 0+1+…+9 = 45
  });

  it('uses all epochs when fewer than 10 were recorded', () => {
    expect(
      Array.from(
        el2n([
          [0.5, 1],
          [0.25, 2],
          [0.25, 3],
        ]),
      ),
    ).toEqual([1, 6]);
  });

  it('rejects an empty record', () => {
    expect(() => el2n([])).toThrow(ConfigError);
  });
});

describe('forgetting', () => {
  /** Forgetting events of one sample observed in the order of `correct`. */
  const forgettingEvents = (correct: readonly boolean[]): number => {
    const f = new ForgettingTracker(1);
    for (const c of correct) f.observe(0, c);
    return f.counts()[0]!;
  };

  it('counts correct→incorrect transitions', () => {
    expect(forgettingEvents([true, false, true, false])).toBe(2);
    expect(forgettingEvents([false, true, true, true])).toBe(0);
    expect(forgettingEvents([true, true, false, false, true, false])).toBe(2);
    expect(forgettingEvents([false, false, false])).toBe(0); // never learned: 0 events (design.md §2)
    expect(forgettingEvents([])).toBe(0);
  });

  it('streams per sample in observation order', () => {
    const f = new ForgettingTracker(2);
    const seq: [number, boolean][] = [
      [0, true],
      [1, true],
      [0, false],
      [1, true],
      [0, true],
      [1, false],
      [0, false],
    ];
    for (const [i, c] of seq) f.observe(i, c);
    expect(Array.from(f.counts())).toEqual([2, 1]);
  });
});

describe('aum', () => {
  it('margin is p_y minus the largest other probability', () => {
    const p = [0.2, 0.5, 0.3];
    expect(margin(p, 0, 3, 0)).toBeCloseTo(-0.3, 12);
    expect(margin(p, 0, 3, 1)).toBeCloseTo(0.2, 12);
    expect(margin([0, 0, 0.7, 0.1, 0.2], 2, 3, 0)).toBeCloseTo(0.5, 12);
  });

  it('sums margins over observations', () => {
    const a = new AumTracker(2);
    a.observe(0, 0.5);
    a.observe(0, -0.25);
    a.observe(1, 0.125);
    expect(Array.from(a.scores())).toEqual([0.25, 0.125]);
  });
});
