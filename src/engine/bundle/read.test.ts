// Tests of readBundle: a good bundle loads; every kind of corruption is its own BundleError that
// names the file; progress and abort behave.
import { describe, it, expect, beforeAll } from 'vitest';
import { AbortedError, BundleError, type BundleProblem } from '../errors';
import { SCORE_NAMES } from '../types';
import { makeTinyBundle } from '../testing/tiny-bundle';
import type { LoadProgress } from '../api';
import type { Manifest, PayloadKey } from './manifest';
import { MAX_JSON_STRING } from './json-limits';
import { MAX_MANIFEST_BYTES, type ByteLimit } from './limits';
import { getFileFromMap, readBundle, type GetFile } from './read';
import { sha256Hex } from './sha256';

let base: Map<string, Uint8Array>;
let manifest: Manifest;

beforeAll(async () => {
  const tiny = await makeTinyBundle({
    classes: 3,
    ipc: 2,
    factor: 2,
    size: 8,
    channels: 3,
    testPerClass: 4,
    seed: 9,
  });
  base = tiny.files;
  manifest = tiny.manifest;
});

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const path = (key: PayloadKey): string => manifest.files[key].path;

/** A copy of the bundle with one payload replaced; the manifest is re-signed unless told not to. */
async function withPayload(
  key: PayloadKey,
  bytes: Uint8Array,
  resign = true,
): Promise<Map<string, Uint8Array>> {
  const files = new Map(base);
  files.set(path(key), bytes);
  if (resign) {
    const m = JSON.parse(new TextDecoder().decode(base.get('manifest.json')!)) as Manifest;
    const files2 = {
      ...m.files,
      [key]: { path: path(key), bytes: bytes.length, sha256: await sha256Hex(bytes) },
    };
    files.set('manifest.json', enc(JSON.stringify({ ...m, files: files2 })));
  }
  return files;
}

function scoresJson(): Record<string, unknown[]> {
  return JSON.parse(new TextDecoder().decode(base.get(path('scores'))!)) as Record<
    string,
    unknown[]
  >;
}

async function expectBundleError(
  source: Map<string, Uint8Array> | GetFile,
  file: string,
  problem: BundleProblem,
  pattern: RegExp,
): Promise<void> {
  const getFile = typeof source === 'function' ? source : getFileFromMap(source);
  let caught: unknown;
  try {
    await readBundle(getFile);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(BundleError);
  const err = caught as BundleError;
  expect(err.problem).toBe(problem);
  expect(err.file).toBe(file);
  expect(err.message).toContain(file);
  expect(err.message).toMatch(pattern);
}

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
    expect(b.scores.lbpe[5]).toBe(scoresJson().lbpe![5]);
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
    const files = new Map(base);
    const text = new TextDecoder().decode(base.get('manifest.json')!);
    files.set('manifest.json', enc(text + ' '.repeat(MAX_MANIFEST_BYTES)));
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
    const files = new Map(base);
    files.set('manifest.json', enc('{ not json'));
    await expectBundleError(files, 'manifest.json', 'json', /not valid JSON/);
  });

  it('manifest: a required field is missing', async () => {
    const m = JSON.parse(new TextDecoder().decode(base.get('manifest.json')!)) as Record<
      string,
      unknown
    >;
    delete m.factor;
    const files = new Map(base);
    files.set('manifest.json', enc(JSON.stringify(m)));
    await expectBundleError(files, 'manifest.json', 'manifest', /missing field "factor"/);
  });

  it('version: the format version is unsupported', async () => {
    const m = JSON.parse(new TextDecoder().decode(base.get('manifest.json')!)) as Record<
      string,
      unknown
    >;
    m.formatVersion = 99;
    const files = new Map(base);
    files.set('manifest.json', enc(JSON.stringify(m)));
    await expectBundleError(files, 'manifest.json', 'version', /unsupported formatVersion 99/);
  });

  it('size: a payload is shorter than the manifest says', async () => {
    const images = base.get(path('images'))!;
    const files = await withPayload('images', images.subarray(0, images.length - 1), false);
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
    const files = await withPayload('images', images, false);
    await expectBundleError(files, path('images'), 'digest', /SHA-256 mismatch/);
  });

  it('shape: images hold one image too many (sizes and digests consistent)', async () => {
    const images = base.get(path('images'))!;
    const bigger = new Uint8Array(images.length + 8 * 8 * 3);
    bigger.set(images);
    const files = await withPayload('images', bigger);
    await expectBundleError(
      files,
      path('images'),
      'shape',
      /3 classes × 2 images × 8×8×3 need 1152/,
    );
  });

  it('shape: labels count differs from classes × ipc', async () => {
    const files = await withPayload('labels', Uint8Array.from([0, 0, 1, 1, 2]));
    await expectBundleError(
      files,
      path('labels'),
      'shape',
      /holds 5 labels but 3 classes × 2 images need 6/,
    );
  });

  it('shape: test images are not a whole number of images', async () => {
    const test = base.get(path('testImages'))!;
    const files = await withPayload('testImages', test.subarray(0, test.length - 5));
    await expectBundleError(
      files,
      path('testImages'),
      'shape',
      /not a positive multiple of one 8×8×3 image \(192\)/,
    );
  });

  it('shape: test labels do not match the number of test images', async () => {
    const labels = base.get(path('testLabels'))!;
    const files = await withPayload('testLabels', labels.subarray(0, labels.length - 1));
    await expectBundleError(
      files,
      path('testLabels'),
      'shape',
      /holds 11 labels but .* holds 12 images/,
    );
  });

  it('label: a stored label is out of range', async () => {
    const files = await withPayload('labels', Uint8Array.from([0, 0, 1, 1, 2, 7]));
    await expectBundleError(
      files,
      path('labels'),
      'label',
      /label 7 of stored image 5 is out of range 0…2/,
    );
  });

  it('label: stored labels are not class-major', async () => {
    const files = await withPayload('labels', Uint8Array.from([0, 1, 0, 1, 2, 2]));
    await expectBundleError(
      files,
      path('labels'),
      'label',
      /stored image 1 has label 1 but class-major order \(ipc 2\) puts class 0 there/,
    );
  });

  it('label: a test label is out of range', async () => {
    const labels = base.get(path('testLabels'))!.slice();
    labels[3] = 3;
    const files = await withPayload('testLabels', labels);
    await expectBundleError(
      files,
      path('testLabels'),
      'label',
      /label 3 of test image 3 is out of range 0…2/,
    );
  });

  it('json: scores are not valid JSON, or not an object of arrays', async () => {
    await expectBundleError(
      await withPayload('scores', enc('{"lbpe": [1, 2')),
      path('scores'),
      'json',
      /not valid JSON/,
    );
    await expectBundleError(
      await withPayload('scores', enc('[1, 2, 3]')),
      path('scores'),
      'json',
      /must be a JSON object/,
    );
    const s = scoresJson();
    (s as Record<string, unknown>).aum = 'low';
    await expectBundleError(
      await withPayload('scores', enc(JSON.stringify(s))),
      path('scores'),
      'json',
      /score "aum" must be an array/,
    );
    await expectBundleError(
      await withPayload('scores', Uint8Array.from([0x7b, 0xff, 0x7d])),
      path('scores'),
      'json',
      /not valid UTF-8/,
    );
  });

  it('json: scores nested or long beyond the JSON limits, naming the key path', async () => {
    // A 5,000-deep entry where a score should be: describing it once overflowed the stack.
    const d = scoresJson();
    d.lbpe![3] = 'DEEP';
    const deep = JSON.stringify(d).replace('"DEEP"', `${'['.repeat(5000)}1${']'.repeat(5000)}`);
    await expectBundleError(
      await withPayload('scores', enc(deep)),
      path('scores'),
      'json',
      /"lbpe\[3\](\[0\]){30}" nests deeper than 32 levels of arrays and objects/,
    );
    const s = scoresJson() as Record<string, unknown>;
    s.notes = ['x'.repeat(MAX_JSON_STRING + 1)];
    await expectBundleError(
      await withPayload('scores', enc(JSON.stringify(s))),
      path('scores'),
      'json',
      /"notes\[0\]" is a string of 10001 characters, more than the 10000 allowed/,
    );
    const t = scoresJson();
    t.aum![2] = Array.from({ length: 100_000 }, () => 1);
    await expectBundleError(
      await withPayload('scores', enc(JSON.stringify(t))),
      path('scores'),
      'score-value',
      /^scores\.json: score "aum" of sample 2 is an array of 100000, not a finite number$/,
    );
  });

  it('score-count: a score has one entry too few', async () => {
    const s = scoresJson();
    s.el2n!.pop();
    const files = await withPayload('scores', enc(JSON.stringify(s)));
    await expectBundleError(
      files,
      path('scores'),
      'score-count',
      /score "el2n" has 23 entries but the bundle has 24 samples/,
    );
  });

  it('score-count: a score name is missing', async () => {
    const s = scoresJson();
    delete s.forgetting;
    const files = await withPayload('scores', enc(JSON.stringify(s)));
    await expectBundleError(
      files,
      path('scores'),
      'score-count',
      /score "forgetting" is missing \(expected 24 entries/,
    );
  });

  it('score-value: a score is null (how JSON writes NaN) or not a number', async () => {
    const s = scoresJson();
    s.loss![4] = null;
    await expectBundleError(
      await withPayload('scores', enc(JSON.stringify(s))),
      path('scores'),
      'score-value',
      /score "loss" of sample 4 is null, not a finite number/,
    );
    const t = scoresJson();
    t.entropy![0] = '0.5';
    await expectBundleError(
      await withPayload('scores', enc(JSON.stringify(t))),
      path('scores'),
      'score-value',
      /score "entropy" of sample 0 is "0\.5"/,
    );
    await expectBundleError(
      await withPayload(
        'scores',
        enc(
          new TextDecoder()
            .decode(base.get(path('scores'))!)
            .replace(/"lbpe": \[[^,\]]+/, '"lbpe": [1e999'),
        ),
      ),
      path('scores'),
      'score-value',
      /score "lbpe" of sample 0 is Infinity/,
    );
  });
});
