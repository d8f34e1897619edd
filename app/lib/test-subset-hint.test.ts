// Tests of the training card's test-subset note: none for the whole set, the counts once known.
import { describe, expect, it } from 'vitest';
import { testSubsetHint } from './test-subset-hint';

describe('testSubsetHint', () => {
  it('says nothing when every accuracy uses the whole test set', () => {
    expect(testSubsetHint({ total: 32, testCount: 32, epochTestCount: 32 }, null)).toBeNull();
    expect(testSubsetHint({ total: 0, testCount: 0, epochTestCount: 0 }, null)).toBeNull();
  });

  it('names a stratified final subset, with per-class counts once the run reports them', () => {
    const counts = { total: 32, testCount: 16, epochTestCount: 16 };
    expect(testSubsetHint(counts, null)).toBe(
      'Test accuracy uses 16 of the 32 test images (stratified by class).',
    );
    const result = { testPerClass: [4, 4, 4, 4], epochTestPerClass: [4, 4, 4, 4] };
    expect(testSubsetHint(counts, result)).toBe(
      'Test accuracy uses 16 of the 32 test images (stratified: 4 per class, all 4 classes).',
    );
  });

  it('separates the per-epoch subset from the final set', () => {
    const result = { testPerClass: [1000, 1000], epochTestPerClass: [500, 500] };
    expect(testSubsetHint({ total: 2000, testCount: 2000, epochTestCount: 1000 }, result)).toBe(
      'Test accuracy after each epoch uses 1,000 of the 2,000 test images (stratified: 500 per ' +
        'class, all 2 classes); the final accuracy uses all 2,000.',
    );
    const both = { testPerClass: [750, 750], epochTestPerClass: [500, 500] };
    expect(testSubsetHint({ total: 2000, testCount: 1500, epochTestCount: 1000 }, both)).toBe(
      'Test accuracy after each epoch uses 1,000 of the 2,000 test images (stratified: 500 per ' +
        'class, all 2 classes); the final accuracy uses 1,500 of the 2,000 test images ' +
        '(stratified: 750 per class, all 2 classes).',
    );
  });
});
