// NumPy's .npy format (one array: magic, version, a Python-literal header with `descr`,
// `fortran_order` and `shape`, then the raw elements) and .npz (a zip of .npy files, as KIP's
// published sets come). The header is parsed as data (npy-header.ts), never evaluated; object
// arrays are refused. The elements are decoded as they stream in (element-writer.ts): a member of
// an .npz is inflated chunk by chunk straight into its float32 or float64 array, so no full-size
// raw copy exists, and only the members the layout asks for are ever inflated.
import { ImportError } from '../errors';
import { DecodeBudget } from './budget';
import { decodeLatin1 } from './cursor';
import { ElementWriter } from './element-writer';
import { IMPORT_LIMITS } from './limits';
import type { NdArray } from './ndarray';
import { parseNpyHeader } from './npy-header';
import type { ByteSource } from './source';
import { readZipDirectory, zipEntryChunks } from './zip';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Decodes one .npy from its bytes in any chunking: the header first, then the elements. */
class NpyDecoder {
  private head = new Uint8Array(0);
  private writer: ElementWriter | null = null;

  constructor(
    private readonly file: string,
    private readonly budget: DecodeBudget,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.writer) {
      this.writer.push(chunk);
      return;
    }
    const joined = new Uint8Array(this.head.length + chunk.length);
    joined.set(this.head);
    joined.set(chunk, this.head.length);
    this.head = joined;
    const start = this.headerEnd();
    if (start === null) return;
    this.head = new Uint8Array(0);
    this.writer!.push(joined.subarray(start));
  }

  finish(): NdArray {
    if (!this.writer) this.headerEnd(true);
    return this.writer!.finish();
  }

  /** Parse the header once it is all there (then make the writer): the data's offset, or null. */
  private headerEnd(final = false): number | null {
    const b = this.head;
    const wait = (n: number) => {
      if (!final) return true;
      throw new ImportError(
        this.file,
        `truncated: the .npy file ends inside its first ${n} bytes`,
        'truncated',
      );
    };
    if (MAGIC.some((m, i) => i < b.length && b[i] !== m)) {
      throw new ImportError(this.file, 'not a NumPy .npy file (bad magic)', 'magic');
    }
    if (b.length < 8 && wait(8)) return null;
    const major = b[6]!;
    if (major < 1 || major > 3) {
      throw new ImportError(
        this.file,
        `.npy format version ${major} is not supported`,
        'unsupported',
      );
    }
    const lenBytes = major === 1 ? 2 : 4;
    if (b.length < 8 + lenBytes && wait(8 + lenBytes)) return null;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
    if (headerLen > IMPORT_LIMITS.maxNpyHeader) {
      throw new ImportError(
        this.file,
        `.npy header of ${headerLen} bytes (at most ${IMPORT_LIMITS.maxNpyHeader})`,
        'limit',
      );
    }
    const start = 8 + lenBytes + headerLen;
    if (b.length < start && wait(start)) return null;
    const header = parseNpyHeader(this.file, decodeLatin1(b.subarray(8 + lenBytes, start)).trim());
    this.writer = new ElementWriter(
      this.file,
      'the array',
      header.dtype,
      header.littleEndian,
      header.shape,
      header.fortranOrder,
      this.budget,
    );
    return start;
  }
}

/** One .npy file in memory as an array (its decoded size charged to `budget`). */
export function parseNpy(
  file: string,
  bytes: Uint8Array,
  budget = DecodeBudget.forFile(file, bytes.length),
): NdArray {
  const d = new NpyDecoder(file, budget);
  d.push(bytes);
  return d.finish();
}

/** An .npz archive: its array names (without `.npy`), and a loader that decodes one of them. */
export interface Npz {
  readonly names: readonly string[];
  load(name: string): Promise<NdArray>;
}

export async function openNpz(src: ByteSource): Promise<Npz> {
  const entries = new Map(
    [...(await readZipDirectory(src)).values()]
      .filter((e) => e.name.endsWith('.npy'))
      .map((e) => [e.name.slice(0, -4), e]),
  );
  if (entries.size === 0) {
    throw new ImportError(src.file, 'the .npz archive holds no .npy arrays', 'layout');
  }
  return {
    names: [...entries.keys()],
    async load(name) {
      const entry = entries.get(name)!;
      const d = new NpyDecoder(`${src.file}:${entry.name}`, src.budget);
      for await (const chunk of zipEntryChunks(src, entry)) d.push(chunk);
      return d.finish();
    },
  };
}
