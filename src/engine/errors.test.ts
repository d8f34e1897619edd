// The engine's shared error helpers (errors.ts): the one positive-integer check, with the error
// class its caller throws, and a thrown value's message.
import { describe, expect, it } from 'vitest';
import { checkPositiveInteger, ConfigError, errorMessage, SelectionError } from './errors';

describe('checkPositiveInteger', () => {
  it('returns a positive integer as it is', () => {
    expect(checkPositiveInteger('epochs', 1)).toBe(1);
    expect(checkPositiveInteger('epochs', 300)).toBe(300);
  });

  it('refuses zero, negatives, fractions and non-numbers with one message', () => {
    for (const v of [0, -2, 1.5, NaN, Infinity]) {
      expect(() => checkPositiveInteger('batch size', v)).toThrow(
        new ConfigError(`batch size must be a positive integer, got ${v}`),
      );
    }
  });

  it('throws the error class its caller names', () => {
    expect(() => checkPositiveInteger('samples per class', 0, SelectionError)).toThrow(
      SelectionError,
    );
  });
});

describe('errorMessage', () => {
  it("is an Error's message, or anything else as text", () => {
    expect(errorMessage(new RangeError('too far'))).toBe('too far');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
  });
});
