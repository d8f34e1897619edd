// A bounded reader over a file's bytes for the condensed-set readers: every read says how many
// bytes it needs and fails with a 'truncated' ImportError naming the file when they are not there,
// so no declared length is trusted before it is checked against the bytes available (`checkRange`,
// which the ranged reader of source.ts uses too).
import { ImportError } from '../errors';
import { decodeUtf8 } from '../utf8';

/**
 * Fails unless `length` bytes exist at `offset` of a file's `size` bytes (offset and length may
 * come from the file): a 'format' ImportError when either is not a safe integer ≥ 0, else a
 * 'truncated' one naming what was being read and where. Shared by ByteCursor and ByteSource.
 */
export function checkRange(
  file: string,
  size: number,
  offset: number,
  length: number,
  what: string,
): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new ImportError(file, `${what}: invalid range ${offset}+${length}`, 'format');
  }
  if (offset > size) {
    throw new ImportError(
      file,
      `truncated: ${what} starts at offset ${offset}, past the end of the ${size} bytes`,
      'truncated',
    );
  }
  if (length > size - offset) {
    throw new ImportError(
      file,
      `truncated: ${what} needs ${length} bytes at offset ${offset}, only ${size - offset} left`,
      'truncated',
    );
  }
}

export class ByteCursor {
  private readonly view: DataView;
  pos: number;

  constructor(
    readonly file: string,
    readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Fail unless `n` more bytes exist (n may come from the file: checked before any allocation). */
  need(n: number, what: string): void {
    checkRange(this.file, this.bytes.length, this.pos, n, what);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  /** A fixed-size number read by `get` at the current position. */
  private num(n: number, what: string, get: (at: number) => number): number {
    this.need(n, what);
    const v = get(this.pos);
    this.pos += n;
    return v;
  }

  u16(what: string): number {
    return this.num(2, what, (at) => this.view.getUint16(at, true));
  }

  u32(what: string): number {
    return this.num(4, what, (at) => this.view.getUint32(at, true));
  }

  i32(what: string): number {
    return this.num(4, what, (at) => this.view.getInt32(at, true));
  }

  /** A little-endian unsigned 64-bit count, which must be a safe integer. */
  u64(what: string): number {
    this.need(8, what);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new ImportError(this.file, `${what}: ${v} is too large`, 'limit');
    }
    return Number(v);
  }

  /** Big-endian float64 (pickle BINFLOAT). */
  f64be(what: string): number {
    return this.num(8, what, (at) => this.view.getFloat64(at, false));
  }

  /** The next `n` bytes as a view (no copy). */
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

const latin1 = new TextDecoder('latin1');

/** Strict UTF-8 (utf8.ts): a malformed string is a 'format' ImportError naming the file. */
export function importUtf8(file: string, bytes: Uint8Array, what: string): string {
  return decodeUtf8(bytes, () => new ImportError(file, `${what} is not valid UTF-8`, 'format'));
}

/** Bytes as Latin-1 text (Python 2 strings, zip names without the UTF-8 flag, .npy headers). */
export function decodeLatin1(bytes: Uint8Array): string {
  return latin1.decode(bytes);
}
