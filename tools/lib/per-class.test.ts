// Per-class accuracy in the CLI's words: the one-line form of `yoco train`, the mean over seeds of
// `yoco table --per-class`, and rows whose cells predate per-class results (no figures, a note).
import { describe, expect, it } from 'vitest';
import { formatPerClass, formatPerClassTable, perClassRow } from './per-class';

const A = [
  [3, 1],
  [0, 4],
]; // per class: 0.75, 1
const B = [
  [1, 3],
  [2, 2],
]; // per class: 0.25, 0.5

describe('per-class accuracy in the CLI', () => {
  it('writes one run on one line, with — for a class without test images', () => {
    expect(formatPerClass(['cat', 'dog', 'owl'], [0.75, 1, null])).toBe(
      'cat 75.0%, dog 100.0%, owl —',
    );
  });

  it('averages each class over the seeds', () => {
    expect(perClassRow('yoco', 1, [A, B])).toEqual({
      method: 'yoco',
      ipc: 1,
      seeds: 2,
      accuracy: [0.5, 0.75],
    });
  });

  it('gives no figures for a row with a cell cached before per-class results, and says why', () => {
    const old = perClassRow('random', 1, [A, undefined]);
    expect(old.accuracy).toBeNull();
    const text = formatPerClassTable(
      ['T-shirt/top', 'Trouser'],
      [perClassRow('yoco', 1, [A, B]), old, perClassRow('full', null, [A])],
    );
    expect(text.split('\n')).toEqual([
      'method @ IPC_T  T-shirt/to  Trouser',
      'yoco @ 1              50.0     75.0',
      'random @ 1               —        —',
      'full @ full           75.0    100.0',
      '',
      'per-class test accuracy %, mean over seeds',
      '1 row without per-class figures (—): some of their cells were cached before per-class ' +
        'results were kept; run with another --cache folder to measure them',
    ]);
  });
});
