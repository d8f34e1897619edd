// A small zip reader for the archives condensed sets come in: torch.save's zip format (PyTorch ≥ 1.6,
// every entry stored) and NumPy's .npz (stored, or deflated by savez_compressed). It reads the
// end record and the central directory (zip64 included) as byte ranges of the file, finds each
// entry's data through its local header, and streams an entry's bytes out in chunks, checking its
// size and CRC-32 as they pass, so a truncated or altered archive is a named error and nothing is
// ever held whole. A deflated entry whose declared size is beyond deflate's honest ratio is refused
// before it is inflated, and inflation stops the moment it passes the declared size. Deflate goes
// through DecompressionStream('deflate-raw'), which browsers and Node ≥ 18 have: no dependency.
import { ImportError } from '../errors';
import { ByteCursor, decodeLatin1, importUtf8 } from './cursor';
import { IMPORT_LIMITS, describeBytes } from './limits';
import type { ByteSource } from './source';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc32: number;
  /** Offset of the entry's local header. */
  readonly headerOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Deflated entries this small are never refused for their ratio (headers compress well). */
const RATIO_FREE_BYTES = 1 << 20;

/** True when `head` (the file's first bytes) starts like a zip archive (a local file header). */
export function looksLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
}

/** Replace 0xFFFFFFFF fields of a central entry by its zip64 extra field (id 1). */
function zip64Sizes(
  file: string,
  extra: Uint8Array,
  fields: { size: number; compressedSize: number; headerOffset: number },
): void {
  const c = new ByteCursor(file, extra);
  while (c.remaining >= 4) {
    const id = c.u16('zip extra id');
    const len = c.u16('zip extra length');
    const body = new ByteCursor(file, c.take(len, 'zip extra field'));
    if (id !== 1) continue;
    for (const key of ['size', 'compressedSize', 'headerOffset'] as const) {
      if (fields[key] === 0xffffffff) fields[key] = body.u64('zip64 size');
    }
  }
}

/** Where the central directory is and how many entries it declares (zip64 records followed). */
async function findDirectory(
  src: ByteSource,
): Promise<{ count: number; offset: number; size: number }> {
  const file = src.file;
  const tailStart = Math.max(0, src.size - 22 - 0xffff);
  const tail = await src.readUpTo(tailStart, src.size - tailStart);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = tail.length - 22;
  while (at >= 0 && view.getUint32(at, true) !== EOCD) at--;
  if (at < 0) {
    throw new ImportError(
      file,
      'truncated or not a zip archive: no end-of-central-directory record',
      'truncated',
    );
  }
  const eocd = new ByteCursor(file, tail, at + 10);
  let count = eocd.u16('zip entry count');
  let size = eocd.u32('zip directory size');
  let offset = eocd.u32('zip directory offset');
  if (count === 0xffff || offset === 0xffffffff || size === 0xffffffff) {
    const eocdAt = tailStart + at;
    if (eocdAt < 20) throw new ImportError(file, 'zip64 archive without its locator', 'format');
    const loc = new ByteCursor(file, await src.read(eocdAt - 20, 20, 'zip64 locator'));
    if (loc.u32('zip64 locator') !== EOCD64_LOCATOR) {
      throw new ImportError(file, 'zip64 archive without its locator', 'format');
    }
    loc.u32('zip64 disk');
    const recordAt = loc.u64('zip64 record offset');
    const rec = new ByteCursor(file, await src.read(recordAt, 56, 'zip64 record'));
    if (rec.u32('zip64 record') !== EOCD64) throw new ImportError(file, 'bad zip64 record');
    rec.take(20, 'zip64 record');
    rec.u64('zip64 entries on disk');
    count = rec.u64('zip64 entry count');
    size = rec.u64('zip64 directory size');
    offset = rec.u64('zip64 directory offset');
  }
  if (count > IMPORT_LIMITS.maxZipEntries) {
    throw new ImportError(
      file,
      `zip archive declares ${count} entries (at most ${IMPORT_LIMITS.maxZipEntries})`,
      'limit',
    );
  }
  return { count, offset, size };
}

/** The archive's entries by name. */
export async function readZipDirectory(src: ByteSource): Promise<Map<string, ZipEntry>> {
  const file = src.file;
  const dir = await findDirectory(src);
  src.budget.charge(dir.size, 'the zip central directory');
  const c = new ByteCursor(file, await src.read(dir.offset, dir.size, 'zip central directory'));
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < dir.count; i++) {
    if (c.u32('zip central header') !== CENTRAL) {
      throw new ImportError(file, `zip central directory entry ${i} has a bad signature`);
    }
    c.take(4, 'zip versions');
    const flags = c.u16('zip flags');
    const method = c.u16('zip method');
    c.take(4, 'zip time');
    const crc32 = c.u32('zip crc');
    const fields = { compressedSize: c.u32('zip size'), size: c.u32('zip size'), headerOffset: 0 };
    const nameLen = c.u16('zip name length');
    const extraLen = c.u16('zip extra length');
    const commentLen = c.u16('zip comment length');
    c.take(8, 'zip attributes');
    fields.headerOffset = c.u32('zip local offset');
    const rawName = c.take(nameLen, 'zip entry name');
    const name =
      flags & 0x800 ? importUtf8(file, rawName, 'zip entry name') : decodeLatin1(rawName);
    zip64Sizes(file, c.take(extraLen, 'zip extra'), fields);
    c.take(commentLen, 'zip comment');
    if (flags & 1) throw new ImportError(file, `zip entry ${name} is encrypted`, 'unsupported');
    if (method !== 0 && method !== 8) {
      throw new ImportError(
        file,
        `zip entry ${name} uses compression method ${method}`,
        'unsupported',
      );
    }
    entries.set(name, { name, method, crc32, ...fields });
  }
  return entries;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 of `bytes` continuing from `crc` (0 to start). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Offset of the entry's data, past its local header (checked to lie in the file). */
async function dataStart(src: ByteSource, e: ZipEntry): Promise<number> {
  const head = await src.read(e.headerOffset, 30, `zip local header of ${e.name}`);
  const c = new ByteCursor(src.file, head);
  if (c.u32('zip local header') !== LOCAL) {
    throw new ImportError(src.file, `zip entry ${e.name}: bad local header`, 'format');
  }
  c.take(22, 'zip local header');
  const start = e.headerOffset + 30 + c.u16('zip name length') + c.u16('zip extra length');
  src.check(start, e.compressedSize, `zip entry ${e.name}`);
  return start;
}

/** Inflated chunks of a deflated entry, never past its declared size. */
async function* inflate(src: ByteSource, e: ZipEntry, start: number): AsyncGenerator<Uint8Array> {
  const ratio = e.size / Math.max(1, e.compressedSize);
  if (e.size > RATIO_FREE_BYTES && ratio > IMPORT_LIMITS.maxCompressionRatio) {
    throw new ImportError(
      src.file,
      `zip entry ${e.name} declares ${describeBytes(e.size)} from ${describeBytes(e.compressedSize)} ` +
        `(ratio ${Math.round(ratio)}, at most ${IMPORT_LIMITS.maxCompressionRatio}): a zip bomb? nothing was inflated`,
      'limit',
    );
  }
  const stream = src
    .stream(start, e.compressedSize, `zip entry ${e.name}`)
    .pipeThrough(
      new DecompressionStream('deflate-raw') as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
  const reader = stream.getReader();
  let total = 0;
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch {
        throw new ImportError(src.file, `zip entry ${e.name}: corrupt deflate data`, 'truncated');
      }
      if (step.done) break;
      total += step.value.length;
      if (total > e.size) {
        throw new ImportError(
          src.file,
          `zip entry ${e.name} inflates past its declared ${e.size} bytes`,
          'limit',
        );
      }
      yield step.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * The entry's uncompressed bytes in chunks, in order; its size and CRC-32 are checked once the
 * last chunk has passed (a consumer that stops early has read a prefix, which is all it wanted).
 */
export async function* zipEntryChunks(src: ByteSource, e: ZipEntry): AsyncGenerator<Uint8Array> {
  const start = await dataStart(src, e);
  if (e.method === 0 && e.size !== e.compressedSize) {
    throw new ImportError(src.file, `stored zip entry ${e.name} has two sizes`, 'format');
  }
  const chunks =
    e.method === 0 ? src.chunks(start, e.size, `zip entry ${e.name}`) : inflate(src, e, start);
  let crc = 0;
  let total = 0;
  for await (const chunk of chunks) {
    crc = crc32(chunk, crc);
    total += chunk.length;
    yield chunk;
  }
  if (total !== e.size) {
    throw new ImportError(
      src.file,
      `zip entry ${e.name} inflates to ${total} bytes, not ${e.size}`,
      'truncated',
    );
  }
  if (crc !== e.crc32) {
    throw new ImportError(src.file, `zip entry ${e.name} fails its CRC-32 check`, 'truncated');
  }
}

/**
 * A whole entry in memory (a pickle, a byteorder note, a storage read as a whole), refused above
 * `maxBytes`; inflated bytes count against the file's decoded-bytes budget.
 */
export async function readZipEntry(
  src: ByteSource,
  e: ZipEntry,
  maxBytes: number,
): Promise<Uint8Array> {
  if (e.size > maxBytes) {
    throw new ImportError(
      src.file,
      `zip entry ${e.name} declares ${describeBytes(e.size)} (at most ${describeBytes(maxBytes)})`,
      'limit',
    );
  }
  if (e.method !== 0) src.budget.charge(e.size, `zip entry ${e.name}`);
  const out = new Uint8Array(e.size);
  let at = 0;
  for await (const chunk of zipEntryChunks(src, e)) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
