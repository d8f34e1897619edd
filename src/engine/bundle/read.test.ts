// Tests of readBundle: a good bundle loads; every kind of corruption of the manifest or of a
// payload's size, digest, shape or labels is its own BundleError that names the file; progress
// and abort behave. (Corrupt scores: read-scores.test.ts.)
import { describe, it, expect, beforeAll } from 'vitest';
import { AbortedError, type BundleProblem } from '../errors';
import { SCORE_NAMES } from '../types';
import {
  corruptibleBundle,
  encodeText,
  expectBundleError,
  withManifest,
  withPayload,
  type BundleFiles,
} from '../../../test-support/engine/bundle-edits';
import type { Manifest, PayloadKey } from './manifest';
import { MAX_MANIFEST_BYTES, type ByteLimit } from './limits';
import { getFileFromMap, readBundle, type GetFile, type LoadProgress } from './read';

let base: BundleFiles;
let manifest: Manifest;

beforeAll(async () => {
  const tiny = await corruptibleBundle();
  base = tiny.files;
  manifest = tiny.manifest;
});

const path = (key: PayloadKey): string => manifest.files[key].path;

describe('readBundle on a good bundle', () => {
  it('returns every payload decoded and typed', async () => {
    const b = await readBundle(getFileFromMap(base));
    expect(b.manifest.classes).toHaveLength(3);
    expect(b.images.length).toBe(3 * 2 * 8 * 8 * 3);
    expect([...b.labels]).toEqual([0, 0, 1, 1, 2, 2]);
    expect(b.testLabels).toBeInstanceOf(Int32Array);
    expect(b.testLabels.length).toBe(12);
    expect(b.testImages.length).toBe(12 * 8 * 8 * 3);
    for (const name of SCORE_NAMES) {
      expect(b.scores[name]).toBeInstanceOf(Float64Array);
      expect(b.scores[name].length).toBe(3 * 2 * 4);
    }
    expect(b.scores.lbpe[5]).toBe(
      JSON.parse(new TextDecoder().decode(base.get(path('scores'))!)).lbpe[5],
    );
  });

  it('reports monotone byte progress that ends at the total payload size', async () => {
    const events: LoadProgress[] = [];
    await readBundle(getFileFromMap(base), { onProgress: (p) => events.push(p) });
    const total = Object.values(manifest.files).reduce((s, f) => s + f.bytes, 0);
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.every((e) => e.totalBytes === total)).toBe(true);
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.loadedBytes).toBeGreaterThanOrEqual(events[i - 1]!.loadedBytes);
    expect(events.at(-1)).toEqual({
      file: path('testLabels'),
      loadedBytes: total,
      totalBytes: total,
    });
    expect(new Set(events.map((e) => e.file))).toEqual(
      new Set(Object.values(manifest.files).map((f) => f.path)),
    );
  });

  it('stops with AbortedError when the signal fires', async () => {
    const controller = new AbortController();
    const getFile: GetFile = async (p, onBytes) => {
      if (p === path('labels')) controller.abort();
      return getFileFromMap(base)(p, onBytes);
    };
    await expect(readBundle(getFile, { signal: controller.signal })).rejects.toBeInstanceOf(
      AbortedError,
    );
  });
});

describe('readBundle byte limits', () => {
  it('tells every GetFile the limit: at most MAX_MANIFEST_BYTES, then each payload exactly', async () => {
    const seen: Array<[string, ByteLimit | undefined]> = [];
    const getFile: GetFile = async (p, onBytes, limit) => {
      seen.push([p, limit]);
      return getFileFromMap(base)(p, onBytes);
    };
    await readBundle(getFile);
    expect(seen[0]).toEqual(['manifest.json', { maxBytes: MAX_MANIFEST_BYTES, exact: false }]);
    expect(seen.slice(1)).toEqual(
      Object.values(manifest.files).map((f) => [f.path, { maxBytes: f.bytes, exact: true }]),
    );
  });

  it('size: a manifest.json over 1 MiB, from a source that ignores the limit', async () => {
    const text = new TextDecoder().decode(base.get('manifest.json')!);
    const files = new Map(base).set(
      'manifest.json',
      encodeText(text + ' '.repeat(MAX_MANIFEST_BYTES)),
    );
    await expectBundleError(
      files,
      'manifest.json',
      'size',
      /has \d+ bytes \(1\.0 MiB\), more than the 1048576 bytes \(1\.0 MiB\) it may have/,
    );
  });
});

describe('readBundle corruption', () => {
  it('missing: a payload file is absent', async () => {
    const files = new Map(base);
    files.delete(path('scores'));
    await expectBundleError(files, path('scores'), 'missing', /not found/);
  });

  it('missing: manifest.json is absent, or the source fails with a plain error', async () => {
    const files = new Map(base);
    files.delete('manifest.json');
    await expectBundleError(files, 'manifest.json', 'missing', /not found/);
    const failing: GetFile = async (p) => {
      if (p === path('images')) throw new TypeError('network down');
      return base.get(p)!;
    };
    await expectBundleError(
      failing,
      path('images'),
      'missing',
      /could not be read \(network down\)/,
    );
  });

  it('json: manifest.json is not valid JSON', async () => {
    const files = new Map(base).set('manifest.json', encodeText('{ not json'));
    await expectBundleError(files, 'manifest.json', 'json', /not valid JSON/);
  });

  it('manifest: a required field is missing', async () => {
    const files = withManifest(base, (m) => delete m.factor);
    await expectBundleError(files, 'manifest.json', 'manifest', /missing field "factor"/);
  });

  it('version: the format version is unsupported', async () => {
    const files = withManifest(base, (m) => (m.formatVersion = 99));
    await expectBundleError(files, 'manifest.json', 'version', /unsupported formatVersion 99/);
  });

  it('size: a payload is shorter than the manifest says', async () => {
    const images = base.get(path('images'))!;
    const files = await withPayload(base, 'images', images.subarray(0, images.length - 1), {
      resign: false,
    });
    await expectBundleError(
      files,
      path('images'),
      'size',
      new RegExp(`has ${images.length - 1} bytes but the manifest says ${images.length}`),
    );
  });

  it('digest: one byte of a payload changed', async () => {
    const images = base.get(path('images'))!.slice();
    images[17] = (images[17]! + 1) % 256;
    const files = await withPayload(base, 'images', images, { resign: false });
    await expectBundleError(files, path('images'), 'digest', /SHA-256 mismatch/);
  });

  /** A payload replaced by a wrong one (its size and digest re-signed), and the error it gives. */
  const contentCases: Array<
    [string, PayloadKey, (old: Uint8Array) => Uint8Array, BundleProblem, RegExp]
  > = [
    [
      'shape: images hold one image too many (sizes and digests consistent)',
      'images',
      (old) => {
        const bigger = new Uint8Array(old.length + 8 * 8 * 3);
        bigger.set(old);
        return bigger;
      },
      'shape',
      /3 classes × 2 images × 8×8×3 need 1152/,
    ],
    [
      'shape: labels count differs from classes × ipc',
      'labels',
      () => Uint8Array.from([0, 0, 1, 1, 2]),
      'shape',
      /holds 5 labels but 3 classes × 2 images need 6/,
    ],
    [
      'shape: test images are not a whole number of images',
      'testImages',
      (old) => old.subarray(0, old.length - 5),
      'shape',
      /not a positive multiple of one 8×8×3 image \(192\)/,
    ],
    [
      'shape: test labels do not match the number of test images',
      'testLabels',
      (old) => old.subarray(0, old.length - 1),
      'shape',
      /holds 11 labels but .* holds 12 images/,
    ],
    [
      'label: a stored label is out of range',
      'labels',
      () => Uint8Array.from([0, 0, 1, 1, 2, 7]),
      'label',
      /label 7 of stored image 5 is out of range 0…2/,
    ],
    [
      'label: stored labels are not class-major',
      'labels',
      () => Uint8Array.from([0, 1, 0, 1, 2, 2]),
      'label',
      /stored image 1 has label 1 but class-major order \(ipc 2\) puts class 0 there/,
    ],
    [
      'label: a test label is out of range',
      'testLabels',
      (old) => {
        const labels = old.slice();
        labels[3] = 3;
        return labels;
      },
      'label',
      /label 3 of test image 3 is out of range 0…2/,
    ],
  ];
  it.each(contentCases)('%s', async (_name, key, replace, problem, pattern) => {
    const files = await withPayload(base, key, replace(base.get(path(key))!));
    await expectBundleError(files, path(key), problem, pattern);
  });
});
