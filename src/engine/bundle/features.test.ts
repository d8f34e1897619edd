// Tests of the optional features payload (penultimate features for k-means selection):
// round trip, and each kind of corruption gives its own BundleError naming features.f32.
import { describe, it, expect } from 'vitest';
import { BundleError } from '../errors';
import { makeTinyBundle } from '../testing/tiny-bundle';
import { getFileFromMap, readBundle } from './read';
import { sha256Hex } from './sha256';
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

async function rewrite(files: Map<string, Uint8Array>, bytes: Uint8Array) {
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json')));
  manifest.files.features = {
    path: FEATURES_PATH,
    bytes: bytes.length,
    sha256: await sha256Hex(bytes),
  };
  const out = new Map(files);
  out.set(FEATURES_PATH, bytes);
  out.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  return out;
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
    const bad = await rewrite(files, new Uint8Array(8 * 3 * 4 - 4));
    const err = await readBundle(getFileFromMap(bad)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).problem).toBe('shape');
    expect((err as BundleError).message).toMatch(
      /^features\.f32: holds 92 bytes but 8 samples × 3 float32/,
    );
  });

  it('a non-finite feature is a value error naming sample and feature', async () => {
    const { files } = await withFeatures(2);
    const bytes = new Uint8Array(files.get(FEATURES_PATH)!);
    new DataView(bytes.buffer).setFloat32((5 * 2 + 1) * 4, NaN, true);
    const err = (await readBundle(getFileFromMap(await rewrite(files, bytes))).catch(
      (e: unknown) => e,
    )) as BundleError;
    expect(err.problem).toBe('score-value');
    expect(err.message).toBe('features.f32: feature 1 of sample 5 is NaN, not a finite number');
  });

  it('files.features without the features field is a manifest error', async () => {
    const { files } = await withFeatures(2);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json')));
    delete manifest.features;
    const out = new Map(files);
    out.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
    const err = (await readBundle(getFileFromMap(out)).catch((e: unknown) => e)) as BundleError;
    expect(err.problem).toBe('manifest');
    expect(err.message).toMatch(/"features" and "files.features" must be given together/);
  });
});
