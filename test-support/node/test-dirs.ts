// Shared by the tools tests: a temporary folder that lives as long as a test file (or one test),
// and tiny bundles (test-support/engine/tiny-bundle.ts) written into folders on disk.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { makeTinyBundle, type TinyBundle, type TinyBundleOptions } from '../engine/tiny-bundle';
import { writeBundleDir } from '../../tools/lib/bundle-fs';

/**
 * Registers hooks that make a fresh temporary folder named `prefix…` before the file's tests (or
 * before each test, with `each`) and remove it afterwards; returns the folder's current path.
 * Call it at the top of a test file, before any hook that uses the folder.
 */
export function useTempDir(prefix: string, { each = false } = {}): () => string {
  let root = '';
  (each ? beforeEach : beforeAll)(async () => {
    root = await mkdtemp(join(tmpdir(), prefix));
  });
  (each ? afterEach : afterAll)(async () => {
    await rm(root, { recursive: true, force: true });
  });
  return () => {
    if (root === '')
      throw new Error(`useTempDir('${prefix}'): the folder exists only in tests and hooks`);
    return root;
  };
}

/** Makes a tiny bundle and writes it as the bundle folder `dir`; returns the bundle. */
export async function writeTinyBundleDir(
  dir: string,
  options: TinyBundleOptions = {},
): Promise<TinyBundle> {
  const tiny = await makeTinyBundle(options);
  await writeBundleDir(dir, tiny.files);
  return tiny;
}
