// A small zip reader for the archives condensed sets come in: torch.save's zip format (PyTorch ≥ 1.6,
// every entry stored) and NumPy's .npz (stored, or deflated by savez_compressed). It reads the
// central directory (zip64 included), finds each entry's data through its local header, and checks
// sizes and the CRC-32, so a truncated or altered archive is a named error. Deflate goes through
// DecompressionStream('deflate-raw'), which browsers and Node ≥ 18 have: no dependency, no Node API.
import { ImportError } from '../errors';
import { ByteCursor, decodeLatin1, decodeUtf8 } from './cursor';
import { IMPORT_LIMITS } from './limits';

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

/** True when `bytes` starts like a zip archive (a local file header). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  );
}

function findEocd(file: string, bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw new ImportError(
    file,
    'truncated or not a zip archive: no end-of-central-directory record',
    'truncated',
  );
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

/** The archive's entries by name. */
export function readZipDirectory(file: string, bytes: Uint8Array): Map<string, ZipEntry> {
  const eocdAt = findEocd(file, bytes);
  const eocd = new ByteCursor(file, bytes, eocdAt + 10);
  let count = eocd.u16('zip entry count');
  eocd.u32('zip directory size');
  let dirOffset = eocd.u32('zip directory offset');
  if (count === 0xffff || dirOffset === 0xffffffff) {
    const loc = new ByteCursor(file, bytes, Math.max(0, eocdAt - 20));
    if (eocdAt < 20 || loc.u32('zip64 locator') !== EOCD64_LOCATOR) {
      throw new ImportError(file, 'zip64 archive without its locator', 'format');
    }
    loc.u32('zip64 disk');
    const rec = new ByteCursor(file, bytes, loc.u64('zip64 record offset'));
    if (rec.u32('zip64 record') !== EOCD64) throw new ImportError(file, 'bad zip64 record');
    rec.take(20, 'zip64 record');
    rec.u64('zip64 entries on disk');
    count = rec.u64('zip64 entry count');
    rec.u64('zip64 directory size');
    dirOffset = rec.u64('zip64 directory offset');
  }
  if (count > IMPORT_LIMITS.maxZipEntries) {
    throw new ImportError(file, `zip archive declares ${count} entries`, 'limit');
  }
  const c = new ByteCursor(file, bytes, dirOffset);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
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
      flags & 0x800 ? decodeUtf8(file, rawName, 'zip entry name') : decodeLatin1(rawName);
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

export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

async function inflateRaw(
  file: string,
  name: string,
  data: Uint8Array,
  size: number,
): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let at = 0;
  const stream = new Blob([data.slice()])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.length > size) {
        throw new ImportError(
          file,
          `zip entry ${name} inflates past its declared ${size} bytes`,
          'limit',
        );
      }
      out.set(value, at);
      at += value.length;
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(file, `zip entry ${name}: corrupt deflate data`, 'truncated');
  } finally {
    reader.releaseLock();
  }
  if (at !== size)
    throw new ImportError(
      file,
      `zip entry ${name} inflates to ${at} bytes, not ${size}`,
      'truncated',
    );
  return out;
}

/** The entry's uncompressed bytes (a view into `bytes` when stored), CRC-checked. */
export async function readZipEntry(
  file: string,
  bytes: Uint8Array,
  e: ZipEntry,
): Promise<Uint8Array> {
  if (e.size > IMPORT_LIMITS.maxFileBytes) {
    throw new ImportError(file, `zip entry ${e.name} declares ${e.size} bytes`, 'limit');
  }
  const c = new ByteCursor(file, bytes, e.headerOffset);
  c.need(30, `zip local header of ${e.name}`);
  if (c.u32('zip local header') !== LOCAL) {
    throw new ImportError(file, `zip entry ${e.name}: bad local header`, 'format');
  }
  c.take(22, 'zip local header');
  const skip = c.u16('zip name length') + c.u16('zip extra length');
  c.take(skip, 'zip local name');
  const raw = c.take(e.compressedSize, `zip entry ${e.name}`);
  if (e.method === 0 && e.size !== e.compressedSize) {
    throw new ImportError(file, `stored zip entry ${e.name} has two sizes`, 'format');
  }
  const data = e.method === 0 ? raw : await inflateRaw(file, e.name, raw, e.size);
  if (crc32(data) !== e.crc32) {
    throw new ImportError(file, `zip entry ${e.name} fails its CRC-32 check`, 'truncated');
  }
  return data;
}
