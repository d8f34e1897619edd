// The app's method menu: its options, the engine request each makes, and the labels of
// reference-table row tokens.
import { describe, expect, it } from 'vitest';
import { parseSelection } from '../../src/engine/select/selection';
import { METHODS } from '../../src/engine/types';
import {
  DISTINCT_METHOD_OPTIONS,
  METHOD_OPTIONS,
  methodLabel,
  referenceRowLabel,
  selectRequestFor,
} from './methods';

describe('method options', () => {
  it('offer YOCO, every baseline of the issue and the four Table 2 ablation rows', () => {
    const ids = METHOD_OPTIONS.map((o) => o.id).join(' ');
    expect(ids).toBe(
      'yoco random el2n forgetting aum entropy loss ccs kmeans ' +
        'abl-random abl-random-balanced abl-lbpe-imbalanced abl-lbpe-balanced abl-lbpe-hard-balanced',
    );
    for (const o of METHOD_OPTIONS) expect(METHODS).toContain(o.selection.method);
  });

  it('list each distinct selection once where methods are picked to train (Compare)', () => {
    expect(DISTINCT_METHOD_OPTIONS.map((o) => o.id).join(' ')).toBe(
      'yoco random el2n forgetting aum entropy loss ccs kmeans ' +
        'abl-random-balanced abl-lbpe-imbalanced abl-lbpe-hard-balanced',
    );
    const labels = DISTINCT_METHOD_OPTIONS.map((o) => o.label);
    expect(labels).not.toContain('LBPE easy, balanced'); // the same samples as YOCO
    expect(labels).not.toContain('Random (imbalanced)'); // the same samples as Random
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('map ablation rows to the exact method, preference and balance', () => {
    expect(selectRequestFor('abl-random', 3, 1)).toEqual({
      method: 'random',
      perClass: 3,
      seed: 1,
      prefer: 'easy', // a preference does not apply to random
      balanced: false,
    });
    expect(selectRequestFor('abl-random-balanced', 3, 1)).toEqual({
      method: 'random',
      perClass: 3,
      seed: 1,
      prefer: 'easy',
      balanced: true,
    });
    expect(selectRequestFor('abl-lbpe-imbalanced', 5, 0)).toEqual({
      method: 'lbpe',
      perClass: 5,
      seed: 0,
      prefer: 'easy',
      balanced: false,
    });
    expect(selectRequestFor('abl-lbpe-balanced', 5, 0)).toEqual({
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
    expect(selectRequestFor('abl-lbpe-hard-balanced', 4, 0)).toEqual({
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

  it('reject unknown ids and label unknown records by id', () => {
    expect(() => selectRequestFor('best', 1, 0)).toThrow('unknown method "best"');
    expect(methodLabel('ccs')).toBe('CCS');
    expect(methodLabel('legacy')).toBe('legacy');
  });
});
