// Shared by the manifest validation tests: a complete, valid manifest object, edits of it, and the
// check that parseManifest refuses a text with a BundleError on manifest.json of a given problem.
import { expect } from 'vitest';
import { BundleError, type BundleProblem } from '../../src/engine/errors';
import { parseManifest } from '../../src/engine/bundle/validate';
import type { LooseManifest } from './bundle-edits';

const DIGEST = 'a'.repeat(64);
const file = (path: string, bytes = 10) => ({ path, bytes, sha256: DIGEST });

/** A complete manifest that validates: 3 classes of 32×32×3, ipc 10, f = 2, one reference row. */
export function goodManifest(): LooseManifest {
  return {
    formatVersion: 1,
    id: 'cifar10-ipc10',
    title: 'CIFAR-10',
    source: { name: 'CIFAR-10', licence: 'MIT', testCount: 10000 },
    classes: ['a', 'b', 'c'],
    imageShape: [32, 32, 3],
    ipc: 10,
    factor: 2,
    flip: true,
    normalization: { mean: [0.49, 0.48, 0.45], std: [0.25, 0.24, 0.26] },
    condensation: { method: 'rded', params: { pool: 300 } },
    scoring: { model: 'convnet-d3', params: { E: 100, K: 10, R: 3 } },
    files: {
      images: file('images.u8'),
      labels: file('labels.u8'),
      scores: file('scores.json'),
      testImages: file('data/test-images.u8'),
      testLabels: file('data/test-labels.u8'),
    },
    referenceTable: {
      protocol: { epochs: 300 },
      rows: [
        { method: 'full', ipc: null, mean: 0.5, std: 0.01, seeds: 3, runs: [0.49, 0.5, 0.51] },
      ],
    },
    tool: { name: 'yoco', version: '0.1.0' },
  };
}

export type ManifestEdit = (m: LooseManifest) => void;

/** The good manifest after `fn`. */
export function edited(fn: ManifestEdit): LooseManifest {
  const m = goodManifest();
  fn(m);
  return m;
}

/** parseManifest refuses `m` (text, or an object to serialise) with `problem`, naming the file. */
export function expectManifestError(m: unknown, problem: BundleProblem, pattern: RegExp): void {
  const text = typeof m === 'string' ? m : JSON.stringify(m);
  let caught: unknown;
  try {
    parseManifest(text);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(BundleError);
  const err = caught as BundleError;
  expect(err.file).toBe('manifest.json');
  expect(err.problem).toBe(problem);
  expect(err.message).toMatch(/^manifest\.json: /);
  expect(err.message).toMatch(pattern);
}

/** Each edit of the good manifest is refused as a 'manifest' problem whose message matches. */
export function expectRefused(cases: ReadonlyArray<readonly [ManifestEdit, RegExp]>): void {
  for (const [fn, pattern] of cases) expectManifestError(edited(fn), 'manifest', pattern);
}
