// Sizes, IPC and durations in words (format.ts), with the right plurals.
import { describe, expect, it } from 'vitest';
import { formatIpc, formatSeconds, plural, sizeText } from './format';

describe('format', () => {
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
