// The chunked byte reader the binary importers (IDX, CIFAR-10) share: reads a file sequentially,
// gunzipping it transparently when it starts with the gzip magic bytes 1f 8b (not by its name),
// holding at most one chunk of about 1 MiB besides what the caller copies out.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { errorMessage, ImportError } from '../../src/engine/errors';

const CHUNK = 1 << 20;

/**
 * Sequential reader over a file's bytes, transparently gunzipping when the file starts with the
 * gzip magic. Holds at most one chunk (about 1 MiB) besides what the caller copies out.
 */
export class ByteReader {
  private chunk: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private ended = false;

  private constructor(
    readonly file: string,
    readonly gzip: boolean,
    private readonly iter: AsyncIterator<Buffer>,
    private readonly cleanup: () => void,
  ) {}

  /** Open `file`; errors (missing, empty) are ImportErrors naming it. */
  static async open(file: string): Promise<ByteReader> {
    const head = Buffer.alloc(2);
    let got: number;
    try {
      const fh = await open(file, 'r');
      try {
        got = (await fh.read(head, 0, 2, 0)).bytesRead;
      } finally {
        await fh.close();
      }
    } catch (e) {
      throw new ImportError(file, `cannot read file (${errorMessage(e)})`);
    }
    if (got === 0) throw new ImportError(file, 'file is empty');
    const gzip = got === 2 && head[0] === 0x1f && head[1] === 0x8b;
    const raw = createReadStream(file, { highWaterMark: CHUNK });
    if (!gzip) {
      return new ByteReader(file, false, raw[Symbol.asyncIterator](), () => raw.destroy());
    }
    const gunzip = createGunzip({ chunkSize: CHUNK });
    raw.on('error', (e) => gunzip.destroy(e));
    raw.pipe(gunzip);
    return new ByteReader(file, true, gunzip[Symbol.asyncIterator](), () => {
      raw.destroy();
      gunzip.destroy();
    });
  }

  private async fill(): Promise<boolean> {
    while (this.pos >= this.chunk.length) {
      if (this.ended) return false;
      let r: IteratorResult<Buffer>;
      try {
        r = await this.iter.next();
      } catch (e) {
        this.ended = true;
        throw new ImportError(
          this.file,
          this.gzip
            ? `gzip data is corrupt or truncated (${errorMessage(e)})`
            : `read failed (${errorMessage(e)})`,
        );
      }
      if (r.done) {
        this.ended = true;
        return false;
      }
      this.chunk = r.value;
      this.pos = 0;
    }
    return true;
  }

  /** Copy up to `n` bytes into `dest` at `offset`; returns how many were copied (< n only at end). */
  async read(dest: Uint8Array, n: number, offset = 0): Promise<number> {
    let done = 0;
    while (done < n) {
      if (!(await this.fill())) break;
      const take = Math.min(n - done, this.chunk.length - this.pos);
      dest.set(this.chunk.subarray(this.pos, this.pos + take), offset + done);
      this.pos += take;
      done += take;
    }
    return done;
  }

  /** Count (and discard) the bytes left, up to `limit`. */
  async remaining(limit = Number.MAX_SAFE_INTEGER): Promise<number> {
    let left = 0;
    while (left < limit && (await this.fill())) {
      left += this.chunk.length - this.pos;
      this.pos = this.chunk.length;
    }
    return left;
  }

  close(): void {
    this.cleanup();
  }
}
