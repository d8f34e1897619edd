// Tests of the image-folder importer on PNG and JPEG files written here: exact pixels, sorted
// classes, grey vs colour channel choice, alpha dropped, and the errors for odd sizes, unknown
// test classes, undecodable files and empty folders.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { importImageFolder } from './image-folder';
import { detectFormat, importDataset } from '.';
import { importError } from '../../test-support/node/import-error';
import { useTempDir } from '../../test-support/node/test-dirs';

const dir = useTempDir('yoco-folder-');

/** Write an RGBA PNG; `px(x, y)` gives [r, g, b, a]. */
function png(
  path: string,
  w: number,
  h: number,
  px: (x: number, y: number) => number[],
  colorType = 6,
): void {
  const img = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) img.data.set(px(x, y), 4 * (y * w + x));
  }
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, PNG.sync.write(img, { colorType: colorType as 0 | 2 | 4 | 6 }));
}

const colour = (seed: number) => (x: number, y: number) => [seed + x, 10 * y, seed + x + y, 128];
const grey = (seed: number) => (x: number, y: number) => {
  const v = seed + 3 * x + 5 * y;
  return [v, v, v, 255];
};

describe('importImageFolder', () => {
  it('reads colour PNGs exactly, drops alpha, sorts classes and files', async () => {
    const root = join(dir(), 'colour');
    png(join(root, 'train', 'zebra', 'b.png'), 3, 2, colour(40));
    png(join(root, 'train', 'zebra', 'a.png'), 3, 2, colour(30));
    png(join(root, 'train', 'ant', 'x.png'), 3, 2, colour(20));
    png(join(root, 'test', 'zebra', 't.png'), 3, 2, colour(50));
    writeFileSync(join(root, 'train', 'ant', 'notes.txt'), 'ignored');
    const ds = await importImageFolder(root);
    expect(ds.classes).toEqual(['ant', 'zebra']);
    expect(ds.shape).toEqual([2, 3, 3]);
    expect(Array.from(ds.train.labels)).toEqual([0, 1, 1]);
    expect(ds.test.count).toBe(1);
    expect(Array.from(ds.test.labels)).toEqual([1]);
    const expected = (seed: number) => {
      const out: number[] = [];
      for (let y = 0; y < 2; y++)
        for (let x = 0; x < 3; x++) out.push(...colour(seed)(x, y).slice(0, 3));
      return out;
    };
    expect(Array.from(ds.train.images)).toEqual([
      ...expected(20),
      ...expected(30),
      ...expected(40),
    ]);
    expect(Array.from(ds.test.images)).toEqual(expected(50));
  });

  it('uses one channel when every image is grey (greyscale PNG and grey RGB PNG)', async () => {
    const root = join(dir(), 'grey');
    png(join(root, 'train', 'a', '1.png'), 2, 2, grey(0), 0);
    png(join(root, 'train', 'b', '1.png'), 2, 2, grey(100), 2);
    png(join(root, 'test', 'a', '1.png'), 2, 2, grey(7), 4);
    const ds = await importImageFolder(root);
    expect(ds.shape).toEqual([2, 2, 1]);
    expect(Array.from(ds.train.images)).toEqual([0, 3, 5, 8, 100, 103, 105, 108]);
    expect(Array.from(ds.test.images)).toEqual([7, 10, 12, 15]);
  });

  it('uses three channels when one image has colour', async () => {
    const root = join(dir(), 'mixed');
    png(join(root, 'train', 'a', '1.png'), 2, 2, grey(0), 0);
    png(join(root, 'test', 'a', '1.png'), 2, 2, colour(0));
    const ds = await importImageFolder(root);
    expect(ds.shape).toEqual([2, 2, 3]);
    expect(Array.from(ds.train.images.subarray(0, 6))).toEqual([0, 0, 0, 3, 3, 3]);
  });

  it('decodes JPEG files', async () => {
    const root = join(dir(), 'jpeg');
    const w = 8;
    const h = 8;
    const data = new Uint8Array(w * h * 4).fill(255);
    for (let i = 0; i < w * h; i++) data.set([200, 40, 40], 4 * i);
    mkdirSync(join(root, 'train', 'red'), { recursive: true });
    mkdirSync(join(root, 'test', 'red'), { recursive: true });
    const bytes = jpeg.encode({ width: w, height: h, data }, 100).data;
    writeFileSync(join(root, 'train', 'red', 'r.jpg'), bytes);
    writeFileSync(join(root, 'test', 'red', 'r.JPEG'), bytes);
    const ds = await importImageFolder(root);
    expect(ds.shape).toEqual([8, 8, 3]);
    expect(ds.test.count).toBe(1);
    // Quality-100 JPEG of a flat colour decodes within a couple of levels.
    for (let i = 0; i < w * h; i++) {
      expect(Math.abs(ds.train.images[3 * i]! - 200)).toBeLessThanOrEqual(2);
      expect(Math.abs(ds.train.images[3 * i + 1]! - 40)).toBeLessThanOrEqual(2);
    }
  });

  it('names the image whose size differs', async () => {
    const root = join(dir(), 'sizes');
    png(join(root, 'train', 'a', '1.png'), 3, 2, colour(0));
    png(join(root, 'train', 'a', '2.png'), 2, 3, colour(0));
    png(join(root, 'test', 'a', '1.png'), 3, 2, colour(0));
    const e = await importError(importImageFolder(root));
    expect(e.file).toBe(join(root, 'train', 'a', '2.png'));
    expect(e.message).toMatch(
      /image is 3×2 \(H×W\) but the first image is 2×3; all images must have the same size/,
    );
  });

  it('rejects unknown test classes, undecodable files, empty classes and missing folders', async () => {
    const root = join(dir(), 'bad');
    png(join(root, 'train', 'a', '1.png'), 2, 2, colour(0));
    png(join(root, 'test', 'b', '1.png'), 2, 2, colour(0));
    let e = await importError(importImageFolder(root));
    expect(e.file).toBe(join(root, 'test', 'b'));
    expect(e.message).toMatch(/class folder "b" does not exist in the training set/);

    rmSync(join(root, 'test', 'b'), { recursive: true });
    png(join(root, 'test', 'a', '1.png'), 2, 2, colour(0));
    writeFileSync(join(root, 'test', 'a', '2.png'), 'GIF89a not really');
    e = await importError(importImageFolder(root));
    expect(e.file).toBe(join(root, 'test', 'a', '2.png'));
    expect(e.message).toMatch(/not a PNG or JPEG file/);

    writeFileSync(
      join(root, 'test', 'a', '2.png'),
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]),
    );
    e = await importError(importImageFolder(root));
    expect(e.message).toMatch(/cannot decode PNG/);
    rmSync(join(root, 'test', 'a', '2.png'));

    mkdirSync(join(root, 'train', 'empty'));
    e = await importError(importImageFolder(root));
    expect(e.file).toBe(join(root, 'train', 'empty'));
    expect(e.message).toMatch(/class folder contains no/);
    rmSync(join(root, 'train', 'empty'), { recursive: true });

    rmSync(join(root, 'test'), { recursive: true });
    e = await importError(importImageFolder(root));
    expect(e.file).toBe(join(root, 'test'));
    expect(e.message).toMatch(/missing folder/);
  });
});

describe('detectFormat / importDataset', () => {
  it('detects an image folder and refuses an unknown folder', async () => {
    const root = join(dir(), 'detect');
    png(join(root, 'train', 'a', '1.png'), 2, 2, grey(1), 0);
    png(join(root, 'test', 'a', '1.png'), 2, 2, grey(2), 0);
    expect(await detectFormat(root)).toBe('folder');
    const ds = await importDataset(root, { name: 'tiny' });
    expect(ds.source.name).toBe('tiny');
    expect(Array.from(ds.test.images)).toEqual([2, 5, 7, 10]);
    const empty = join(dir(), 'nothing');
    mkdirSync(empty);
    const e = await importError(detectFormat(empty));
    expect(e.message).toMatch(/unrecognised dataset folder/);
  });
});
