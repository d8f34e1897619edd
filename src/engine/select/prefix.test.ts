// "As condensed" selection: each class's first n samples in stored order, balanced, whatever the
// seed; and the manifest field that marks a multisize bundle, read and checked.
import { describe, it, expect } from 'vitest';
import { parseManifest } from '../bundle/validate';
import { multisizePrefixes } from '../bundle/multisize';
import { edited, expectRefused } from '../../../test-support/engine/manifest-fixture';
import { selectIndices } from './methods';
import { parseSelection, selectionToken } from './selection';

const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
const input = { scores: {} as never, labels, numClasses: 3 };

describe('prefix selection', () => {
  it('keeps each class’s first n samples in stored order, whatever the seed', () => {
    const pick = (perClass: number, seed: number) =>
      Array.from(selectIndices({ ...parseSelection('prefix'), perClass, seed }, input));
    expect(pick(1, 0)).toEqual([0, 4, 8]);
    expect(pick(3, 7)).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10]);
    expect(() => pick(5, 0)).toThrow(/5/);
  });

  it('is a fixed method: balanced, and variants are refused', () => {
    expect(parseSelection('prefix')).toEqual({ method: 'prefix', prefer: 'easy', balanced: true });
    expect(selectionToken(parseSelection('prefix'))).toBe('prefix');
    expect(() => parseSelection('prefix+imbalanced')).toThrow(/prefix/);
  });
});

describe('multisize manifests', () => {
  it('reads the prefix sizes a bundle was condensed for', () => {
    const m = edited(
      (m) => ((m.condensation as { params: object }).params = { prefixes: [1, 2, 5] }),
    );
    expect(multisizePrefixes(parseManifest(JSON.stringify(m)))).toEqual([1, 2, 5]);
    expect(multisizePrefixes(parseManifest(JSON.stringify(edited(() => {}))))).toBeNull();
  });

  it('refuses prefixes that are not ascending integers below ipc', () => {
    const set = (prefixes: unknown) => (m: Record<string, unknown>) =>
      ((m.condensation as { params: object }).params = { prefixes });
    const why = /condensation\.params\.prefixes" must list ascending integers in \[1, 9\]/;
    expectRefused([
      [set([2, 1]), why],
      [set([10]), why],
      [set([0]), why],
      [set('1,2'), why],
      [set([1.5]), why],
    ]);
  });
});
