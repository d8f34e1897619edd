// torch.save files, read without Python: the zip format (PyTorch ≥ 1.6: <prefix>/data.pkl and one
// stored entry <prefix>/data/<key> per storage) and the legacy format (a run of pickles: magic
// number, protocol version, system info, the object with persistent ids, the storage keys, then
// each storage's raw bytes after an 8-byte element count). The object pickle is read with the
// whitelist of torch-globals.ts, which charges every tensor's materialised size to the file's
// decoded-bytes budget as it is declared. Storages are read only for the tensors asked for
// (`fill`), in ranges: a contiguous tensor streams straight into its array.
import { ImportError } from '../errors';
import { ByteCursor } from './cursor';
import { ElementWriter } from './element-writer';
import { IMPORT_LIMITS } from './limits';
import { ELEMENT_BYTES, contiguousStrides, gather } from './ndarray';
import { unpickle } from './pickle';
import { PickleDict, type PickleHooks, type PickleValue } from './pickle-types';
import type { ByteSource } from './source';
import { TensorRef, torchGlobals, torchPersistentLoad, type StorageRef } from './torch-globals';
import { looksLikeZip, readZipDirectory, readZipEntry, zipEntryChunks, type ZipEntry } from './zip';

/** torch's legacy magic number and protocol version. */
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;

export interface TorchFile {
  /** The saved object; its tensors are TensorRefs, their `array` set by `fill`. */
  readonly value: PickleValue;
  readonly format: 'zip' | 'legacy';
  /** Every tensor the pickle declares. */
  readonly tensors: readonly TensorRef[];
  /** Read the storages of `tensors` (only those) and set their arrays. */
  fill(tensors: readonly TensorRef[]): Promise<void>;
}

/** Where a storage's bytes are: chunks in order, or all at once, `bytes` long. */
interface StorageBytes {
  readonly bytes: number;
  chunks(): AsyncIterable<Uint8Array>;
  whole(): Promise<Uint8Array>;
}

/** The hooks of the object pickle, and the tensors it rebuilds (filled once storages are read). */
function objectHooks(src: ByteSource): { tensors: TensorRef[]; hooks: PickleHooks } {
  const tensors: TensorRef[] = [];
  const hooks = {
    globals: torchGlobals(src.file, tensors, src.budget),
    persistentLoad: torchPersistentLoad(src.file),
  };
  return { tensors, hooks };
}

const isContiguous = (t: TensorRef): boolean =>
  contiguousStrides(t.shape).every((s, k) => s === t.strides[k] || t.shape[k]! <= 1);

/** Check a storage's bytes against its declared size and fill `views` (tensors of it). */
async function fillStorage(
  src: ByteSource,
  storage: StorageRef,
  views: readonly TensorRef[],
  at: StorageBytes,
): Promise<void> {
  const size = ELEMENT_BYTES[storage.dtype];
  const need = storage.numel * size;
  if (at.bytes < need) {
    throw new ImportError(
      src.file,
      `storage ${storage.key} holds ${at.bytes} bytes but declares ${storage.numel} ${storage.dtype} elements (${need} bytes)`,
      'truncated',
    );
  }
  const what = `a tensor in storage ${storage.key}`;
  const one = views[0]!;
  const n = one.shape.reduce((a, d) => a * d, 1);
  if (views.length === 1 && isContiguous(one) && one.offset + n <= storage.numel && n > 0) {
    // One contiguous view: stream its elements straight into its array.
    const w = new ElementWriter(src.file, what, storage.dtype, true, one.shape, false, null);
    let skip = one.offset * size;
    for await (const chunk of at.chunks()) {
      if (w.full) continue; // drained for the entry's CRC check
      const part = chunk.subarray(Math.min(skip, chunk.length));
      skip -= chunk.length - part.length;
      if (part.length > 0) w.push(part);
    }
    one.array = w.finish();
    return;
  }
  const bytes = (await at.whole()).subarray(0, need);
  for (const t of views) {
    const view = { dtype: storage.dtype, shape: t.shape, strides: t.strides, offset: t.offset };
    t.array = gather(src.file, bytes, { ...view, littleEndian: true }, what);
  }
}

/** Fill `wanted` from storages located by `locate`, one storage at a time. */
async function fillFrom(
  src: ByteSource,
  wanted: readonly TensorRef[],
  locate: (storage: StorageRef) => Promise<StorageBytes>,
): Promise<void> {
  const byStorage = new Map<StorageRef, TensorRef[]>();
  for (const t of new Set(wanted)) {
    if (t.array) continue;
    byStorage.set(t.storage, [...(byStorage.get(t.storage) ?? []), t]);
  }
  for (const [storage, views] of byStorage)
    await fillStorage(src, storage, views, await locate(storage));
}

async function readZipFormat(src: ByteSource): Promise<TorchFile> {
  const file = src.file;
  const entries = await readZipDirectory(src);
  const pkl = [...entries.keys()].filter((n) => /^[^/]+\/data\.pkl$/.test(n));
  if (pkl.length !== 1) {
    throw new ImportError(
      file,
      pkl.length === 0
        ? 'a zip archive without <name>/data.pkl: not a torch.save file (an .npz? use it as KIP)'
        : 'a zip archive with several data.pkl',
      'layout',
    );
  }
  const prefix = pkl[0]!.slice(0, -'data.pkl'.length);
  const order = entries.get(`${prefix}byteorder`);
  if (order && new TextDecoder().decode(await readZipEntry(src, order, 64)).trim() !== 'little') {
    throw new ImportError(
      file,
      'saved on a big-endian machine (byteorder is not little)',
      'unsupported',
    );
  }
  const { tensors, hooks } = objectHooks(src);
  const pickle = await readZipEntry(src, entries.get(pkl[0]!)!, IMPORT_LIMITS.maxPickleBytes);
  const { value } = unpickle(file, pickle, hooks);
  const locate = async (storage: StorageRef): Promise<StorageBytes> => {
    const e: ZipEntry | undefined = entries.get(`${prefix}data/${storage.key}`);
    if (!e) {
      throw new ImportError(
        file,
        `storage ${storage.key} is missing from the archive`,
        'truncated',
      );
    }
    return {
      bytes: e.size,
      chunks: () => zipEntryChunks(src, e),
      whole: () => readZipEntry(src, e, IMPORT_LIMITS.maxFileBytes),
    };
  };
  return { value, format: 'zip', tensors, fill: (wanted) => fillFrom(src, wanted, locate) };
}

async function readLegacyFormat(src: ByteSource, head: Uint8Array): Promise<TorchFile> {
  const file = src.file;
  const plain = { globals: {} };
  if (head[0] !== 0x80) {
    throw new ImportError(
      file,
      'not a torch.save file: neither a zip archive nor a pickle',
      'magic',
    );
  }
  // The pickles come first and are small; the storages after them are read in ranges.
  const bytes = await src.readUpTo(0, IMPORT_LIMITS.maxPickleBytes);
  const magic = unpickle(file, bytes, plain);
  if (magic.value !== LEGACY_MAGIC) {
    throw new ImportError(
      file,
      'a pickle, but not a torch.save file (wrong magic number)',
      'magic',
    );
  }
  const protocol = unpickle(file, bytes, plain, magic.end);
  if (protocol.value !== LEGACY_PROTOCOL) {
    throw new ImportError(
      file,
      `torch legacy protocol ${String(protocol.value)} (expected 1001)`,
      'unsupported',
    );
  }
  const sys = unpickle(file, bytes, plain, protocol.end);
  if (!(sys.value instanceof PickleDict) || sys.value.get('little_endian') !== true) {
    throw new ImportError(
      file,
      'saved on a big-endian machine, or without system info',
      'unsupported',
    );
  }
  const { tensors, hooks } = objectHooks(src);
  const main = unpickle(file, bytes, hooks, sys.end);
  const keys = unpickle(file, bytes, plain, main.end);
  if (!Array.isArray(keys.value) || !keys.value.every((k) => typeof k === 'string')) {
    throw new ImportError(file, 'the storage key list is not a list of strings');
  }
  // Walk the storages once: each is an 8-byte element count, then its elements.
  const byKey = new Map(tensors.map((t) => [t.storage.key, t.storage]));
  const places = new Map<string, { start: number; bytes: number; declared: number }>();
  let at = keys.end;
  for (const key of keys.value as string[]) {
    const storage = byKey.get(key);
    if (!storage) throw new ImportError(file, `storage ${key} is listed but never used`);
    const count = new ByteCursor(file, await src.read(at, 8, `the size of storage ${key}`)).u64(
      `the size of storage ${key}`,
    );
    const declared = count * ELEMENT_BYTES[storage.dtype];
    places.set(key, { start: at + 8, bytes: Math.min(declared, src.size - at - 8), declared });
    at += 8 + declared;
  }
  const locate = async (storage: StorageRef): Promise<StorageBytes> => {
    const place = places.get(storage.key);
    if (!place) throw new ImportError(file, `storage ${storage.key} is missing`, 'truncated');
    if (
      place.bytes < place.declared &&
      place.bytes >= storage.numel * ELEMENT_BYTES[storage.dtype]
    ) {
      throw new ImportError(
        file,
        `truncated: storage ${storage.key} declares ${place.declared / ELEMENT_BYTES[storage.dtype]} elements`,
        'truncated',
      );
    }
    return {
      bytes: place.bytes,
      chunks: () => src.chunks(place.start, place.bytes, `storage ${storage.key}`),
      whole: () => src.read(place.start, place.bytes, `storage ${storage.key}`),
    };
  };
  return {
    value: main.value,
    format: 'legacy',
    tensors,
    fill: (wanted) => fillFrom(src, wanted, locate),
  };
}

/** Read a torch.save file of either format (its tensors' arrays are filled on demand). */
export async function readTorchFile(src: ByteSource): Promise<TorchFile> {
  const head = await src.readUpTo(0, 4);
  return looksLikeZip(head) ? readZipFormat(src) : readLegacyFormat(src, head);
}
