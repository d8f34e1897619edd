// Tests of manifest parsing against what would validate but harm: JSON nested or long beyond
// json-limits.ts, and values that would poison a run or the app (an implausible normalisation
// std, reference accuracies outside [0, 1], empty or repeated class names, a source URL that is
// not http(s), a payload larger than one typed array). Each is a BundleError naming the field.
import { describe, it, expect } from 'vitest';
import {
  edited,
  expectManifestError,
  expectRefused,
  type ManifestEdit,
} from '../../../test-support/engine/manifest-fixture';
import { MAX_JSON_DEPTH, MAX_JSON_STRING } from './json-limits';
import { MAX_PAYLOAD_BYTES } from './limits';
import { parseManifest } from './validate';

describe('parseManifest: JSON limits', () => {
  it('refuses nesting deeper than MAX_JSON_DEPTH anywhere, naming the key path', () => {
    // Built as text: JSON.stringify itself overflows the stack on a 5,000-deep value.
    const deep = JSON.stringify(edited((m) => (m.scoring.params.curve = 'DEEP'))).replace(
      '"DEEP"',
      `${'['.repeat(5000)}1${']'.repeat(5000)}`,
    );
    expectManifestError(
      deep,
      'manifest',
      new RegExp(
        `field "scoring\\.params\\.curve(\\[0\\]){${MAX_JSON_DEPTH - 3}}" nests deeper than ${MAX_JSON_DEPTH} levels`,
      ),
    );
    let objects: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) objects = { 'a b': objects };
    expectRefused([
      [
        (m) => (m.condensation.params = objects),
        /field "condensation\.params\["a b"\]\["a b"\].*" nests deeper than 32 levels/,
      ],
    ]);
    // A manifest at the limit is fine.
    let ok: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH - 3; i++) ok = [ok];
    expect(() =>
      parseManifest(JSON.stringify(edited((m) => (m.scoring.params.x = ok)))),
    ).not.toThrow();
  });

  it('refuses strings and keys longer than MAX_JSON_STRING, naming the key path', () => {
    const long = 'x'.repeat(MAX_JSON_STRING + 1);
    expectRefused([
      [
        (m) => (m.title = long),
        new RegExp(
          `field "title" is a string of ${MAX_JSON_STRING + 1} characters, more than the ${MAX_JSON_STRING}`,
        ),
      ],
      [(m) => (m.classes[2] = long), /field "classes\[2\]" is a string of 10001 characters/],
      [(m) => (m.tool[long] = 1), /field "tool\["x{61}\.\.\."\]" has a key of 10001 characters/],
    ]);
  });
});

describe('parseManifest: values that would validate but poison a run or the app', () => {
  it('bounds normalization.std to a plausible range (1e-300 and 1e300 train at chance)', () => {
    expectRefused(
      [1e-300, 1e300, 0.0009, 1.5].map((v) => [
        (m) => (m.normalization.std = [0.25, 0.25, v]),
        new RegExp(
          `"normalization\\.std\\[2\\]" must lie in \\[0\\.001, 1\\] .*got ${String(v).replace('.', '\\.').replace('+', '\\+')}$`,
        ),
      ]),
    );
    expect(() =>
      parseManifest(JSON.stringify(edited((m) => (m.normalization.std = [0.001, 1, 0.3])))),
    ).not.toThrow();
  });

  it('refuses reference rows whose accuracies leave [0, 1], negative std, or runs ≠ seeds', () => {
    const row =
      (fn: (r: Record<string, unknown>) => void): ManifestEdit =>
      (m) =>
        fn(m.referenceTable.rows[0]);
    expectRefused([
      [
        row((r) => (r.mean = 65.8)),
        /"referenceTable\.rows\[0\]\.mean" must lie in \[0, 1\] \(accuracy as a fraction\), got 65\.8/,
      ],
      [row((r) => (r.mean = -0.1)), /"referenceTable\.rows\[0\]\.mean" must lie in \[0, 1\]/],
      [row((r) => (r.std = -0.01)), /"referenceTable\.rows\[0\]\.std" must lie in \[0, 1\]/],
      [
        row((r) => (r.runs = [0.5, 0.5])),
        /"referenceTable\.rows\[0\]\.runs" holds 2 runs but "referenceTable\.rows\[0\]\.seeds" is 3/,
      ],
      [
        row((r) => (r.runs = [0.5, 50, 0.5])),
        /"referenceTable\.rows\[0\]\.runs\[1\]" must be an accuracy in \[0, 1\], got 50/,
      ],
    ]);
    // runs stay optional.
    expect(() => parseManifest(JSON.stringify(edited(row((r) => delete r.runs))))).not.toThrow();
  });

  it('refuses empty or repeated class names', () => {
    expectRefused([
      [(m) => (m.classes = ['a', '', 'c']), /"classes\[1\]" must name the class, got ""/],
      [(m) => (m.classes = ['a', '  ', 'c']), /"classes\[1\]" must name the class/],
      [(m) => (m.classes = ['a', 'b', 'a']), /"classes\[2\]" repeats "a", already classes\[0\]/],
    ]);
  });

  it('allows only http(s) source URLs', () => {
    const refused = [
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      '//other-host/x',
      'not a url',
    ];
    expectRefused(
      refused.map((url) => [
        (m) => (m.source.url = url),
        /"source\.url" must be an http\(s\) URL, got "/,
      ]),
    );
    for (const url of [
      'https://github.com/zalandoresearch/fashion-mnist',
      'http://example.org/d',
    ]) {
      expect(parseManifest(JSON.stringify(edited((m) => (m.source.url = url)))).source.url).toBe(
        url,
      );
    }
  });

  it('refuses a payload larger than one typed array can hold', () => {
    expectRefused([
      [
        (m) => (m.files.testImages.bytes = MAX_PAYLOAD_BYTES + 1),
        /"files\.testImages\.bytes" is 2147483648, more than one payload may have \(2147483647\)/,
      ],
    ]);
  });
});
