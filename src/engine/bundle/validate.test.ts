// Tests of manifest parsing: every missing, ill-typed or inconsistent field is a BundleError naming
// it, payload paths stay inside the bundle, and testOrder is checked when given. (JSON limits and
// values that would poison a run: validate-limits.test.ts.)
import { describe, it, expect } from 'vitest';
import {
  edited,
  expectManifestError,
  expectRefused,
  goodManifest,
} from '../../../test-support/engine/manifest-fixture';
import { isSafeRelativePath, parseManifest } from './validate';

describe('parseManifest', () => {
  it('accepts a complete manifest and returns its values', () => {
    const m = parseManifest(JSON.stringify(goodManifest()));
    expect(m.classes).toEqual(['a', 'b', 'c']);
    expect(m.imageShape).toEqual([32, 32, 3]);
    expect(m.files.testImages.path).toBe('data/test-images.u8');
  });

  it('reports text that is not JSON, or not an object, as a json problem', () => {
    expectManifestError('{"formatVersion": 1,', 'json', /not valid JSON/);
    expectManifestError('[1, 2]', 'json', /must be a JSON object, got an array/);
  });

  it('reports an unsupported or missing format version', () => {
    expectManifestError(
      edited((m) => (m.formatVersion = 2)),
      'version',
      /unsupported formatVersion 2/,
    );
    expectRefused([
      [(m) => delete m.formatVersion, /missing field "formatVersion"/],
      [(m) => (m.formatVersion = '1'), /"formatVersion" must be an integer/],
    ]);
  });

  it('names each missing field, nested ones with their path', () => {
    const topLevel = [
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
    ];
    expectRefused(
      topLevel.map((key) => [(m) => delete m[key], new RegExp(`missing field "${key}"`)]),
    );
    expectRefused([
      [(m) => delete m.source.licence, /missing field "source\.licence"/],
      [(m) => delete m.files.scores, /missing field "files\.scores"/],
      [(m) => delete m.files.labels.sha256, /missing field "files\.labels\.sha256"/],
      [(m) => delete m.normalization.std, /missing field "normalization\.std"/],
      [(m) => delete m.tool.version, /missing field "tool\.version"/],
    ]);
  });

  it('names each ill-typed field', () => {
    expectRefused([
      [(m) => (m.id = 5), /"id" must be a string, got a number/],
      [(m) => (m.classes = 'abc'), /"classes" must be an array/],
      [(m) => (m.classes = ['a', 2]), /"classes\[1\]" must be a string/],
      [(m) => (m.flip = 'yes'), /"flip" must be a boolean/],
      [(m) => (m.ipc = 2.5), /"ipc" must be an integer ≥ 1, got 2\.5/],
      [(m) => (m.files.images.bytes = -1), /"files\.images\.bytes" must be an integer ≥ 0/],
      [(m) => (m.files.images.sha256 = 'ABC'), /"files\.images\.sha256" must be 64 lowercase hex/],
      [(m) => (m.scoring.params = []), /"scoring\.params" must be an object, got an array/],
      [(m) => (m.referenceTable.rows[0].seeds = 0), /"referenceTable\.rows\[0\]\.seeds"/],
      [(m) => (m.referenceTable.rows[0].ipc = 'one'), /"referenceTable\.rows\[0\]\.ipc"/],
      // The teacher-label table is checked like the hard-label one, and named as itself.
      [
        (m) => (m.teacherTable = { ...m.referenceTable, rows: [{ method: 'yoco', ipc: 1 }] }),
        /missing field "teacherTable\.rows\[0\]\.mean"/,
      ],
      [(m) => (m.teacherTable = []), /"teacherTable" must be an object, got an array/],
    ]);
  });

  it('checks consistency: classes, shape, factor, ipc, normalisation length', () => {
    expectRefused([
      [(m) => (m.classes = ['only']), /at least 2 classes, got 1/],
      [
        (m) => (m.classes = Array.from({ length: 257 }, (_, i) => `c${i}`)),
        /257 classes; labels are uint8/,
      ],
      [(m) => (m.imageShape = [32, 32]), /"imageShape" must be \[H, W, C\]/],
      [(m) => (m.imageShape = [32, 31.5, 3]), /"imageShape\[1\]" must be a positive integer/],
      [(m) => (m.factor = 3), /32×32 is not divisible by factor 3/],
      [(m) => (m.ipc = 0), /"ipc" must be an integer ≥ 1, got 0/],
      [
        (m) => (m.normalization.mean = [0.5]),
        /"normalization\.mean" must have one entry per channel \(3\), got 1/,
      ],
      [
        (m) => (m.normalization.std = [0.2, 0, 0.2]),
        /"normalization\.std\[1\]" must lie in \[0\.001, 1\]/,
      ],
      [
        (m) => (m.normalization.mean = [125, 120, 110]),
        /"normalization\.mean\[0\]" must lie in \[0, 1\]/,
      ],
    ]);
  });

  it('rejects payload paths that leave the bundle folder or collide', () => {
    expectRefused([
      [
        (m) => (m.files.images.path = '../images.u8'),
        /"files\.images\.path" must be a relative path/,
      ],
      [(m) => (m.files.images.path = 'a/../../x'), /relative path inside the bundle/],
      [(m) => (m.files.labels.path = '/etc/passwd'), /"files\.labels\.path"/],
      [(m) => (m.files.labels.path = 'https://example.com/x'), /"files\.labels\.path"/],
      [
        (m) => (m.files.labels.path = 'images.u8'),
        /files\.images and files\.labels both point to "images\.u8"/,
      ],
      [(m) => (m.files.scores.path = 'manifest.json'), /must not be manifest\.json/],
    ]);
  });

  it('accepts an optional testOrder and checks its fields', () => {
    expect(parseManifest(JSON.stringify(goodManifest())).testOrder).toBeUndefined();
    const shuffled = edited((m) => (m.testOrder = { shuffled: true, seed: 7 }));
    expect(parseManifest(JSON.stringify(shuffled)).testOrder).toEqual({ shuffled: true, seed: 7 });
    const asImported = edited((m) => (m.testOrder = { shuffled: false }));
    expect(parseManifest(JSON.stringify(asImported)).testOrder).toEqual({ shuffled: false });
    expectRefused([
      [(m) => (m.testOrder = true), /field "testOrder" must be an object, got a boolean/],
      [(m) => (m.testOrder = { seed: 1 }), /missing field "testOrder.shuffled"/],
      [
        (m) => (m.testOrder = { shuffled: 'yes', seed: 1 }),
        /field "testOrder.shuffled" must be a boolean, got a string/,
      ],
      [(m) => (m.testOrder = { shuffled: true }), /missing field "testOrder.seed"/],
      [
        (m) => (m.testOrder = { shuffled: true, seed: -1 }),
        /field "testOrder.seed" must be an integer ≥ 0, got -1/,
      ],
    ]);
  });
});

describe('isSafeRelativePath', () => {
  it('accepts plain relative paths and refuses everything else', () => {
    expect(['a.bin', 'data/a.bin', 'x-y_z.u8'].every(isSafeRelativePath)).toBe(true);
    for (const p of ['', '..', '../a', 'a/..', './a', 'a//b', '/a', 'C:/a', 'a\\b', 'http://x/a']) {
      expect(isSafeRelativePath(p)).toBe(false);
    }
  });
});
