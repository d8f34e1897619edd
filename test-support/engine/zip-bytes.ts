// Test support: a zip archive written byte by byte (local headers, data, central directory, end
// record; no zip64), from entries whose data is given as stored or already deflated, with sizes
// and CRC as given: so a test can declare any size, honest or not.
import { crc32 } from '../../src/engine/import/zip';
import { cat, enc, u16, u32 } from './pickle-bytes';

export interface ZipBytesEntry {
  readonly name: string;
  /** The entry's data as it sits in the archive (deflated when method is 8). */
  readonly data: Uint8Array;
  readonly method?: 0 | 8;
  /** Declared uncompressed size (default: data's length). */
  readonly size?: number;
  /** Declared CRC-32 (default: of data, right for stored entries). */
  readonly crc?: number;
}

/** What an entry's headers declare. */
export interface EntryHead {
  readonly name: string;
  readonly method: number;
  readonly size: number;
  readonly compressed: number;
  readonly crc: number;
}

/** The fields local and central headers share: method, time, CRC, sizes, name and extra lengths. */
const entryFields = (h: EntryHead) =>
  cat(
    u16(h.method),
    u32(0),
    u32(h.crc),
    u32(h.compressed),
    u32(h.size),
    u16(enc.encode(h.name).length),
    u16(0),
  );

/** An entry's local header. */
export const localHeader = (h: EntryHead): Uint8Array =>
  cat(u32(0x04034b50), u16(20), u16(0x800), entryFields(h), enc.encode(h.name));

/** An entry's central-directory record, its local header at `offset`. */
export const centralRecord = (h: EntryHead, offset: number): Uint8Array =>
  cat(
    u32(0x02014b50),
    u16(20),
    u16(20),
    u16(0x800),
    entryFields(h),
    u16(0),
    u32(0),
    u32(0),
    u32(offset),
    enc.encode(h.name),
  );

/** The end-of-central-directory record of `count` entries. */
export function endRecord(count: number, dirBytes: number, dirOffset: number): Uint8Array {
  return cat(
    u32(0x06054b50),
    u32(0),
    u16(count),
    u16(count),
    u32(dirBytes),
    u32(dirOffset),
    u16(0),
  );
}

export function zipBytes(entries: readonly ZipBytesEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const head = {
      name: e.name,
      method: e.method ?? 0,
      size: e.size ?? e.data.length,
      compressed: e.data.length,
      crc: e.crc ?? crc32(e.data),
    };
    const local = cat(localHeader(head), e.data);
    centrals.push(centralRecord(head, offset));
    locals.push(local);
    offset += local.length;
  }
  const dir = cat(...centrals);
  return cat(...locals, dir, endRecord(entries.length, dir.length, offset));
}

/** A torch.save zip archive: `archive/data.pkl`, `archive/byteorder` and each storage. */
export function torchZipBytes(
  pickle: Uint8Array,
  storages: [string, Uint8Array][] = [],
): Uint8Array {
  return zipBytes([
    { name: 'archive/data.pkl', data: pickle },
    { name: 'archive/byteorder', data: enc.encode('little') },
    ...storages.map(([key, data]) => ({ name: `archive/data/${key}`, data })),
  ]);
}
