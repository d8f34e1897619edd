// The stage cache's entry files (cache.ts, checkpoints.ts): a magic, a JSON header (cache version,
// stage, key, codec, payload size and SHA-256) and the payload. Entries are written atomically
// (temporary file + rename) and checked (size and digest) when read, so an interrupted or
// corrupted entry is recomputed rather than used.
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from './stable-hash';

/** Bump when the entry layout changes (old entries then miss). */
export const CACHE_VERSION = 1;
const MAGIC = 'YOCOCACH';

export interface EntryHeader {
  readonly version: number;
  readonly stage: string;
  readonly hash: string;
  readonly codec: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Reads and checks an entry; returns the payload, or the reason it cannot be used. `hash` null
 * skips the key check (a tool reading a known file).
 */
export async function readEntry(
  file: string,
  hash: string | null,
): Promise<{ payload: Uint8Array } | { problem: string }> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return { problem: 'missing' };
  }
  if (data.length < 12 || data.subarray(0, 8).toString('latin1') !== MAGIC)
    return { problem: 'bad magic' };
  const headLen = data.readUInt32LE(8);
  if (12 + headLen > data.length) return { problem: 'truncated header' };
  let header: EntryHeader;
  try {
    header = JSON.parse(data.subarray(12, 12 + headLen).toString('utf8')) as EntryHeader;
  } catch {
    return { problem: 'unreadable header' };
  }
  if (header.version !== CACHE_VERSION || (hash !== null && header.hash !== hash))
    return { problem: 'key mismatch' };
  const payload = data.subarray(12 + headLen);
  if (payload.length !== header.bytes) {
    return { problem: `size ${payload.length} bytes, expected ${header.bytes}` };
  }
  if (sha256Hex(payload) !== header.sha256) return { problem: 'digest mismatch' };
  return { payload };
}

/** Writes an entry atomically: a temporary file, synced, then renamed over `file`. */
export async function writeEntry(
  file: string,
  header: EntryHeader,
  payload: Uint8Array,
): Promise<void> {
  const head = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(12);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(head.length, 8);
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fh = await open(tmp, 'w');
  try {
    await fh.write(prefix);
    await fh.write(head);
    await fh.write(payload);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await rename(tmp, file);
}

/** Removes temporary files a stopped write of `fileName` (in `dir`) left behind. */
export async function removeStaleTemps(dir: string, fileName: string): Promise<void> {
  const names = await readdir(dir);
  await Promise.all(
    names
      .filter((n) => n.startsWith(`${fileName}.tmp-`))
      .map((n) => rm(join(dir, n), { force: true })),
  );
}
