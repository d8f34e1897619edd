// Tests of bundle folders on disk: write→read round trip, missing folder/files, and atomic writes
// (a failed write leaves nothing behind and keeps the previous bundle).
import { describe, it, expect } from 'vitest';
import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleError, ConfigError } from '../../src/engine/errors';
import { makeTinyBundle } from '../../test-support/engine/tiny-bundle';
import { readBundleDir, writeBundleDir } from './bundle-fs';
import { useTempDir } from '../../test-support/node/test-dirs';

const root = useTempDir('yoco-bundle-fs-', { each: true });

async function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('writeBundleDir / readBundleDir', () => {
  it('round-trips a bundle and leaves only the bundle folder behind', async () => {
    const tiny = await makeTinyBundle({ classes: 3, ipc: 2, size: 8, seed: 4 });
    const dir = join(root(), 'datasets', 'tiny');
    await writeBundleDir(dir, tiny.files);
    expect((await readdir(dir)).sort()).toEqual([...tiny.files.keys()].sort());
    expect(await readdir(join(root(), 'datasets'))).toEqual(['tiny']);
    const b = await readBundleDir(dir);
    expect(b.manifest).toEqual(tiny.manifest);
    expect(b.images).toEqual(tiny.files.get(tiny.manifest.files.images.path));
    expect([...b.labels]).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('replaces an existing bundle with a new one', async () => {
    const dir = join(root(), 'b');
    const first = await makeTinyBundle({ seed: 1 });
    const second = await makeTinyBundle({ seed: 2 });
    await writeBundleDir(dir, first.files);
    await writeBundleDir(dir, second.files);
    expect((await readBundleDir(dir)).manifest.files).toEqual(second.manifest.files);
    expect(await readdir(root())).toEqual(['b']);
  });

  it('a failed write leaves no half bundle and keeps the previous one', async () => {
    const dir = join(root(), 'b');
    const good = await makeTinyBundle({ seed: 1 });
    // 'x' as a file and 'x/y' inside it cannot both exist: the write fails part-way.
    const broken = new Map(good.files);
    broken.set('x', new Uint8Array(1));
    broken.set('x/y', new Uint8Array(1));

    expect(await caught(writeBundleDir(dir, broken))).toBeInstanceOf(Error);
    expect(await readdir(root())).toEqual([]);

    await writeBundleDir(dir, good.files);
    expect(await caught(writeBundleDir(dir, broken))).toBeInstanceOf(Error);
    expect(await readdir(root())).toEqual(['b']);
    expect((await readBundleDir(dir)).manifest.files).toEqual(good.manifest.files);
  });

  it('refuses unsafe paths, a map without manifest.json, and replacing a non-bundle folder', async () => {
    const good = await makeTinyBundle({ seed: 1 });
    const unsafe = new Map(good.files).set('../escape.bin', new Uint8Array(1));
    const e1 = await caught(writeBundleDir(join(root(), 'b'), unsafe));
    expect(e1).toBeInstanceOf(BundleError);
    expect((e1 as BundleError).message).toMatch(/^\.\.\/escape\.bin: is not a relative path/);

    const noManifest = new Map(good.files);
    noManifest.delete('manifest.json');
    const e2 = await caught(writeBundleDir(join(root(), 'b'), noManifest));
    expect((e2 as BundleError).problem).toBe('missing');

    const other = join(root(), 'photos');
    await mkdir(other);
    await writeFile(join(other, 'holiday.jpg'), 'x');
    const e3 = await caught(writeBundleDir(other, good.files));
    expect(e3).toBeInstanceOf(ConfigError);
    expect((e3 as Error).message).toMatch(/photos exists and is not a bundle folder/);
    expect(await readdir(other)).toEqual(['holiday.jpg']);
    expect(await readdir(root())).toEqual(['photos']);
  });

  it('reports a missing folder, manifest or payload as BundleError("missing") naming it', async () => {
    const nowhere = join(root(), 'nowhere');
    const e1 = (await caught(readBundleDir(nowhere))) as BundleError;
    expect(e1).toBeInstanceOf(BundleError);
    expect([e1.problem, e1.file]).toEqual(['missing', nowhere]);
    expect(e1.message).toBe(`${nowhere}: bundle folder does not exist`);

    const tiny = await makeTinyBundle({ seed: 1 });
    const dir = join(root(), 'b');
    await writeBundleDir(dir, tiny.files);
    await unlink(join(dir, tiny.manifest.files.scores.path));
    const e2 = (await caught(readBundleDir(dir))) as BundleError;
    expect([e2.problem, e2.file]).toEqual(['missing', 'scores.json']);
    expect(e2.message).toBe(`scores.json: not found in ${dir}`);

    await unlink(join(dir, 'manifest.json'));
    const e3 = (await caught(readBundleDir(dir))) as BundleError;
    expect([e3.problem, e3.file]).toEqual(['missing', 'manifest.json']);
  });

  it('passes corruption errors through from readBundle', async () => {
    const tiny = await makeTinyBundle({ seed: 1 });
    const dir = join(root(), 'b');
    const files = new Map(tiny.files);
    const images = files.get('images.u8')!.slice();
    images[0] = images[0]! ^ 1;
    files.set('images.u8', images);
    await writeBundleDir(dir, files);
    const e = (await caught(readBundleDir(dir))) as BundleError;
    expect([e.problem, e.file]).toEqual(['digest', 'images.u8']);
  });
});
