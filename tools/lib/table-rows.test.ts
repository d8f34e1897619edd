import { describe, expect, it } from 'vitest';
import { parseRowToken, meanStd } from './table-rows';

describe('table row tokens', () => {
  it('resolves methods with their defaults and variants', () => {
    expect(parseRowToken('yoco')).toMatchObject({ method: 'yoco', prefer: 'easy', balanced: true });
    expect(parseRowToken('random')).toMatchObject({ method: 'random', balanced: false });
    expect(parseRowToken('random+balanced')).toMatchObject({ method: 'random', balanced: true });
    expect(parseRowToken('lbpe+imbalanced')).toMatchObject({ method: 'lbpe', prefer: 'easy', balanced: false });
    expect(parseRowToken('el2n+easy+balanced')).toMatchObject({ method: 'el2n', prefer: 'easy', balanced: true });
    const full = parseRowToken('full');
    expect(full.method).toBeUndefined();
    expect(full.balanced).toBe(true);
  });
  it('rejects unknown methods, variants and variants of the fixed yoco', () => {
    expect(() => parseRowToken('dream')).toThrow(/unknown method "dream"/);
    expect(() => parseRowToken('lbpe+sideways')).toThrow(/unknown variant "\+sideways"/);
    expect(() => parseRowToken('yoco+imbalanced')).toThrow(/yoco is fixed/);
  });
  it('computes population mean and std', () => {
    const { mean, std } = meanStd([0.5, 0.7, 0.6]);
    expect(mean).toBeCloseTo(0.6, 12);
    expect(std).toBeCloseTo(Math.sqrt(0.02 / 3), 12);
  });
});
