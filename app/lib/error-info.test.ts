// What the app shows of a failure (error-info.ts): a bundle error's file and problem in words,
// and backend failures told apart from the user's errors and cancels.
import { describe, expect, it } from 'vitest';
import { AbortedError, BackendError, BundleError, ConfigError } from '../../src/engine/errors';
import { errorInfo, isBackendFailure, problemText } from './error-info';

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
});
