// Tests of the optional features payload (penultimate features for k-means selection):
// round trip, and each kind of corruption gives its own BundleError naming features.f32.
import { describe, it, expect } from 'vitest';
import { makeTinyBundle } from '../../../test-support/engine/tiny-bundle';
import { readFailure, withManifest, withPayload } from '../../../test-support/engine/bundle-edits';
import { getFileFromMap, readBundle } from './read';
import { buildBundleFiles, FEATURES_PATH } from './write';

async function withFeatures(dim: number) {
  const tiny = await makeTinyBundle({ classes: 2, ipc: 1, factor: 2, size: 8, channels: 1 });
  const loaded = await readBundle(tiny.getFile);
  const samples = 2 * 1 * 4;
  const values = Float32Array.from({ length: samples * dim }, (_, i) => i / 7 - 1);
  const { files, manifest } = await buildBundleFiles({
    manifest: (({ files: _f, ...rest }) => rest)(loaded.manifest),
    images: loaded.images,
    labels: loaded.labels,
    scores: loaded.scores,
    testImages: loaded.testImages,
    testLabels: loaded.testLabels,
    features: { values, dim, model: 'test' },
  });
  return { files, manifest, values };
}

describe('features payload', () => {
  it('round-trips exactly, little-endian float32, one row per sample', async () => {
    const { files, manifest, values } = await withFeatures(3);
    expect(manifest.features).toEqual({ dim: 3, model: 'test' });
    expect(manifest.files.features?.bytes).toBe(8 * 3 * 4);
    const back = await readBundle(getFileFromMap(files));
    expect(back.features?.dim).toBe(3);
    expect(Array.from(back.features!.values)).toEqual(Array.from(values));
  });

  it('a wrong size is a shape error naming the file', async () => {
    const { files } = await withFeatures(3);
    const bad = await withPayload(files, 'features', new Uint8Array(8 * 3 * 4 - 4));
    const err = await readFailure(bad);
    expect(err.problem).toBe('shape');
    expect(err.message).toMatch(/^features\.f32: holds 92 bytes but 8 samples × 3 float32/);
  });

  it('a non-finite feature is a value error naming sample and feature', async () => {
    const { files } = await withFeatures(2);
    const bytes = new Uint8Array(files.get(FEATURES_PATH)!);
    new DataView(bytes.buffer).setFloat32((5 * 2 + 1) * 4, NaN, true);
    const err = await readFailure(await withPayload(files, 'features', bytes));
    expect(err.problem).toBe('score-value');
    expect(err.message).toBe('features.f32: feature 1 of sample 5 is NaN, not a finite number');
  });

  it('files.features without the features field is a manifest error', async () => {
    const { files } = await withFeatures(2);
    const err = await readFailure(withManifest(files, (m) => delete m.features));
    expect(err.problem).toBe('manifest');
    expect(err.message).toMatch(/"features" and "files.features" must be given together/);
  });
});
