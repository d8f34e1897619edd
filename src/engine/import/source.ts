// A file the importer reads in byte ranges (a Blob: a browser File, Node's fs.openAsBlob, or bytes
// wrapped in a Blob), never whole: the pickle and the zip directory are small and read at once,
// tensors are streamed in chunks straight into their float32 or float64 arrays. Every range is
// checked against the file's size first, so a lying offset or length is a 'truncated' error that
// names the file and what was being read.
import { DecodeBudget } from './budget';
import { checkRange } from './cursor';
import type { CondensedFile } from './types';

/** Bytes read per range when streaming: a multiple of every element size. */
export const CHUNK_BYTES = 4 * 2 ** 20;

export class ByteSource {
  readonly size: number;
  readonly budget: DecodeBudget;

  constructor(
    readonly file: string,
    private readonly blob: Blob,
  ) {
    this.size = blob.size;
    this.budget = DecodeBudget.forFile(file, blob.size);
  }

  static of(f: CondensedFile): ByteSource {
    return new ByteSource(f.name, f.blob);
  }

  /** Fail unless `length` bytes exist from `offset` on. */
  check(offset: number, length: number, what: string): void {
    checkRange(this.file, this.size, offset, length, what);
  }

  /** `length` bytes from `offset` (checked first). */
  async read(offset: number, length: number, what: string): Promise<Uint8Array> {
    this.check(offset, length, what);
    return new Uint8Array(await this.blob.slice(offset, offset + length).arrayBuffer());
  }

  /** Up to `length` bytes from `offset`: fewer where the file ends. */
  async readUpTo(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    return new Uint8Array(await this.blob.slice(Math.min(offset, end), end).arrayBuffer());
  }

  /** The range as CHUNK_BYTES pieces (checked first). */
  async *chunks(offset: number, length: number, what: string): AsyncGenerator<Uint8Array> {
    this.check(offset, length, what);
    for (let at = 0; at < length; at += CHUNK_BYTES) {
      const n = Math.min(CHUNK_BYTES, length - at);
      yield new Uint8Array(await this.blob.slice(offset + at, offset + at + n).arrayBuffer());
    }
  }

  /** The range as a stream (for DecompressionStream). */
  stream(offset: number, length: number, what: string): ReadableStream<Uint8Array> {
    this.check(offset, length, what);
    return this.blob.slice(offset, offset + length).stream();
  }
}
