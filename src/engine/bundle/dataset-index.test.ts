// The dataset index (dataset-index.ts): both forms of index.json, descriptions, errors that name
// the file, and bundle folder URLs.
import { describe, expect, it } from 'vitest';
import { bundleUrl, DatasetIndexError, parseDatasetIndex } from './dataset-index';

describe('dataset index', () => {
  it('reads the object and the array form, falling back to the first bundle', () => {
    expect(parseDatasetIndex({ default: 'b', bundles: [{ id: 'a', title: 'A' }, 'b'] })).toEqual({
      defaultId: 'b',
      bundles: [
        { id: 'a', title: 'A' },
        { id: 'b', title: 'b' },
      ],
    });
    expect(parseDatasetIndex(['x']).defaultId).toBe('x');
    expect(parseDatasetIndex({ default: 'zzz', bundles: ['x', 'y'] }).defaultId).toBe('x');
  });

  it('keeps each bundle’s one-line description (optional)', () => {
    const index = parseDatasetIndex({
      default: 'dm',
      bundles: [
        { id: 'rded', title: 'RDED', description: 'RDED-style: real crops, scored by LBPE.' },
        { id: 'dm', title: 'DM', description: '  Distribution Matching.  ' },
        { id: 'plain', title: 'Plain', description: '' },
        'bare',
      ],
    });
    expect(index.defaultId).toBe('dm');
    expect(index.bundles.map((b) => b.description)).toEqual([
      'RDED-style: real crops, scored by LBPE.',
      'Distribution Matching.',
      undefined,
      undefined,
    ]);
    expect(() => parseDatasetIndex({ bundles: [{ id: 'a', description: 3 }] })).toThrow(
      'datasets/index.json: bundles[0].description must be a string',
    );
  });

  it('names the file and what is wrong', () => {
    expect(() => parseDatasetIndex({ bundles: [] })).toThrow(
      'datasets/index.json: lists no bundles',
    );
    expect(() => parseDatasetIndex({ bundles: [{ title: 'no id' }] })).toThrow(DatasetIndexError);
    expect(() => parseDatasetIndex(7)).toThrow('datasets/index.json: expected a "bundles" array');
  });

  it('resolves bundle folders', () => {
    expect(bundleUrl('http://h/app/', 'fmnist')).toBe('http://h/app/datasets/fmnist/');
    expect(bundleUrl('http://h/', 'e2e/bad/')).toBe('http://h/e2e/bad/');
    expect(bundleUrl('http://h/', '/abs/b')).toBe('/abs/b/');
  });
});
