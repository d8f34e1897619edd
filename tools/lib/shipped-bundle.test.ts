// The shipped bundle is uint8 and must stay byte-for-byte what it is: read it, write it again with
// buildBundleFiles, and every payload and manifest.json (with the reference table that `yoco table
// --into-manifest` appended) comes out identical — no imageDType key, images.u8 unchanged.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundleFiles } from '../../src/engine/bundle/write';
import { readBundleDir } from './bundle-fs';

const SHIPPED = 'public/datasets/fashion-mnist-ipc10';

describe.runIf(existsSync(SHIPPED))('the shipped bundle', () => {
  it('rebuilds byte for byte through the writer (uint8 bundles are written as before)', async () => {
    const b = await readBundleDir(SHIPPED);
    expect(b.images).toBeInstanceOf(Uint8Array);
    const { files: _files, features, referenceTable, ...draft } = b.manifest;
    expect(features && b.features).toBeTruthy();
    const { manifest, files } = await buildBundleFiles({
      manifest: draft,
      images: b.images,
      labels: b.labels,
      scores: b.scores,
      testImages: b.testImages,
      testLabels: b.testLabels,
      features: { values: b.features!.values, dim: b.features!.dim, model: features!.model },
    });
    expect(manifest).not.toHaveProperty('imageDType');
    expect(manifest.files).toEqual(b.manifest.files);
    for (const [path, bytes] of files) {
      if (path === 'manifest.json') continue;
      expect(Buffer.from(bytes).equals(await readFile(join(SHIPPED, path))), path).toBe(true);
    }
    const text = `${JSON.stringify({ ...manifest, referenceTable }, null, 2)}\n`;
    expect(text).toBe(await readFile(join(SHIPPED, 'manifest.json'), 'utf8'));
  });
});
