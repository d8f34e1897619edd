// Tests of readBundle on a corrupt scores.json (its size and digest re-signed, so only the content
// is wrong): not JSON, not an object of arrays, nested or long beyond the JSON limits, a score
// missing or of the wrong length, or a value that is not a finite number. Each is a BundleError
// naming scores.json.
import { describe, it, beforeAll } from 'vitest';
import type { BundleProblem } from '../errors';
import {
  corruptibleBundle,
  decodeText,
  encodeText,
  expectBundleError,
  withPayload,
  type BundleFiles,
} from '../../../test-support/engine/bundle-edits';
import { MAX_JSON_STRING } from './json-limits';

let base: BundleFiles;
let path: string;

beforeAll(async () => {
  const tiny = await corruptibleBundle();
  base = tiny.files;
  path = tiny.manifest.files.scores.path;
});

/** The bundle's scores, parsed afresh for editing. */
const scoresJson = (): Record<string, unknown[]> =>
  JSON.parse(decodeText(base.get(path)!)) as Record<string, unknown[]>;

/** Reading the bundle with scores.json replaced (text, an object to write, or bytes) fails so. */
async function expectScoresError(
  scores: string | object | Uint8Array,
  problem: BundleProblem,
  pattern: RegExp,
): Promise<void> {
  const bytes =
    scores instanceof Uint8Array
      ? scores
      : encodeText(typeof scores === 'string' ? scores : JSON.stringify(scores));
  await expectBundleError(await withPayload(base, 'scores', bytes), path, problem, pattern);
}

describe('readBundle corruption: scores', () => {
  it('json: scores are not valid JSON, or not an object of arrays', async () => {
    await expectScoresError('{"lbpe": [1, 2', 'json', /not valid JSON/);
    await expectScoresError('[1, 2, 3]', 'json', /must be a JSON object/);
    await expectScoresError(
      { ...scoresJson(), aum: 'low' },
      'json',
      /score "aum" must be an array/,
    );
    await expectScoresError(Uint8Array.from([0x7b, 0xff, 0x7d]), 'json', /not valid UTF-8/);
  });

  it('json: scores nested or long beyond the JSON limits, naming the key path', async () => {
    // A 5,000-deep entry where a score should be: describing it once overflowed the stack.
    const d = scoresJson();
    d.lbpe![3] = 'DEEP';
    const deep = JSON.stringify(d).replace('"DEEP"', `${'['.repeat(5000)}1${']'.repeat(5000)}`);
    await expectScoresError(
      deep,
      'json',
      /"lbpe\[3\](\[0\]){30}" nests deeper than 32 levels of arrays and objects/,
    );
    await expectScoresError(
      { ...scoresJson(), notes: ['x'.repeat(MAX_JSON_STRING + 1)] },
      'json',
      /"notes\[0\]" is a string of 10001 characters, more than the 10000 allowed/,
    );
    const t = scoresJson();
    t.aum![2] = Array.from({ length: 100_000 }, () => 1);
    await expectScoresError(
      t,
      'score-value',
      /^scores\.json: score "aum" of sample 2 is an array of 100000, not a finite number$/,
    );
  });

  it('score-count: a score has one entry too few', async () => {
    const s = scoresJson();
    s.el2n!.pop();
    await expectScoresError(
      s,
      'score-count',
      /score "el2n" has 23 entries but the bundle has 24 samples/,
    );
  });

  it('score-count: a score name is missing', async () => {
    const s = scoresJson();
    delete s.forgetting;
    await expectScoresError(
      s,
      'score-count',
      /score "forgetting" is missing \(expected 24 entries/,
    );
  });

  it('score-value: a score is null (how JSON writes NaN) or not a number', async () => {
    const s = scoresJson();
    s.loss![4] = null;
    await expectScoresError(
      s,
      'score-value',
      /score "loss" of sample 4 is null, not a finite number/,
    );
    const t = scoresJson();
    t.entropy![0] = '0.5';
    await expectScoresError(t, 'score-value', /score "entropy" of sample 0 is "0\.5"/);
    await expectScoresError(
      decodeText(base.get(path)!).replace(/"lbpe": \[[^,\]]+/, '"lbpe": [1e999'),
      'score-value',
      /score "lbpe" of sample 0 is Infinity/,
    );
  });
});
