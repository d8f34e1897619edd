// Tests of the IDX importer on small files written here: plain and gzip (detected by magic, not
// name), multi-chunk gzip, four-dimensional images, and every malformed-input error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  FASHION_MNIST_CLASSES,
  importFashionMnist,
  importIdxDataset,
  importIdxPair,
  readIdx,
} from './idx';
import { importError } from '../../test-support/node/import-error';
import { useTempDir } from '../../test-support/node/test-dirs';

const dir = useTempDir('yoco-idx-');

function idx(dims: number[], data: Uint8Array | number[], type = 0x08): Uint8Array {
  const head = new Uint8Array(4 + 4 * dims.length);
  head[2] = type;
  head[3] = dims.length;
  const view = new DataView(head.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(head.length + data.length);
  out.set(head);
  out.set(data, head.length);
  return out;
}

let fileNo = 0;
function write(bytes: Uint8Array, name = `f${fileNo++}.idx`): string {
  const path = join(dir(), name);
  writeFileSync(path, bytes);
  return path;
}

const pixels = Array.from({ length: 3 * 2 * 3 }, (_, i) => (i * 17) % 256);

describe('readIdx / importIdxPair', () => {
  it('reads a plain IDX pair exactly', async () => {
    const images = write(idx([3, 2, 3], pixels));
    const labels = write(idx([3], [2, 0, 9]));
    const split = await importIdxPair(images, labels);
    expect(split.shape).toEqual([2, 3, 1]);
    expect(split.count).toBe(3);
    expect(Array.from(split.images)).toEqual(pixels);
    expect(Array.from(split.labels)).toEqual([2, 0, 9]);
    expect(split.classes).toHaveLength(10);
  });

  it('detects gzip by magic bytes, not by file name', async () => {
    const images = write(gzipSync(idx([3, 2, 3], pixels)), 'images-no-extension');
    const labels = write(gzipSync(idx([3], [1, 1, 0])), 'labels.idx');
    const split = await importIdxPair(images, labels);
    expect(Array.from(split.images)).toEqual(pixels);
    expect(Array.from(split.labels)).toEqual([1, 1, 0]);
  });

  it('streams a gzip file that spans several chunks', async () => {
    const n = 3000;
    const data = new Uint8Array(n * 28 * 28);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    const path = write(gzipSync(idx([n, 28, 28], data)));
    const arr = await readIdx(path);
    expect(arr.dims).toEqual([n, 28, 28]);
    expect(arr.data.length).toBe(data.length);
    expect(Buffer.compare(Buffer.from(arr.data), Buffer.from(data))).toBe(0);
  });

  it('reads N×H×W×C images', async () => {
    const data = Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => i);
    const split = await importIdxPair(write(idx([2, 2, 2, 3], data)), write(idx([2], [3, 4])));
    expect(split.shape).toEqual([2, 2, 3]);
    expect(Array.from(split.images)).toEqual(data);
  });

  it('rejects a bad magic number', async () => {
    const path = write(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]));
    const e = await importError(readIdx(path));
    expect(e.file).toBe(path);
    expect(e.message).toMatch(/bad magic 50 4b 03 04/);
  });

  it('rejects a non-byte data type', async () => {
    const e = await importError(readIdx(write(idx([1], [0, 0, 0, 0], 0x0d))));
    expect(e.message).toMatch(/unsupported IDX data type 0x0d/);
  });

  it('rejects truncated data, plain and gzip', async () => {
    const full = idx([3, 2, 3], pixels);
    const cut = full.subarray(0, full.length - 5);
    let e = await importError(readIdx(write(cut)));
    expect(e.message).toMatch(/truncated: header says 3×2×3 = 18 bytes of data, found only 13/);
    e = await importError(readIdx(write(gzipSync(cut))));
    expect(e.message).toMatch(/found only 13/);
    e = await importError(readIdx(write(full.subarray(0, 10))));
    expect(e.message).toMatch(/header ends before its 3 dimension sizes/);
  });

  it('rejects a corrupt gzip stream', async () => {
    const gz = gzipSync(idx([3, 2, 3], pixels));
    const e = await importError(readIdx(write(gz.subarray(0, gz.length - 12))));
    expect(e.message).toMatch(/gzip data is corrupt or truncated/);
  });

  it('rejects trailing bytes after the data', async () => {
    const e = await importError(readIdx(write(idx([2], [1, 2, 3, 4]))));
    expect(e.message).toMatch(/2 unexpected bytes after the 2 data/);
  });

  it('rejects an empty file and a missing file', async () => {
    const empty = write(new Uint8Array(0));
    expect((await importError(readIdx(empty))).message).toMatch(/file is empty/);
    const missing = join(dir(), 'nope.idx');
    const e = await importError(readIdx(missing));
    expect(e.file).toBe(missing);
    expect(e.message).toMatch(/cannot read file/);
  });

  it('rejects a count mismatch between images and labels', async () => {
    const images = write(idx([3, 2, 3], pixels));
    const labels = write(idx([2], [0, 1]));
    const e = await importError(importIdxPair(images, labels));
    expect(e.file).toBe(labels);
    expect(e.message).toBe(`${labels}: has 2 labels but ${images} has 3 images`);
  });

  it('rejects a label out of range', async () => {
    const labels = write(idx([3], [0, 1, 3]));
    const e = await importError(
      importIdxPair(write(idx([3, 2, 3], pixels)), labels, ['a', 'b', 'c']),
    );
    expect(e.file).toBe(labels);
    expect(e.message).toMatch(/label 3 at index 2 is out of range \(3 classes\)/);
  });

  it('rejects unsupported dimensions', async () => {
    const flat = write(idx([3, 6], pixels));
    expect((await importError(importIdxPair(flat, write(idx([3], [0, 0, 0]))))).message).toMatch(
      /unsupported dimensions 3×6: an images file is N×H×W or N×H×W×C/,
    );
    const twoChannels = write(idx([1, 3, 3, 2], pixels));
    expect((await importError(importIdxPair(twoChannels, write(idx([1], [0]))))).message).toMatch(
      /unsupported channel count 2/,
    );
    const labels2d = write(idx([3, 1], [0, 0, 0]));
    expect(
      (await importError(importIdxPair(write(idx([3, 2, 3], pixels)), labels2d))).message,
    ).toMatch(/a labels file is one-dimensional/);
  });
});

describe('importIdxDataset', () => {
  it('finds the four standard files, gzip or not', async () => {
    const d = mkdtempSync(join(dir(), 'ds-'));
    writeFileSync(join(d, 'train-images-idx3-ubyte.gz'), gzipSync(idx([3, 2, 3], pixels)));
    writeFileSync(join(d, 'train-labels-idx1-ubyte'), idx([3], [9, 8, 7]));
    writeFileSync(join(d, 't10k-images-idx3-ubyte'), idx([1, 2, 3], pixels.slice(0, 6)));
    writeFileSync(join(d, 't10k-labels-idx1-ubyte.gz'), gzipSync(idx([1], [5])));
    const ds = await importFashionMnist(d);
    expect(ds.classes).toEqual(FASHION_MNIST_CLASSES);
    expect(ds.shape).toEqual([2, 3, 1]);
    expect(Array.from(ds.train.labels)).toEqual([9, 8, 7]);
    expect(Array.from(ds.test.images)).toEqual(pixels.slice(0, 6));
    expect(Array.from(ds.test.labels)).toEqual([5]);
    expect(ds.source.license).toBe('MIT');
    expect(ds.source.paths[0]).toBe(join(d, 'train-images-idx3-ubyte.gz'));
  });

  it('names the missing file and rejects a test shape mismatch', async () => {
    const d = mkdtempSync(join(dir(), 'ds-'));
    writeFileSync(join(d, 'train-images-idx3-ubyte'), idx([3, 2, 3], pixels));
    writeFileSync(join(d, 'train-labels-idx1-ubyte'), idx([3], [0, 0, 0]));
    const info = { name: 'x', license: 'x', classes: ['a'] };
    const e = await importError(importIdxDataset(d, info));
    expect(e.file).toBe(join(d, 't10k-images-idx3-ubyte'));
    expect(e.message).toMatch(/missing/);
    writeFileSync(join(d, 't10k-images-idx3-ubyte'), idx([1, 3, 2], pixels.slice(0, 6)));
    writeFileSync(join(d, 't10k-labels-idx1-ubyte'), idx([1], [0]));
    expect((await importError(importIdxDataset(d, info))).message).toMatch(
      /test images are 3×2×1 but training images are 2×3×1/,
    );
  });
});
