// Tests of formatParam on each kind of manifest value.
import { describe, expect, it } from 'vitest';
import { formatParam } from './format-param';

describe('formatParam', () => {
  it('formats numbers, strings, lists, nested objects and missing values', () => {
    expect(formatParam(128)).toBe('128');
    expect(formatParam(0.859712)).toBe('0.8597');
    expect(formatParam('lowest-loss')).toBe('lowest-loss');
    expect(formatParam([0.25, 0.2412])).toBe('0.25, 0.2412');
    expect(formatParam({ lbpe: [0.2482, 0.2391], aum: [0.55] })).toBe(
      'lbpe: 0.2482, 0.2391; aum: 0.55',
    );
    expect(formatParam(null)).toBe('–');
  });
});
