// Tests of buildBundleFiles: write→read round trip is exact; bad inputs never produce a bundle.
import { describe, it, expect } from 'vitest';
import { BundleError } from '../errors';
import { SCORE_NAMES } from '../types';
import { TINY_DRAFT, tinyBundleInput } from '../../../test-support/engine/bundle-input';
import { getFileFromMap, readBundle } from './read';
import { sha256HexPure } from './sha256';
import { buildBundleFiles, DEFAULT_PATHS, type BundleInput, type ManifestDraft } from './write';

const DRAFT: ManifestDraft = {
  ...TINY_DRAFT,
  id: 'roundtrip',
  title: 'Round trip',
  flip: true,
  scoring: { model: 'test', params: { E: 3 } },
  referenceTable: {
    protocol: { epochs: 2 },
    rows: [{ method: 'yoco', ipc: 1, mean: 0.6, std: 0.02, seeds: 3 }],
  },
};

/** Large and fractional scores, so a round trip that loses precision shows. */
const input = (): BundleInput =>
  tinyBundleInput({ seed: 4, draft: DRAFT, score: (rng) => rng.normal() * 1e3 + 1 / 3 });

describe('buildBundleFiles', () => {
  it('round-trips exactly through readBundle', async () => {
    const src = input();
    const { manifest, files } = await buildBundleFiles(src);
    expect([...files.keys()].sort()).toEqual(
      [...Object.values(DEFAULT_PATHS), 'manifest.json'].sort(),
    );
    for (const f of Object.values(manifest.files)) {
      expect(f.bytes).toBe(files.get(f.path)!.length);
      expect(f.sha256).toBe(sha256HexPure(files.get(f.path)!));
    }
    const back = await readBundle(getFileFromMap(files));
    expect(back.manifest).toEqual(manifest);
    expect(back.images).toEqual(src.images);
    expect([...back.labels]).toEqual([0, 0, 1, 1]);
    expect(back.testImages).toEqual(src.testImages);
    expect([...back.testLabels]).toEqual([1, 0, 1]);
    for (const name of SCORE_NAMES) expect(back.scores[name]).toEqual(src.scores[name]); // bit-exact doubles
  });

  it('writes manifest.json as pretty JSON naming every payload', async () => {
    const { files } = await buildBundleFiles(input());
    const text = new TextDecoder().decode(files.get('manifest.json'));
    expect(text).toMatch(/^\{\n {2}"formatVersion": 1,\n/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text).files.scores.path).toBe('scores.json');
  });

  it('is deterministic and honours path overrides', async () => {
    const a = await buildBundleFiles(input());
    const b = await buildBundleFiles({ ...input(), paths: { images: 'data/stored.u8' } });
    expect(b.manifest.files.images.path).toBe('data/stored.u8');
    expect(b.manifest.files.images.sha256).toBe(a.manifest.files.images.sha256);
    expect(b.files.get('data/stored.u8')).toEqual(a.files.get('images.u8'));
  });

  it('refuses non-finite scores, out-of-range labels and inconsistent payloads', async () => {
    const nan = input();
    (nan.scores.aum as Float64Array)[3] = NaN;
    await expect(buildBundleFiles(nan)).rejects.toThrow(
      /scores\.json: score "aum" of sample 3 is NaN/,
    );

    await expect(buildBundleFiles({ ...input(), labels: [0, 0, 1, 300] })).rejects.toThrow(
      /labels\.u8: label 300 of stored image 3 is not an integer in 0…255/,
    );

    const err = await buildBundleFiles({ ...input(), labels: [0, 1, 0, 1] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).problem).toBe('label');

    const short = await buildBundleFiles({ ...input(), images: new Uint8Array(10) }).catch(
      (e: unknown) => e,
    );
    expect((short as BundleError).problem).toBe('shape');
    expect((short as BundleError).file).toBe('images.u8');

    const badPath = await buildBundleFiles({
      ...input(),
      paths: { scores: '../scores.json' },
    }).catch((e: unknown) => e);
    expect((badPath as BundleError).problem).toBe('manifest');
    expect((badPath as BundleError).message).toMatch(/files\.scores\.path/);
  });
});
