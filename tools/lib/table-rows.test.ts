// `yoco table` row tokens (selection tokens and `full`).
import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { parseRowToken } from './table-rows';

describe('table row tokens', () => {
  it('resolves methods with their defaults and variants', () => {
    expect(parseRowToken('yoco').selection).toMatchObject({
      method: 'yoco',
      prefer: 'easy',
      balanced: true,
    });
    expect(parseRowToken('random').selection).toMatchObject({ method: 'random', balanced: false });
    expect(parseRowToken('random+balanced').selection).toMatchObject({
      method: 'random',
      balanced: true,
    });
    expect(parseRowToken('lbpe+imbalanced').selection).toMatchObject({
      method: 'lbpe',
      prefer: 'easy',
      balanced: false,
    });
    expect(parseRowToken('el2n+easy+balanced').selection).toMatchObject({
      method: 'el2n',
      prefer: 'easy',
      balanced: true,
    });
    expect(parseRowToken('lbpe+imbalanced').label).toBe('lbpe (easy, imbalanced)');
    expect(parseRowToken('random+balanced').label).toBe('random (balanced)');
    const full = parseRowToken('full');
    expect(full.selection).toBeNull();
    expect(full.label).toBe('full condensed set');
  });
  it('rejects unknown methods, variants and variants of the fixed yoco', () => {
    expect(() => parseRowToken('dream')).toThrow(UsageError);
    expect(() => parseRowToken('dream')).toThrow(/unknown method "dream"/);
    expect(() => parseRowToken('lbpe+sideways')).toThrow(/unknown variant "\+sideways"/);
    expect(() => parseRowToken('yoco+imbalanced')).toThrow(/yoco is fixed/);
  });
});
