import { describe, expect, it } from 'vitest';
import {
  parseDatasetIndex,
  bundleUrl,
  DatasetIndexError,
} from '../../src/engine/bundle/dataset-index';
import { errorInfo, isBackendFailure, problemText } from './error-info';
import { formatIpc, formatSeconds, plural, sizeText } from './format';
import { imageToRgba } from './pixels';
import { classCounts, keptMask, sampleLocation } from './selection-stats';
import { AbortedError, BackendError, BundleError, ConfigError } from '../../src/engine/errors';

describe('selection statistics', () => {
  it('marks kept samples and counts them per class', () => {
    const idx = Int32Array.from([0, 3, 4, 9, 11]);
    expect([...keptMask(idx, 12)]).toEqual([1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1]);
    expect(classCounts(idx, 4, 3)).toEqual([2, 1, 2]);
    expect(() => keptMask(Int32Array.from([12]), 12)).toThrow('selected index 12 is outside 0…11');
  });

  it('locates a sample: class, stored image, patch row and column (design.md §1)', () => {
    // ipcF 3, f 2: sample ((c·3)+j)·4+p
    expect(sampleLocation((1 * 3 + 2) * 4 + 3, 3, 2)).toEqual({
      cls: 1,
      image: 2,
      patch: 3,
      row: 1,
      col: 1,
    });
    expect(sampleLocation(5, 3, 2)).toEqual({ cls: 0, image: 1, patch: 1, row: 0, col: 1 });
  });
});

describe('imageToRgba', () => {
  it('expands grey and RGB pixels to opaque RGBA', () => {
    const grey = Uint8Array.from([1, 2, 3, 4, 9, 8, 7, 6]); // two 2×2 grey images
    expect([...imageToRgba(grey, 1, 2, 2, 1)]).toEqual([
      9, 9, 9, 255, 8, 8, 8, 255, 7, 7, 7, 255, 6, 6, 6, 255,
    ]);
    const rgb = Uint8Array.from([10, 20, 30, 40, 50, 60]);
    expect([...imageToRgba(rgb, 0, 1, 2, 3)]).toEqual([10, 20, 30, 255, 40, 50, 60, 255]);
    expect(() => imageToRgba(rgb, 1, 1, 2, 3)).toThrow(RangeError);
    expect(() => imageToRgba(rgb, 0, 1, 1, 4)).toThrow('cannot draw images with 4 channels');
  });

  it('draws float32 pixels (pixel/255) clamped to [0, 1]: overshoots show as black or white', () => {
    // One 1×3 RGB image after a 1×1 grey one: −0.7 → 0, 1.9 → 255, 0.5 → 128, 1/255 → 1.
    const floats = Float32Array.from([0.2, -0.7, 1.9, 0.5, 1 / 255, 1, 0, 1.0001, -0.0001, 64]);
    expect([...imageToRgba(floats, 0, 1, 1, 1)]).toEqual([51, 51, 51, 255]);
    expect([...imageToRgba(floats.subarray(1), 0, 1, 3, 3)]).toEqual([
      0, 255, 128, 255, 1, 255, 0, 255, 255, 0, 255, 255,
    ]);
  });
});

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

describe('error info', () => {
  it('keeps the file and problem of bundle errors', () => {
    const info = errorInfo(
      new BundleError('images.bin', 'digest', 'SHA-256 mismatch'),
      'Load failed',
    );
    expect(info).toEqual({
      title: 'Load failed',
      message: 'images.bin: SHA-256 mismatch',
      file: 'images.bin',
      problem: 'digest',
    });
    expect(problemText('digest')).toBe('SHA-256 digest mismatch');
    expect(problemText('pixel-value')).toBe('pixel not a finite number');
    expect(problemText('pixel-range')).toBe('pixel beyond ±64 (pixel/255 units)');
  });

  it('tells backend failures from user errors and cancels', () => {
    expect(isBackendFailure(new BackendError('webgpu', 'device lost'))).toBe(true);
    expect(isBackendFailure(new Error('Failed to allocate buffer'))).toBe(true);
    expect(isBackendFailure(new ConfigError('epochs 0'))).toBe(false);
    expect(isBackendFailure(new AbortedError())).toBe(false);
  });

  it('puts sizes in words with the right plurals', () => {
    expect(sizeText(4, 2)).toBe('1 image per class (4 patches)');
    expect(sizeText(1, 2)).toBe('0.25 images per class (1 patch)');
    expect(sizeText(7, 2)).toBe('1.75 images per class (7 patches)');
    expect(sizeText(1, 1)).toBe('1 image per class (1 patch)');
    expect(plural(1, 'run')).toBe('1 run');
    expect(plural(0, 'run')).toBe('0 runs');
  });

  it('formats IPC and durations', () => {
    expect(formatIpc(1, 2)).toBe('0.25');
    expect(formatIpc(8, 2)).toBe('2');
    expect(formatIpc(1, 3)).toBe('0.111');
    expect(formatSeconds(4200)).toBe('4.2 s');
    expect(formatSeconds(75_000)).toBe('75 s');
    expect(formatSeconds(185_000)).toBe('3 min 5 s');
  });
});
