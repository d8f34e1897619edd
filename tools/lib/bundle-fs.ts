// Bundle folders on disk (Node): the file source of a bundle folder (`bundleDirFiles`, what the
// engine session reads through in the CLI; each file read through safe-read.ts: regular files
// inside the folder only, sizes checked before reading), loading and validating one with
// readBundle, or writing one atomically (all files go to a temporary sibling folder that is
// renamed into place at the end, so a failed write never leaves a half bundle, and an existing
// bundle is only replaced once the new one is complete).
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { BundleError, ConfigError } from '../../src/engine/errors';
import {
  readBundle,
  type GetFile,
  type LoadedBundle,
  type ReadOptions,
} from '../../src/engine/bundle/read';
import { MANIFEST_FILE } from '../../src/engine/bundle/manifest';
import { isSafeRelativePath } from '../../src/engine/bundle/validate';
import { readFileInside } from './safe-read';

function errnoCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** A GetFile reading `<dir>/<path>` from disk, within the reader's ByteLimit (safe-read.ts). */
export function fileSystemGetFile(dir: string): GetFile {
  return async (path, onBytes, limit) => {
    if (!isSafeRelativePath(path)) {
      throw new BundleError(path, 'manifest', 'is not a relative path inside the bundle folder');
    }
    try {
      const bytes = await readFileInside(dir, path, limit);
      onBytes?.(bytes.length, bytes.length);
      return bytes;
    } catch (e) {
      if (e instanceof BundleError) throw e;
      const code = errnoCode(e);
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
        throw new BundleError(path, 'missing', `not found in ${dir}`);
      }
      throw new BundleError(
        path,
        'missing',
        `could not be read from ${dir} (${(e as Error).message})`,
      );
    }
  };
}

async function checkFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new BundleError(dir, 'missing', 'bundle folder does not exist');
  if (!info.isDirectory()) throw new BundleError(dir, 'missing', 'is not a folder');
}

/**
 * The files of bundle folder `dir` (the engine session's `getFile` in Node). A missing folder or
 * file is a BundleError('missing').
 */
export function bundleDirFiles(dir: string): GetFile {
  const files = fileSystemGetFile(dir);
  let checked: Promise<void> | null = null;
  return async (path, onBytes, limit) => {
    checked ??= checkFolder(dir);
    await checked;
    return files(path, onBytes, limit);
  };
}

/** Load and validate the bundle in folder `dir`. Missing folder or file → BundleError('missing'). */
export async function readBundleDir(dir: string, opts: ReadOptions = {}): Promise<LoadedBundle> {
  return readBundle(bundleDirFiles(dir), opts);
}

async function isReplaceable(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return true;
  if (!info.isDirectory()) return false;
  const entries = await readdir(dir);
  return entries.length === 0 || entries.includes(MANIFEST_FILE);
}

/**
 * Write bundle files (relative path → bytes, manifest.json included) as folder `dir`,
 * atomically: a failure leaves no trace, and an existing bundle there stays intact until the new
 * one is complete. Refuses to replace a non-empty folder that holds no manifest.json.
 */
export async function writeBundleDir(
  dir: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  if (!files.has(MANIFEST_FILE)) {
    throw new BundleError(
      MANIFEST_FILE,
      'missing',
      'nothing to write: the bundle has no manifest.json',
    );
  }
  for (const path of files.keys()) {
    if (!isSafeRelativePath(path)) {
      throw new BundleError(path, 'manifest', 'is not a relative path inside the bundle folder');
    }
  }
  const target = resolve(dir);
  if (!(await isReplaceable(target))) {
    throw new ConfigError(`${target} exists and is not a bundle folder; refusing to replace it`);
  }
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = join(parent, `.${basename(target)}.tmp-${tag}`);
  const backup = join(parent, `.${basename(target)}.old-${tag}`);

  await mkdir(temp);
  try {
    for (const [path, bytes] of files) {
      const file = join(temp, ...path.split('/'));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, bytes);
    }
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }

  let movedOld = false;
  try {
    if (await stat(target).catch(() => undefined)) {
      await rename(target, backup);
      movedOld = true;
    }
    await rename(temp, target);
  } catch (e) {
    if (movedOld) await rename(backup, target).catch(() => undefined);
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
  if (movedOld) await rm(backup, { recursive: true, force: true });
}
