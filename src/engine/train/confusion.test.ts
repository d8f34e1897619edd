// The confusion matrix and what is read off it: exact counts on a small hand-checked case,
// accuracy and per-class accuracy from the same counts, row normalisation, empty classes, and the
// check of stored (untrusted) matrices.
import { describe, expect, it } from 'vitest';
import {
  confusionAccuracy,
  confusionOf,
  isConfusionMatrix,
  perClassAccuracy,
  rowNormalised,
  rowTotals,
} from './confusion';

// 3 classes; class 0: 3 images (2 right, 1 → class 2), class 1: 2 images (both → class 0),
// class 2: 1 image (right).
const labels = [0, 0, 0, 1, 1, 2];
const predicted = [0, 2, 0, 0, 0, 2];

describe('confusion matrix', () => {
  it('counts true class × predicted class', () => {
    expect(confusionOf(labels, predicted, 3)).toEqual([
      [2, 0, 1],
      [2, 0, 0],
      [0, 0, 1],
    ]);
  });

  it('gives accuracy and per-class accuracy from the same counts', () => {
    const m = confusionOf(labels, predicted, 3);
    expect(rowTotals(m)).toEqual([3, 2, 1]);
    expect(confusionAccuracy(m)).toBe(3 / 6);
    expect(perClassAccuracy(m)).toEqual([2 / 3, 0, 1]);
    expect(rowNormalised(m)).toEqual([
      [2 / 3, 0, 1 / 3],
      [1, 0, 0],
      [0, 0, 1],
    ]);
  });

  it('leaves a class without test images out of per-class accuracy (null, not 0)', () => {
    const m = confusionOf([0, 0, 1], [0, 1, 1], 3);
    expect(perClassAccuracy(m)).toEqual([0.5, 1, null]);
    expect(rowNormalised(m)[2]).toEqual([0, 0, 0]);
    expect(confusionAccuracy(confusionOf([], [], 2))).toBe(0);
  });

  it('accepts only K × K non-negative integer counts as a stored matrix', () => {
    expect(isConfusionMatrix(confusionOf(labels, predicted, 3), 3)).toBe(true);
    for (const bad of [
      null,
      [[1]],
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 0, 0],
        [0, -1, 0],
        [0, 0, 1],
      ],
      [
        [1, 0, 0],
        [0, 0.5, 0],
        [0, 0, 1],
      ],
      [[1, 0, 0], [0, 1, 0], 'row'],
    ]) {
      expect(isConfusionMatrix(bad, 3)).toBe(false);
    }
  });
});
