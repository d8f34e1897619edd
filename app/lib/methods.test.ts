import { describe, expect, it } from 'vitest';
import { METHODS } from '../../src/engine/types';
import { METHOD_OPTIONS, methodLabel, selectRequestFor } from './methods';

describe('method options', () => {
  it('offer YOCO, every baseline of the issue and the four Table 2 ablation rows', () => {
    const ids = METHOD_OPTIONS.map((o) => o.id);
    expect(ids).toEqual([
      'yoco',
      'random',
      'el2n',
      'forgetting',
      'aum',
      'entropy',
      'loss',
      'ccs',
      'kmeans',
      'abl-random',
      'abl-random-balanced',
      'abl-lbpe-imbalanced',
      'abl-lbpe-balanced',
    ]);
    for (const o of METHOD_OPTIONS) expect(METHODS).toContain(o.method);
  });

  it('map ablation rows to the exact method, preference and balance', () => {
    expect(selectRequestFor('abl-random', 3, 1)).toEqual({
      method: 'random',
      perClass: 3,
      seed: 1,
      balanced: false,
    });
    expect(selectRequestFor('abl-random-balanced', 3, 1)).toEqual({
      method: 'random',
      perClass: 3,
      seed: 1,
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

  it('leave baselines on the engine defaults', () => {
    expect(selectRequestFor('el2n', 4, 2)).toEqual({ method: 'el2n', perClass: 4, seed: 2 });
  });

  it('reject unknown ids and label unknown records by id', () => {
    expect(() => selectRequestFor('best', 1, 0)).toThrow('unknown method "best"');
    expect(methodLabel('ccs')).toBe('CCS');
    expect(methodLabel('legacy')).toBe('legacy');
  });
});
