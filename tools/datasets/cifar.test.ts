// Tests of the CIFAR-10 binary importer on batch files written here: exact CHW→HWC conversion,
// class names from batches.meta.txt, and the malformed-input errors.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CIFAR10_CLASSES, importCifar10, importCifarBatches, parseBatchesMeta } from './cifar';
import { importError } from '../../test-support/node/import-error';
import { useTempDir } from '../../test-support/node/test-dirs';

const dir = useTempDir('yoco-cifar-');

/** A record whose R, G, B planes hold (seed + p) mod 256, +1, +2 at pixel p. */
function record(label: number, seed: number): Uint8Array {
  const r = new Uint8Array(3073);
  r[0] = label;
  for (let p = 0; p < 1024; p++) {
    r[1 + p] = (seed + p) % 256;
    r[1 + 1024 + p] = (seed + p + 1) % 256;
    r[1 + 2048 + p] = (seed + p + 2) % 256;
  }
  return r;
}

function batch(labels: number[], seed0: number): Uint8Array {
  const out = new Uint8Array(labels.length * 3073);
  labels.forEach((y, i) => out.set(record(y, seed0 + i), i * 3073));
  return out;
}

function writeDataset(root: string, meta?: string): void {
  mkdirSync(root, { recursive: true });
  for (let b = 1; b <= 5; b++)
    writeFileSync(join(root, `data_batch_${b}.bin`), batch([b, b + 1], 10 * b));
  writeFileSync(join(root, 'test_batch.bin'), batch([9, 0, 4], 100));
  if (meta !== undefined) writeFileSync(join(root, 'batches.meta.txt'), meta);
}

describe('importCifar10', () => {
  it('converts CHW records to HWC exactly and keeps file order', async () => {
    const root = join(dir(), 'plain');
    writeDataset(root);
    const ds = await importCifar10(root);
    expect(ds.classes).toEqual(CIFAR10_CLASSES);
    expect(ds.shape).toEqual([32, 32, 3]);
    expect(ds.train.count).toBe(10);
    expect(Array.from(ds.train.labels)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    expect(Array.from(ds.test.labels)).toEqual([9, 0, 4]);
    // Training image 3 is record 1 of batch 2 (seed 21); pixel (row 5, col 7) is p = 167.
    const p = 5 * 32 + 7;
    const at = 3 * 3072 + 3 * p;
    expect(Array.from(ds.train.images.subarray(at, at + 3))).toEqual([
      (21 + p) % 256,
      (22 + p) % 256,
      (23 + p) % 256,
    ]);
    // Every pixel of the last test image.
    const last = ds.test.images.subarray(2 * 3072, 3 * 3072);
    for (let q = 0; q < 1024; q++) {
      expect(last[3 * q]).toBe((102 + q) % 256);
      expect(last[3 * q + 2]).toBe((104 + q) % 256);
    }
  });

  it('reads class names from batches.meta.txt and finds cifar-10-batches-bin', async () => {
    const parent = join(dir(), 'nested');
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    writeDataset(join(parent, 'cifar-10-batches-bin'), names.join('\n') + '\n\n');
    const ds = await importCifar10(parent);
    expect(ds.classes).toEqual(names);
    expect(ds.source.paths[5]).toBe(join(parent, 'cifar-10-batches-bin', 'test_batch.bin'));
    expect(parseBatchesMeta('x\r\ny\n\n')).toEqual(['x', 'y']);
  });

  it('rejects a label out of range for the listed classes', async () => {
    const root = join(dir(), 'few-classes');
    writeDataset(root, 'a\nb\nc\nd\ne\nf\n');
    const e = await importError(importCifar10(root));
    expect(e.file).toBe(join(root, 'data_batch_5.bin'));
    expect(e.message).toMatch(/label 6 in record 1 is out of range \(6 classes\)/);
  });

  it('rejects a truncated batch and a missing batch', async () => {
    const root = join(dir(), 'truncated');
    writeDataset(root);
    const cut = batch([1, 2], 0).subarray(0, 3073 + 100);
    writeFileSync(join(root, 'data_batch_3.bin'), cut);
    const e = await importError(importCifar10(root));
    expect(e.file).toBe(join(root, 'data_batch_3.bin'));
    expect(e.message).toMatch(/1 records and 100 bytes left over/);
    rmSync(join(root, 'data_batch_3.bin'));
    const m = await importError(importCifar10(root));
    expect(m.file).toBe(join(root, 'data_batch_3.bin'));
    expect(m.message).toMatch(/missing/);
  });

  it('rejects an empty batch file', async () => {
    const path = join(dir(), 'empty.bin');
    writeFileSync(path, new Uint8Array(0));
    expect((await importError(importCifarBatches([path]))).message).toMatch(/file is empty/);
  });
});
