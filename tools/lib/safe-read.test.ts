// Tests of reading bundle files from disk without trusting them (safe-read.ts through
// readBundleDir): FIFOs, devices, folders and links that leave the bundle folder are refused
// unread; sizes are checked before any read (a 1.5 GB sparse payload, a 600 MB manifest); links
// that stay inside the folder still work. Each refusal is a BundleError naming the file.
import { describe, it, expect, beforeEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleError, type BundleProblem } from '../../src/engine/errors';
import type { TinyBundle } from '../../test-support/engine/tiny-bundle';
import { readBundleDir } from './bundle-fs';
import { readFileInside } from './safe-read';
import { useTempDir, writeTinyBundleDir } from '../../test-support/node/test-dirs';

const root = useTempDir('yoco-safe-read-', { each: true });

let dir: string;
let tiny: TinyBundle;
beforeEach(async () => {
  dir = join(root(), 'b');
  tiny = await writeTinyBundleDir(dir, { classes: 3, ipc: 2, size: 8, seed: 3 });
});

/** Reads the bundle with a time bound; resolves to the error (a hang fails the test). */
async function loadError(ms = 5000): Promise<BundleError> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`readBundleDir hung for ${ms} ms`)), ms);
  });
  try {
    const e = await Promise.race([
      readBundleDir(dir).then(
        () => undefined,
        (err: unknown) => err,
      ),
      hang,
    ]);
    expect(e).toBeInstanceOf(BundleError);
    return e as BundleError;
  } finally {
    clearTimeout(timer);
  }
}

function expectNamed(e: BundleError, file: string, problem: BundleProblem, pattern: RegExp): void {
  expect([e.file, e.problem]).toEqual([file, problem]);
  expect(e.message).toMatch(pattern);
}

const images = (): string => tiny.manifest.files.images.path;

describe('readBundleDir refuses what is not a regular file inside the folder', () => {
  it.skipIf(process.platform === 'win32')(
    'a payload that is a FIFO, without opening it',
    async () => {
      await unlink(join(dir, images()));
      execFileSync('mkfifo', [join(dir, images())]);
      expectNamed(
        await loadError(),
        images(),
        'missing',
        /^images\.u8: is a FIFO \(named pipe\), not a regular file; refusing to read it$/,
      );
    },
  );

  it.skipIf(process.platform === 'win32')('a payload linking to /dev/zero', async () => {
    await unlink(join(dir, images()));
    await symlink('/dev/zero', join(dir, images()));
    expectNamed(
      await loadError(),
      images(),
      'missing',
      /^images\.u8: is a symbolic link to \/dev\/zero, outside the bundle folder .*; refusing to read it$/,
    );
  });

  it('a link to an identical file outside the folder, and a linked folder that leaves it', async () => {
    const outside = join(root(), 'outside.u8');
    await writeFile(outside, tiny.files.get(images())!);
    await unlink(join(dir, images()));
    await symlink(outside, join(dir, images()));
    expectNamed(
      await loadError(),
      images(),
      'missing',
      /is a symbolic link to .*outside\.u8, outside the bundle folder/,
    );

    const m = structuredClone(tiny.manifest) as { files: { images: { path: string } } };
    m.files.images.path = 'data/images.u8';
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
    await mkdir(join(root(), 'elsewhere'));
    await writeFile(join(root(), 'elsewhere', 'images.u8'), tiny.files.get(images())!);
    await symlink(join(root(), 'elsewhere'), join(dir, 'data'));
    expectNamed(
      await loadError(),
      'data/images.u8',
      'missing',
      /resolves to .*elsewhere\/images\.u8, outside the bundle folder/,
    );
  });

  it('a folder where a payload should be', async () => {
    await unlink(join(dir, images()));
    await mkdir(join(dir, images()));
    expectNamed(await loadError(), images(), 'missing', /is a folder, not a regular file/);
  });

  it('a dangling link is simply missing', async () => {
    await unlink(join(dir, images()));
    await symlink(join(dir, 'nowhere.u8'), join(dir, images()));
    expectNamed(await loadError(), images(), 'missing', /^images\.u8: not found in /);
  });

  it('still follows links that stay inside the folder', async () => {
    await mkdir(join(dir, 'store'));
    await writeFile(join(dir, 'store', 'real.u8'), tiny.files.get(images())!);
    await unlink(join(dir, images()));
    await symlink(join('store', 'real.u8'), join(dir, images()));
    const b = await readBundleDir(dir);
    expect(b.images).toEqual(tiny.files.get(images()));
  });
});

describe('readBundleDir checks sizes before reading', () => {
  it('a 1.5 GB sparse payload where the manifest says a few KB is refused unread', async () => {
    await truncate(join(dir, images()), 1_500_000_000);
    const before = process.memoryUsage().rss;
    const start = performance.now();
    const e = await loadError();
    expectNamed(
      e,
      images(),
      'size',
      new RegExp(
        `^images\\.u8: has 1500000000 bytes \\(1\\.4 GiB\\) on disk but the manifest says ${tiny.manifest.files.images.bytes}; not read$`,
      ),
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 2 ** 20);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('a 600 MB manifest.json is refused unread (not misreported as bad UTF-8)', async () => {
    await truncate(join(dir, 'manifest.json'), 600_000_000);
    const before = process.memoryUsage().rss;
    expectNamed(
      await loadError(),
      'manifest.json',
      'size',
      /^manifest\.json: has 600000000 bytes \(572\.2 MiB\) on disk, more than the 1048576 bytes \(1\.0 MiB\) it may have; not read$/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 2 ** 20);
  });

  it('readFileInside reads exactly the file, and refuses a wrong size before reading', async () => {
    const bytes = tiny.files.get(images())!;
    expect(await readFileInside(dir, images(), { maxBytes: bytes.length, exact: true })).toEqual(
      bytes,
    );
    expect(await readFileInside(dir, images())).toEqual(bytes);
    const short = await readFileInside(dir, images(), {
      maxBytes: bytes.length + 1,
      exact: true,
    }).catch((e: unknown) => e as BundleError);
    expect((short as BundleError).problem).toBe('size');
    const capped = await readFileInside(dir, 'manifest.json', { maxBytes: 10, exact: false }).catch(
      (e: unknown) => e as BundleError,
    );
    expect((capped as BundleError).message).toMatch(
      /^manifest\.json: has \d+ bytes .* on disk, more than the 10 bytes it may have; not read$/,
    );
  });
});
