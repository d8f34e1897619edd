// Test support: the hostile condensed files of the import limits test, generated in the test (a
// few kilobytes to a few megabytes each) rather than committed: stride-0 tensors whose sum is
// gigabytes, .npz zip bombs that inflate to 1-2 GB (deflate blocks of zeros, repeated), a dict
// of a million keys, a 100,000-deep list built through the memo. Deflate is Node's zlib.
import { constants, deflateRawSync } from 'node:zlib';
import { PROTO2, STOP, cat, cOrderNpy, npyBytes, tensorOps, u32 } from '../engine/pickle-bytes';
import { torchZipBytes, zipBytes } from '../engine/zip-bytes';

/** A torch zip whose pickle is a list of `count` stride-0 views of 2^log2 elements on one float. */
export function strideZeroTensors(count: number, log2: number): Uint8Array {
  const views = Array.from({ length: count }, () => tensorOps('0', 1, [2 ** log2], [0]));
  const pickle = cat(PROTO2, ']', '(', ...views, 'e', STOP);
  return torchZipBytes(pickle, [['0', new Uint8Array(4)]]);
}

const MB = 2 ** 20;

/**
 * A raw deflate stream that inflates to `head` then `zeroMegabytes` MB of zeros: one flushed
 * block of 1 MB of zeros (about 1 KB) repeated, so a gigabyte costs a megabyte and no gigabyte is
 * ever held here.
 */
export function zeroBomb(head: Uint8Array, zeroMegabytes: number): Uint8Array {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const first = deflateRawSync(head, flush);
  const block = deflateRawSync(new Uint8Array(MB), flush);
  const end = deflateRawSync(new Uint8Array(0));
  return cat(first, ...Array.from({ length: zeroMegabytes }, () => block), end);
}

/** A stored `labels.npy` of `n` int64 class indices (i % 10), so only the images are hostile. */
const labelsMember = (n = 10) => ({
  name: 'labels.npy',
  data: cOrderNpy(
    '<i8',
    [n],
    BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 10)),
  ),
});

/** An .npz whose `images.npy` declares and inflates to its header and `zeroMegabytes` MB of zeros. */
export function npzBomb(descr: string, zeroMegabytes: number): Uint8Array {
  const count = Math.floor((zeroMegabytes * MB) / Number(descr.slice(2)));
  const head = cOrderNpy(descr, [count]);
  const data = zeroBomb(head, zeroMegabytes);
  return zipBytes([
    { name: 'images.npy', data, method: 8, size: head.length + zeroMegabytes * MB, crc: 0 },
    labelsMember(),
  ]);
}

/**
 * An .npz whose `images.npy` declares a 1,000-element array and 512 KB, but inflates to
 * `zeroMegabytes` MB: the inflater must stop at the declared size.
 */
export function npzLyingSize(zeroMegabytes: number): Uint8Array {
  const data = zeroBomb(cOrderNpy('<f4', [1000]), zeroMegabytes);
  return zipBytes([
    { name: 'images.npy', data, method: 8, size: 512 * 1024, crc: 0 },
    labelsMember(),
  ]);
}

/** A valid KIP .npz: `n` 28×28×1 images (class i % 10) and an unused `extra` member, a bomb. */
export function kipWithBomb(n: number): Uint8Array {
  const images = new Float32Array(n * 28 * 28).map((_, i) => ((i % 97) / 97 - 0.3) * 2);
  const labels = BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 10));
  const bomb = zeroBomb(cOrderNpy('<f4', [2 ** 28]), 1024);
  return zipBytes([
    {
      name: 'images.npy',
      data: cOrderNpy('<f4', [n, 28, 28, 1], images),
    },
    {
      name: 'labels.npy',
      data: cOrderNpy('<i8', [n], labels),
    },
    { name: 'extra.npy', data: bomb, method: 8, size: 2 ** 30 + 128, crc: 0 },
  ]);
}

/** A .npz holding one stored .npy whose header declares `shape` of `descr` over no data. */
export function npzLyingHeader(descr: string, shape: readonly number[]): Uint8Array {
  return zipBytes([{ name: 'images.npy', data: cOrderNpy(descr, shape) }, labelsMember()]);
}

/** Bytes from `count` repetitions of `part(i)`, written into one buffer (no spread of a million). */
function repeated(count: number, width: number, part: (i: number) => Uint8Array): Uint8Array {
  const out = new Uint8Array(count * width);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const p = part(i);
    out.set(p, at);
    at += p.length;
  }
  return out.subarray(0, at);
}

/**
 * A torch zip whose pickle is a dict of `keys` string keys (SHORT_BINUNICODE) to small ints,
 * filled 1,000 pairs per SETITEMS as Python's pickler batches them.
 */
export function manyKeys(keys: number): Uint8Array {
  const items = repeated(keys, 17, (i) => {
    const key = `k${i}`;
    const pair = cat([0x8c, key.length], key, [0x4b, i & 255]);
    const open = i % 1000 === 0 ? '(' : '';
    const close = i % 1000 === 999 || i === keys - 1 ? 'u' : '';
    return cat(open, pair, close);
  });
  return torchZipBytes(cat(PROTO2, '}', items, STOP));
}

/** A torch zip whose pickle nests `depth` lists, each put into its parent before it is filled. */
export function deepThroughMemo(depth: number): Uint8Array {
  // LONG_BINGET i, EMPTY_LIST, LONG_BINPUT i+1, APPEND (into L_i), POP L_i
  const levels = repeated(depth, 13, (i) =>
    cat([0x6a, ...u32(i)], ']', [0x72, ...u32(i + 1)], 'a0'),
  );
  return torchZipBytes(cat(PROTO2, ']', [0x72, ...u32(0)], levels, STOP));
}

/** An .npy header that names fortran_order twice (False, then True), in an .npz. */
export function duplicateHeaderKey(): Uint8Array {
  const values = new Float32Array(2 * 28 * 28).fill(0.5);
  const header =
    "{'descr': '<f4', 'fortran_order': False, 'fortran_order': True, 'shape': (2, 28, 28, 1), }";
  return zipBytes([
    { name: 'images.npy', data: npyBytes(header, values) },
    {
      name: 'labels.npy',
      data: cOrderNpy('<i8', [2], new BigInt64Array(2)),
    },
  ]);
}
