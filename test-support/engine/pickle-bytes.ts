// Test support: pickles, torch.save files and .npy arrays built byte by byte (never by Python), so
// the readers' tests can make valid, odd and hostile inputs of any shape: opcodes as ASCII,
// little-endian integers, a torch tensor rebuild, the legacy torch.save framing.
export const enc = new TextEncoder();

/** Concatenate opcode strings (byte for byte), byte arrays and number lists. */
export const cat = (...parts: (Uint8Array | readonly number[] | string)[]): Uint8Array => {
  const arrays = parts.map((p) =>
    typeof p === 'string'
      ? Uint8Array.from(p, (ch) => ch.charCodeAt(0))
      : p instanceof Uint8Array
        ? p
        : Uint8Array.from(p),
  );
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};

export const u16 = (n: number) => [n & 255, (n >>> 8) & 255];
export const u32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
export const u64 = (n: number) => [...u32(n % 2 ** 32), ...u32(Math.floor(n / 2 ** 32))];
/** BINUNICODE. */
export const str = (s: string) => cat([0x58, ...u32(enc.encode(s).length)], s);
/** BININT. */
export const int = (n: number) => [0x4a, ...u32(n >>> 0)];
/** A tuple of BININTs (MARK … TUPLE). */
export const tuple = (xs: readonly number[]) => cat('(', ...xs.map((x) => cat(int(x))), 't');
export const PROTO2 = [0x80, 2];
export const STOP = '.';

/** `torch._utils._rebuild_tensor_v2` of a storage `key` of `numel`: the opcodes that push it. */
export function tensorOps(
  key: string,
  numel: number,
  size: readonly number[],
  stride: readonly number[],
  offset = 0,
  storageType = 'FloatStorage',
): Uint8Array {
  return cat(
    'ctorch._utils\n_rebuild_tensor_v2\n(',
    cat('(', str('storage'), `ctorch\n${storageType}\n`, str(key), str('cpu'), int(numel), 'tQ'),
    int(offset),
    tuple(size),
    tuple(stride),
    '\x89ccollections\nOrderedDict\n)R',
    'tR',
  );
}

/** A legacy torch.save file: its object pickle (`main`), then the storages by key, in order. */
export function legacyTorchFile(main: Uint8Array, storages: [string, Float32Array][]): Uint8Array {
  const magic = cat(
    PROTO2,
    [0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19],
    STOP,
  );
  const protocol = cat(PROTO2, [0x4d, 0xe9, 0x03], STOP);
  const sys = cat(PROTO2, '}(', str('little_endian'), '\x88u', STOP);
  const keys = cat(PROTO2, '(', ...storages.map(([k]) => str(k)), 'l', STOP);
  const data = storages.map(([, values]) =>
    cat(u64(values.length), new Uint8Array(values.buffer, values.byteOffset, values.byteLength)),
  );
  return cat(magic, protocol, sys, main, keys, ...data);
}

/** One .npy file: the header dict text as given, then the raw bytes of `data`. */
export function npyBytes(header: string, data: ArrayBufferView): Uint8Array {
  const text = enc.encode(`${header}\n`);
  return cat(
    [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, ...u16(text.length)],
    text,
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  );
}

/** A C-order .npy of `data` with the header NumPy writes for `descr` and `shape`. */
export function cOrderNpy(
  descr: string,
  shape: readonly number[],
  data: ArrayBufferView = new Uint8Array(0),
): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  return npyBytes(`{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`, data);
}
