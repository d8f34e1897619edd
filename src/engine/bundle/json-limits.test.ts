// Tests of the JSON limits walk: depth and string/key length, the first violation in document
// order named by its key path, no recursion (a 1,000,000-deep value is walked without overflow).
import { describe, it, expect } from 'vitest';
import { describeJsonValue, findJsonLimitViolation } from './json-limits';

const limits = { depth: 3, string: 5 };

describe('findJsonLimitViolation', () => {
  it('accepts values within the limits', () => {
    expect(findJsonLimitViolation({ a: [1, 'abcde'], b: { c: null } }, limits)).toBeUndefined();
    expect(findJsonLimitViolation(42, limits)).toBeUndefined();
  });

  it('names the first container deeper than the limit by its key path', () => {
    expect(findJsonLimitViolation({ a: { b: { c: { d: 1 } } } }, limits)).toEqual({
      path: 'a.b.c',
      detail: 'nests deeper than 3 levels of arrays and objects',
    });
    expect(findJsonLimitViolation([[0, [[1]]]], limits)?.path).toBe('[0][1][0]');
    expect(
      findJsonLimitViolation({ 'odd key': { x: { y: {} } } }, { depth: 3, string: 10 })?.path,
    ).toBe('["odd key"].x.y');
  });

  it('reports in document order', () => {
    const v = { first: [[['deep']]], second: 'too long' };
    expect(findJsonLimitViolation(v, limits)?.path).toBe('first[0][0]');
  });

  it('names long strings and keys, shortening a long key in the path', () => {
    expect(findJsonLimitViolation({ a: ['ok', 'toolong'] }, limits)).toEqual({
      path: 'a[1]',
      detail: 'is a string of 7 characters, more than the 5 allowed',
    });
    expect(findJsonLimitViolation('toolong', limits)?.path).toBe('');
    const key = 'k'.repeat(100);
    expect(findJsonLimitViolation({ [key]: 1 }, { depth: 3, string: 50 })).toEqual({
      path: `[${JSON.stringify(`${'k'.repeat(61)}...`)}]`,
      detail: 'has a key of 100 characters, more than the 50 allowed',
    });
  });

  it('walks a 1,000,000-deep array without recursion', () => {
    const deep: unknown = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`);
    expect(findJsonLimitViolation(deep)?.detail).toBe(
      'nests deeper than 32 levels of arrays and objects',
    );
  });
});

describe('describeJsonValue', () => {
  it('is short whatever the value', () => {
    expect(describeJsonValue(null)).toBe('null');
    expect(describeJsonValue('0.5')).toBe('"0.5"');
    expect(describeJsonValue('x'.repeat(1000))).toBe(`"${'x'.repeat(40)}..."`);
    expect(describeJsonValue(new Array(1e6).fill(0))).toBe('an array of 1000000');
    expect(describeJsonValue({ a: 1 })).toBe('an object');
  });
});
