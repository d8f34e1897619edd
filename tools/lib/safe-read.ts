// Reading one file of a bundle folder from disk without trusting it (Node). Before anything is
// opened: the path, after resolving every symbolic link, must lie inside the folder (a link to
// /dev/zero or ../../secret is refused), it must be a regular file (a FIFO would block a reader
// thread for ever, a device never ends), and its size must fit the reader's ByteLimit (a 1.5 GB
// sparse file where the manifest says 78 KB is refused unread). The file is then opened without
// following links and without blocking, checked to be the same file, and read into a buffer of
// its checked size plus one byte, so a file that grows meanwhile is caught and never read past
// the limit. Every refusal is a BundleError naming the file.
import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { BundleError } from '../../src/engine/errors';
import {
  readPastLimitError,
  sizeFits,
  wrongSizeError,
  type ByteLimit,
} from '../../src/engine/bundle/limits';

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Never blocks on a FIFO, never follows a link swapped in after the checks (0 where unknown). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * Read `<dir>/<path>` (path relative, '/'-separated, already checked safe), refusing links that
 * leave `dir`, anything but a regular file, and a size that does not fit `limit`.
 */
export async function readFileInside(
  dir: string,
  path: string,
  limit?: ByteLimit,
): Promise<Uint8Array> {
  const root = await realpath(dir);
  const full = join(root, ...path.split('/'));
  const link = await lstat(full);
  const target = await realpath(full);
  if (!inside(root, target)) {
    const what = link.isSymbolicLink() ? 'is a symbolic link to' : 'resolves to';
    throw new BundleError(
      path,
      'missing',
      `${what} ${target}, outside the bundle folder ${root}; refusing to read it`,
    );
  }
  const info = await stat(target);
  if (!info.isFile()) {
    throw new BundleError(
      path,
      'missing',
      `is ${kindOf(info)}, not a regular file; refusing to read it`,
    );
  }
  if (!sizeFits(info.size, limit)) throw wrongSizeError(path, info.size, limit!, 'on disk');

  const handle = await open(target, OPEN_FLAGS);
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== info.ino || opened.dev !== info.dev) {
      throw new BundleError(
        path,
        'missing',
        'was replaced while being opened; refusing to read it',
      );
    }
    // One byte more than expected tells a file that grew since it was checked.
    const buffer = new Uint8Array(info.size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > info.size) {
      if (limit && filled > limit.maxBytes) throw readPastLimitError(path, filled, limit);
      throw new BundleError(path, 'size', `grew while being read (it had ${info.size} bytes)`);
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
