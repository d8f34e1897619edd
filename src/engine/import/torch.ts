// torch.save files, read without Python: the zip format (PyTorch ≥ 1.6: <prefix>/data.pkl and one
// stored entry <prefix>/data/<key> per storage) and the legacy format (a run of pickles: magic
// number, protocol version, system info, the object with persistent ids, the storage keys, then
// each storage's raw bytes after an 8-byte element count). The object pickle is read with the
// whitelist of torch-globals.ts; every tensor in it ends up with its `array` filled.
import { ImportError } from '../errors';
import { ByteCursor } from './cursor';
import { ELEMENT_BYTES } from './ndarray';
import { unpickle } from './pickle';
import { PickleDict, type PickleHooks, type PickleValue } from './pickle-types';
import { TensorRef, torchGlobals, torchPersistentLoad, type StorageRef } from './torch-globals';
import { looksLikeZip, readZipDirectory, readZipEntry } from './zip';

/** torch's legacy magic number and protocol version. */
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;

export interface TorchFile {
  /** The saved object; its tensors are TensorRefs with `array` set. */
  readonly value: PickleValue;
  readonly format: 'zip' | 'legacy';
}

/** The hooks of the object pickle, and the tensors it rebuilds (filled once storages are read). */
function objectHooks(file: string): { tensors: TensorRef[]; hooks: PickleHooks } {
  const tensors: TensorRef[] = [];
  const hooks = { globals: torchGlobals(file, tensors), persistentLoad: torchPersistentLoad(file) };
  return { tensors, hooks };
}

/** Check a storage's bytes against its declared size and fill the tensors that view it. */
function fillTensors(
  file: string,
  tensors: readonly TensorRef[],
  storage: StorageRef,
  bytes: Uint8Array,
): void {
  const need = storage.numel * ELEMENT_BYTES[storage.dtype];
  if (bytes.length < need) {
    throw new ImportError(
      file,
      `storage ${storage.key} holds ${bytes.length} bytes but declares ${storage.numel} ${storage.dtype} elements (${need} bytes)`,
      'truncated',
    );
  }
  for (const t of tensors) {
    if (t.storage === storage) t.fill(file, bytes, `a tensor in storage ${storage.key}`);
  }
}

async function readZipFormat(file: string, bytes: Uint8Array): Promise<TorchFile> {
  const entries = readZipDirectory(file, bytes);
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
  const get = async (name: string): Promise<Uint8Array | undefined> => {
    const e = entries.get(prefix + name);
    return e && readZipEntry(file, bytes, e);
  };
  const order = await get('byteorder');
  if (order && new TextDecoder().decode(order).trim() !== 'little') {
    throw new ImportError(
      file,
      'saved on a big-endian machine (byteorder is not little)',
      'unsupported',
    );
  }
  const { tensors, hooks } = objectHooks(file);
  const { value } = unpickle(file, (await get('data.pkl'))!, hooks);
  for (const storage of new Set(tensors.map((t) => t.storage))) {
    const data = await get(`data/${storage.key}`);
    if (!data)
      throw new ImportError(
        file,
        `storage ${storage.key} is missing from the archive`,
        'truncated',
      );
    fillTensors(file, tensors, storage, data);
  }
  return { value, format: 'zip' };
}

function readLegacyFormat(file: string, bytes: Uint8Array): TorchFile {
  const plain = { globals: {} };
  if (bytes[0] !== 0x80) {
    throw new ImportError(
      file,
      'not a torch.save file: neither a zip archive nor a pickle',
      'magic',
    );
  }
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
  const { tensors, hooks } = objectHooks(file);
  const main = unpickle(file, bytes, hooks, sys.end);
  const keys = unpickle(file, bytes, plain, main.end);
  if (!Array.isArray(keys.value) || !keys.value.every((k) => typeof k === 'string')) {
    throw new ImportError(file, 'the storage key list is not a list of strings');
  }
  const byKey = new Map(tensors.map((t) => [t.storage.key, t.storage]));
  const c = new ByteCursor(file, bytes, keys.end);
  for (const key of keys.value as string[]) {
    const storage = byKey.get(key);
    if (!storage) throw new ImportError(file, `storage ${key} is listed but never used`);
    const count = c.u64(`the size of storage ${key}`);
    const size = ELEMENT_BYTES[storage.dtype];
    const data = c.take(Math.min(count * size, c.remaining), `storage ${key}`);
    fillTensors(file, tensors, storage, data.subarray(0, Math.floor(data.length / size) * size));
    if (count * size > data.length) {
      throw new ImportError(
        file,
        `truncated: storage ${key} declares ${count} elements`,
        'truncated',
      );
    }
  }
  const unread = tensors.find((t) => t.array === undefined);
  if (unread) throw new ImportError(file, `storage ${unread.storage.key} is missing`, 'truncated');
  return { value: main.value, format: 'legacy' };
}

/** Read a torch.save file of either format. */
export async function readTorchFile(file: string, bytes: Uint8Array): Promise<TorchFile> {
  return looksLikeZip(bytes) ? readZipFormat(file, bytes) : readLegacyFormat(file, bytes);
}
