// Tests of manifest parsing: every missing/ill-typed/inconsistent field is a BundleError naming it.
import { describe, it, expect } from 'vitest';
import { BundleError } from '../errors';
import { MAX_JSON_DEPTH, MAX_JSON_STRING } from './json-limits';
import { MAX_PAYLOAD_BYTES } from './limits';
import { isSafeRelativePath, parseManifest } from './validate';

const DIGEST = 'a'.repeat(64);
const file = (path: string, bytes = 10) => ({ path, bytes, sha256: DIGEST });

function good(): Record<string, unknown> {
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

function expectError(m: unknown, problem: string, pattern: RegExp): void {
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

// Free-form JSON editing of a manifest under test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function edit(fn: (m: Record<string, any>) => void): Record<string, unknown> {
  const m = good();
  fn(m);
  return m;
}

describe('parseManifest', () => {
  it('accepts a complete manifest and returns its values', () => {
    const m = parseManifest(JSON.stringify(good()));
    expect(m.classes).toEqual(['a', 'b', 'c']);
    expect(m.imageShape).toEqual([32, 32, 3]);
    expect(m.files.testImages.path).toBe('data/test-images.u8');
  });

  it('reports text that is not JSON, or not an object, as a json problem', () => {
    expectError('{"formatVersion": 1,', 'json', /not valid JSON/);
    expectError('[1, 2]', 'json', /must be a JSON object, got an array/);
  });

  it('reports an unsupported or missing format version', () => {
    expectError(
      edit((m) => (m.formatVersion = 2)),
      'version',
      /unsupported formatVersion 2/,
    );
    expectError(
      edit((m) => delete m.formatVersion),
      'manifest',
      /missing field "formatVersion"/,
    );
    expectError(
      edit((m) => (m.formatVersion = '1')),
      'manifest',
      /"formatVersion" must be an integer/,
    );
  });

  it('names each missing field, nested ones with their path', () => {
    for (const key of [
      'id',
      'title',
      'source',
      'classes',
      'imageShape',
      'ipc',
      'factor',
      'flip',
      'normalization',
      'condensation',
      'scoring',
      'files',
      'tool',
    ]) {
      expectError(
        edit((m) => delete m[key]),
        'manifest',
        new RegExp(`missing field "${key}"`),
      );
    }
    expectError(
      edit((m) => delete m.source.licence),
      'manifest',
      /missing field "source\.licence"/,
    );
    expectError(
      edit((m) => delete m.files.scores),
      'manifest',
      /missing field "files\.scores"/,
    );
    expectError(
      edit((m) => delete m.files.labels.sha256),
      'manifest',
      /missing field "files\.labels\.sha256"/,
    );
    expectError(
      edit((m) => delete m.normalization.std),
      'manifest',
      /missing field "normalization\.std"/,
    );
    expectError(
      edit((m) => delete m.tool.version),
      'manifest',
      /missing field "tool\.version"/,
    );
  });

  it('names each ill-typed field', () => {
    expectError(
      edit((m) => (m.id = 5)),
      'manifest',
      /"id" must be a string, got a number/,
    );
    expectError(
      edit((m) => (m.classes = 'abc')),
      'manifest',
      /"classes" must be an array/,
    );
    expectError(
      edit((m) => (m.classes = ['a', 2])),
      'manifest',
      /"classes\[1\]" must be a string/,
    );
    expectError(
      edit((m) => (m.flip = 'yes')),
      'manifest',
      /"flip" must be a boolean/,
    );
    expectError(
      edit((m) => (m.ipc = 2.5)),
      'manifest',
      /"ipc" must be an integer ≥ 1, got 2\.5/,
    );
    expectError(
      edit((m) => (m.files.images.bytes = -1)),
      'manifest',
      /"files\.images\.bytes" must be an integer ≥ 0/,
    );
    expectError(
      edit((m) => (m.files.images.sha256 = 'ABC')),
      'manifest',
      /"files\.images\.sha256" must be 64 lowercase hex/,
    );
    expectError(
      edit((m) => (m.scoring.params = [])),
      'manifest',
      /"scoring\.params" must be an object, got an array/,
    );
    expectError(
      edit((m) => (m.referenceTable.rows[0].seeds = 0)),
      'manifest',
      /"referenceTable\.rows\[0\]\.seeds"/,
    );
    expectError(
      edit((m) => (m.referenceTable.rows[0].ipc = 'one')),
      'manifest',
      /"referenceTable\.rows\[0\]\.ipc"/,
    );
  });

  it('checks consistency: classes, shape, factor, ipc, normalisation length', () => {
    expectError(
      edit((m) => (m.classes = ['only'])),
      'manifest',
      /at least 2 classes, got 1/,
    );
    expectError(
      edit((m) => (m.classes = Array.from({ length: 257 }, (_, i) => `c${i}`))),
      'manifest',
      /257 classes; labels are uint8/,
    );
    expectError(
      edit((m) => (m.imageShape = [32, 32])),
      'manifest',
      /"imageShape" must be \[H, W, C\]/,
    );
    expectError(
      edit((m) => (m.imageShape = [32, 31.5, 3])),
      'manifest',
      /"imageShape\[1\]" must be a positive integer/,
    );
    expectError(
      edit((m) => (m.factor = 3)),
      'manifest',
      /32×32 is not divisible by factor 3/,
    );
    expectError(
      edit((m) => (m.ipc = 0)),
      'manifest',
      /"ipc" must be an integer ≥ 1, got 0/,
    );
    expectError(
      edit((m) => (m.normalization.mean = [0.5])),
      'manifest',
      /"normalization\.mean" must have one entry per channel \(3\), got 1/,
    );
    expectError(
      edit((m) => (m.normalization.std = [0.2, 0, 0.2])),
      'manifest',
      /"normalization\.std\[1\]" must lie in \[0\.001, 1\]/,
    );
    expectError(
      edit((m) => (m.normalization.mean = [125, 120, 110])),
      'manifest',
      /"normalization\.mean\[0\]" must lie in \[0, 1\]/,
    );
  });

  it('rejects payload paths that leave the bundle folder or collide', () => {
    expectError(
      edit((m) => (m.files.images.path = '../images.u8')),
      'manifest',
      /"files\.images\.path" must be a relative path/,
    );
    expectError(
      edit((m) => (m.files.images.path = 'a/../../x')),
      'manifest',
      /relative path inside the bundle/,
    );
    expectError(
      edit((m) => (m.files.labels.path = '/etc/passwd')),
      'manifest',
      /"files\.labels\.path"/,
    );
    expectError(
      edit((m) => (m.files.labels.path = 'https://example.com/x')),
      'manifest',
      /"files\.labels\.path"/,
    );
    expectError(
      edit((m) => (m.files.labels.path = 'images.u8')),
      'manifest',
      /files\.images and files\.labels both point to "images\.u8"/,
    );
    expectError(
      edit((m) => (m.files.scores.path = 'manifest.json')),
      'manifest',
      /must not be manifest\.json/,
    );
  });
});

describe('parseManifest: JSON limits', () => {
  it('refuses nesting deeper than MAX_JSON_DEPTH anywhere, naming the key path', () => {
    // Built as text: JSON.stringify itself overflows the stack on a 5,000-deep value.
    const deep = JSON.stringify(edit((m) => (m.scoring.params.curve = 'DEEP'))).replace(
      '"DEEP"',
      `${'['.repeat(5000)}1${']'.repeat(5000)}`,
    );
    expectError(
      deep,
      'manifest',
      new RegExp(
        `field "scoring\\.params\\.curve(\\[0\\]){${MAX_JSON_DEPTH - 3}}" nests deeper than ${MAX_JSON_DEPTH} levels`,
      ),
    );
    let objects: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) objects = { 'a b': objects };
    expectError(
      edit((m) => (m.condensation.params = objects)),
      'manifest',
      /field "condensation\.params\["a b"\]\["a b"\].*" nests deeper than 32 levels/,
    );
    // A manifest at the limit is fine.
    let ok: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH - 3; i++) ok = [ok];
    expect(() =>
      parseManifest(JSON.stringify(edit((m) => (m.scoring.params.x = ok)))),
    ).not.toThrow();
  });

  it('refuses strings and keys longer than MAX_JSON_STRING, naming the key path', () => {
    const long = 'x'.repeat(MAX_JSON_STRING + 1);
    expectError(
      edit((m) => (m.title = long)),
      'manifest',
      new RegExp(
        `field "title" is a string of ${MAX_JSON_STRING + 1} characters, more than the ${MAX_JSON_STRING}`,
      ),
    );
    expectError(
      edit((m) => (m.classes[2] = long)),
      'manifest',
      /field "classes\[2\]" is a string of 10001 characters/,
    );
    expectError(
      edit((m) => (m.tool[long] = 1)),
      'manifest',
      /field "tool\["x{61}\.\.\."\]" has a key of 10001 characters/,
    );
  });
});

describe('parseManifest: values that would validate but poison a run or the app', () => {
  it('bounds normalization.std to a plausible range (1e-300 and 1e300 train at chance)', () => {
    for (const v of [1e-300, 1e300, 0.0009, 1.5]) {
      expectError(
        edit((m) => (m.normalization.std = [0.25, 0.25, v])),
        'manifest',
        new RegExp(
          `"normalization\\.std\\[2\\]" must lie in \\[0\\.001, 1\\] .*got ${String(v).replace('.', '\\.').replace('+', '\\+')}$`,
        ),
      );
    }
    expect(() =>
      parseManifest(JSON.stringify(edit((m) => (m.normalization.std = [0.001, 1, 0.3])))),
    ).not.toThrow();
  });

  it('refuses reference rows whose accuracies leave [0, 1], negative std, or runs ≠ seeds', () => {
    const row = (fn: (r: Record<string, unknown>) => void) =>
      edit((m) => fn(m.referenceTable.rows[0]));
    expectError(
      row((r) => (r.mean = 65.8)),
      'manifest',
      /"referenceTable\.rows\[0\]\.mean" must lie in \[0, 1\] \(accuracy as a fraction\), got 65\.8/,
    );
    expectError(
      row((r) => (r.mean = -0.1)),
      'manifest',
      /"referenceTable\.rows\[0\]\.mean" must lie in \[0, 1\]/,
    );
    expectError(
      row((r) => (r.std = -0.01)),
      'manifest',
      /"referenceTable\.rows\[0\]\.std" must lie in \[0, 1\]/,
    );
    expectError(
      row((r) => (r.runs = [0.5, 0.5])),
      'manifest',
      /"referenceTable\.rows\[0\]\.runs" holds 2 runs but "referenceTable\.rows\[0\]\.seeds" is 3/,
    );
    expectError(
      row((r) => (r.runs = [0.5, 50, 0.5])),
      'manifest',
      /"referenceTable\.rows\[0\]\.runs\[1\]" must be an accuracy in \[0, 1\], got 50/,
    );
    // runs stay optional.
    expect(() => parseManifest(JSON.stringify(row((r) => delete r.runs)))).not.toThrow();
  });

  it('refuses empty or repeated class names', () => {
    expectError(
      edit((m) => (m.classes = ['a', '', 'c'])),
      'manifest',
      /"classes\[1\]" must name the class, got ""/,
    );
    expectError(
      edit((m) => (m.classes = ['a', '  ', 'c'])),
      'manifest',
      /"classes\[1\]" must name the class/,
    );
    expectError(
      edit((m) => (m.classes = ['a', 'b', 'a'])),
      'manifest',
      /"classes\[2\]" repeats "a", already classes\[0\]/,
    );
  });

  it('allows only http(s) source URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      '//other-host/x',
      'not a url',
    ]) {
      expectError(
        edit((m) => (m.source.url = url)),
        'manifest',
        /"source\.url" must be an http\(s\) URL, got "/,
      );
    }
    for (const url of [
      'https://github.com/zalandoresearch/fashion-mnist',
      'http://example.org/d',
    ]) {
      expect(parseManifest(JSON.stringify(edit((m) => (m.source.url = url)))).source.url).toBe(url);
    }
  });

  it('refuses a payload larger than one typed array can hold', () => {
    expectError(
      edit((m) => (m.files.testImages.bytes = MAX_PAYLOAD_BYTES + 1)),
      'manifest',
      /"files\.testImages\.bytes" is 2147483648, more than one payload may have \(2147483647\)/,
    );
  });
});

describe('isSafeRelativePath', () => {
  it('accepts an optional testOrder and checks its fields', () => {
    expect(parseManifest(JSON.stringify(good())).testOrder).toBeUndefined();
    const shuffled = edit((m) => (m.testOrder = { shuffled: true, seed: 7 }));
    expect(parseManifest(JSON.stringify(shuffled)).testOrder).toEqual({ shuffled: true, seed: 7 });
    const asImported = edit((m) => (m.testOrder = { shuffled: false }));
    expect(parseManifest(JSON.stringify(asImported)).testOrder).toEqual({ shuffled: false });
    expectError(
      edit((m) => (m.testOrder = true)),
      'manifest',
      /field "testOrder" must be an object, got a boolean/,
    );
    expectError(
      edit((m) => (m.testOrder = { seed: 1 })),
      'manifest',
      /missing field "testOrder.shuffled"/,
    );
    expectError(
      edit((m) => (m.testOrder = { shuffled: 'yes', seed: 1 })),
      'manifest',
      /field "testOrder.shuffled" must be a boolean, got a string/,
    );
    expectError(
      edit((m) => (m.testOrder = { shuffled: true })),
      'manifest',
      /missing field "testOrder.seed"/,
    );
    expectError(
      edit((m) => (m.testOrder = { shuffled: true, seed: -1 })),
      'manifest',
      /field "testOrder.seed" must be an integer ≥ 0, got -1/,
    );
  });

  it('accepts plain relative paths and refuses everything else', () => {
    expect(['a.bin', 'data/a.bin', 'x-y_z.u8'].every(isSafeRelativePath)).toBe(true);
    for (const p of ['', '..', '../a', 'a/..', './a', 'a//b', '/a', 'C:/a', 'a\\b', 'http://x/a']) {
      expect(isSafeRelativePath(p)).toBe(false);
    }
  });
});
