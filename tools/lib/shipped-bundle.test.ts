// The shipped bundle is uint8 and must stay byte-for-byte what it is: read it, write it again with
// buildBundleFiles, and every payload and manifest.json (with the reference table that `yoco table
// --into-manifest` appended) comes out identical — no imageDType key, images.u8 unchanged. And the
// index the app's dataset picker reads lists every shipped bundle with a title and a description.
// Its reference table's protocol is in the words config.ts's describeProtocol writes.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundleFiles } from '../../src/engine/bundle/write';
import { describeProtocol } from '../../src/engine/config';
import { parseDatasetIndex } from '../../src/engine/bundle/dataset-index';
import { readBundleDir } from './bundle-fs';

const SHIPPED = 'public/datasets/fashion-mnist-ipc10';

describe.runIf(existsSync(SHIPPED))('the shipped bundle', () => {
  it("states its reference table's protocol in the config's words (describeProtocol)", async () => {
    const b = await readBundleDir(SHIPPED);
    const p = b.manifest.referenceTable!.protocol;
    expect(describeProtocol({ width: 128, depth: 3, epochs: 200, batchSize: 64 })).toEqual({
      model: p.model,
      width: p.width,
      epochs: p.epochs,
      batchSize: p.batchSize,
      optimizer: p.optimizer,
      augmentation: p.augmentation,
    });
    expect(p.optimizer).toBe('SGD momentum 0.9, weight decay 5e-4, lr 0.01 ×0.2 at 2/3 and 5/6');
  });

  it('rebuilds byte for byte through the writer (uint8 bundles are written as before), teacher included', async () => {
    const b = await readBundleDir(SHIPPED);
    expect(b.images).toBeInstanceOf(Uint8Array);
    // The writer places `features` and `teacher` itself (from the payloads it is given).
    const { files: _f, features, teacher: _t, referenceTable, teacherTable, ...draft } = b.manifest;
    expect(features && b.features).toBeTruthy();
    expect(b.manifest.teacher && b.teacher).toBeTruthy();
    expect(b.manifest.teacher!.testAccuracy).toBeGreaterThanOrEqual(0.9);
    const { manifest, files } = await buildBundleFiles({
      manifest: draft,
      images: b.images,
      labels: b.labels,
      scores: b.scores,
      testImages: b.testImages,
      testLabels: b.testLabels,
      features: { values: b.features!.values, dim: b.features!.dim, model: features!.model },
      teacher: b.teacher!,
    });
    expect(manifest).not.toHaveProperty('imageDType');
    expect(manifest.files).toEqual(b.manifest.files);
    for (const [path, bytes] of files) {
      if (path === 'manifest.json') continue;
      expect(Buffer.from(bytes).equals(await readFile(join(SHIPPED, path))), path).toBe(true);
    }
    const tables = { referenceTable, ...(teacherTable ? { teacherTable } : {}) };
    const text = `${JSON.stringify({ ...manifest, ...tables }, null, 2)}\n`;
    expect(text).toBe(await readFile(join(SHIPPED, 'manifest.json'), 'utf8'));
  });
});

describe.runIf(existsSync('public/datasets/index.json'))('the shipped dataset index', () => {
  it('lists every bundle folder, each with a title and a one-line description; the default exists', async () => {
    const index = parseDatasetIndex(
      JSON.parse(await readFile('public/datasets/index.json', 'utf8')) as unknown,
    );
    const folders = (await readdir('public/datasets', { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(index.bundles.map((b) => b.id).sort()).toEqual(folders);
    expect(folders).toContain(index.defaultId);
    for (const b of index.bundles) {
      const manifest = await readBundleDir(join('public/datasets', b.id)).then((x) => x.manifest);
      expect(manifest.id).toBe(b.id);
      expect(b.title).not.toBe(b.id);
      expect(b.description).toMatch(/^[^\n]{20,200}$/);
    }
  });
});
