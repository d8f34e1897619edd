// The app's method menu: its options (named by selection token), the engine request each makes,
// the old app ids it still reads, and the labels of reference-table row tokens.
import { describe, expect, it } from 'vitest';
import { parseSelection } from '../../src/engine/select/selection';
import { METHODS } from '../../src/engine/types';
import {
  DISTINCT_METHOD_OPTIONS,
  METHOD_OPTIONS,
  methodLabel,
  methodOption,
  offeredOptions,
  referenceRowLabel,
  selectRequestFor,
} from './methods';

describe('method options', () => {
  it("offer YOCO, the multisize bundle's own order, every baseline and the Table 2 ablation rows", () => {
    const tokens = METHOD_OPTIONS.map((o) => o.token).join(' ');
    expect(tokens).toBe(
      'yoco prefix random el2n forgetting aum entropy loss ccs kmeans random+imbalanced ' +
        'random+balanced lbpe+easy+imbalanced lbpe+easy+balanced lbpe+hard+balanced',
    );
    for (const o of METHOD_OPTIONS) expect(METHODS).toContain(o.selection.method);
  });

  it('list each distinct selection once where methods are picked to train (Compare)', () => {
    expect(DISTINCT_METHOD_OPTIONS.map((o) => o.token).join(' ')).toBe(
      'yoco prefix random el2n forgetting aum entropy loss ccs kmeans ' +
        'random+balanced lbpe+easy+imbalanced lbpe+hard+balanced',
    );
    const labels = DISTINCT_METHOD_OPTIONS.map((o) => o.label);
    expect(labels).not.toContain('LBPE easy, balanced'); // the same samples as YOCO
    expect(labels).not.toContain('Random (imbalanced)'); // the same samples as Random
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('map ablation rows to the exact method, preference and balance', () => {
    expect(selectRequestFor('random+imbalanced', 3, 1)).toEqual({
      method: 'random',
      perClass: 3,
      seed: 1,
      prefer: 'easy', // a preference does not apply to random
      balanced: false,
    });
    expect(selectRequestFor('random+balanced', 3, 1)).toEqual({
      method: 'random',
      perClass: 3,
      seed: 1,
      prefer: 'easy',
      balanced: true,
    });
    expect(selectRequestFor('lbpe+easy+imbalanced', 5, 0)).toEqual({
      method: 'lbpe',
      perClass: 5,
      seed: 0,
      prefer: 'easy',
      balanced: false,
    });
    expect(selectRequestFor('lbpe+easy+balanced', 5, 0)).toEqual({
      method: 'lbpe',
      perClass: 5,
      seed: 0,
      prefer: 'easy',
      balanced: true,
    });
    expect(selectRequestFor('yoco', 2, 9)).toEqual({
      method: 'yoco',
      perClass: 2,
      seed: 9,
      prefer: 'easy',
      balanced: true,
    });
  });

  it('map the reversed-rule row to LBPE, hard, balanced', () => {
    expect(selectRequestFor('lbpe+hard+balanced', 4, 0)).toEqual({
      method: 'lbpe',
      perClass: 4,
      seed: 0,
      prefer: 'hard',
      balanced: true,
    });
  });

  it('label reference-table row tokens by the option making the same request', () => {
    expect(referenceRowLabel('full')).toBe('Full condensed set');
    expect(referenceRowLabel('yoco')).toBe('YOCO (LBPE easy, balanced)');
    expect(referenceRowLabel('random')).toBe('Random');
    expect(referenceRowLabel('random+balanced')).toBe('Random, balanced');
    expect(referenceRowLabel('lbpe+imbalanced')).toBe('LBPE easy, imbalanced');
    expect(referenceRowLabel('lbpe+hard+balanced')).toBe('LBPE hard, balanced');
    expect(referenceRowLabel('el2n')).toBe('EL2N');
    expect(referenceRowLabel('kmeans')).toBe('k-means (SSP)');
    expect(referenceRowLabel('el2n+easy+balanced')).toBe('el2n+easy+balanced');
    expect(referenceRowLabel('mystery')).toBe('mystery');
  });

  it('leave baselines on the engine defaults', () => {
    expect(selectRequestFor('el2n', 4, 2)).toEqual({
      ...parseSelection('el2n'),
      perClass: 4,
      seed: 2,
    });
    expect(selectRequestFor('el2n', 4, 2)).toMatchObject({ prefer: 'hard', balanced: false });
  });

  it('read the old app ids, any case, and other spellings of an option as that option', () => {
    expect(methodOption('abl-random')?.token).toBe('random+imbalanced');
    expect(methodOption('abl-random-balanced')?.token).toBe('random+balanced');
    expect(methodOption('abl-lbpe-imbalanced')?.token).toBe('lbpe+easy+imbalanced');
    expect(methodOption('abl-lbpe-balanced')?.token).toBe('lbpe+easy+balanced');
    expect(methodOption('abl-lbpe-hard-balanced')?.token).toBe('lbpe+hard+balanced');
    expect(methodOption('EL2N')?.token).toBe('el2n');
    expect(methodOption('lbpe+hard')?.token).toBe('lbpe+hard+balanced');
    expect(methodOption('random balanced')?.token).toBe('random+balanced'); // a URL's `+`
    expect(methodOption('el2n+easy')).toBeUndefined(); // a token, but not on the menu
    expect(methodOption('constructor')).toBeUndefined();
    expect(methodLabel('abl-lbpe-hard-balanced')).toBe('LBPE hard, balanced');
  });

  it('reject unknown methods and label unknown records by their token', () => {
    expect(() => selectRequestFor('best', 1, 0)).toThrow('unknown method "best"');
    expect(methodLabel('ccs')).toBe('CCS');
    expect(methodLabel('legacy')).toBe('legacy');
  });
});

describe('offeredOptions', () => {
  it('offers "as condensed" only for a multisize bundle', () => {
    const tokens = (multisize: boolean) =>
      offeredOptions(METHOD_OPTIONS, multisize).map((o) => o.token);
    expect(tokens(true)).toContain('prefix');
    expect(tokens(false)).not.toContain('prefix');
    expect(tokens(false)).toHaveLength(METHOD_OPTIONS.length - 1);
  });
});
