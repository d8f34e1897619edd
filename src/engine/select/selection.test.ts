// The selection vocabulary: tokens read with each method's defaults, the shortest token written
// back (round trip), errors for unknown methods and variants and for varying the fixed yoco.
import { describe, expect, it } from 'vitest';
import { SelectionError } from '../errors';
import { METHODS } from '../types';
import { describeSelection, METHOD_DEFAULTS, parseSelection, selectionToken } from './selection';

describe('selection tokens', () => {
  it('resolve a method with its defaults and variants', () => {
    expect(parseSelection('yoco')).toEqual({ method: 'yoco', prefer: 'easy', balanced: true });
    expect(parseSelection('lbpe+hard+balanced')).toEqual({
      method: 'lbpe',
      prefer: 'hard',
      balanced: true,
    });
    expect(parseSelection('random')).toEqual({ method: 'random', prefer: 'easy', balanced: false });
    expect(parseSelection('random+balanced')).toMatchObject({ balanced: true });
    expect(parseSelection('el2n')).toEqual({ method: 'el2n', prefer: 'hard', balanced: false });
    expect(parseSelection('el2n+easy+balanced')).toEqual({
      method: 'el2n',
      prefer: 'easy',
      balanced: true,
    });
    // A preference does not apply to random, CCS and k-means: it is ignored.
    expect(parseSelection('ccs+hard')).toEqual(parseSelection('ccs'));
  });

  it('write the shortest token, which reads back as the same selection', () => {
    expect(selectionToken(parseSelection('lbpe+hard+balanced'))).toBe('lbpe+hard');
    expect(selectionToken(parseSelection('lbpe+easy+balanced'))).toBe('lbpe');
    expect(selectionToken(parseSelection('random+balanced'))).toBe('random+balanced');
    expect(selectionToken({ method: 'yoco', prefer: 'hard', balanced: false })).toBe('yoco');
    for (const method of METHODS) {
      for (const v of ['', '+hard', '+easy+imbalanced', '+balanced']) {
        if (METHOD_DEFAULTS[method].fixed && v) continue;
        const s = parseSelection(method + v);
        expect(parseSelection(selectionToken(s))).toEqual(s);
      }
    }
  });

  it('reject unknown methods and variants, and variants of the fixed yoco', () => {
    expect(() => parseSelection('dream')).toThrow(SelectionError);
    expect(() => parseSelection('dream')).toThrow(/^unknown method "dream"; choose one of yoco/);
    expect(() => parseSelection('dream+hard')).toThrow(/unknown method "dream" in "dream\+hard"/);
    expect(() => parseSelection('lbpe+sideways')).toThrow(/unknown variant "\+sideways"/);
    expect(() => parseSelection('yoco+imbalanced')).toThrow(/yoco is fixed/);
  });

  it('describe a selection in words', () => {
    expect(describeSelection(parseSelection('yoco'))).toBe('yoco (easy, balanced)');
    expect(describeSelection(parseSelection('random+balanced'))).toBe('random (balanced)');
    expect(describeSelection(parseSelection('lbpe+imbalanced'))).toBe('lbpe (easy, imbalanced)');
  });
});
