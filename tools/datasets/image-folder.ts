// Image-folder importer: `<root>/train/<class>/*.png|*.jpg|*.jpeg` and `<root>/test/<class>/*`.
// Classes are the sorted train folder names; files are read and decoded one at a time (pngjs,
// jpeg-js; the format is taken from the file's magic bytes). Every image must have the size of
// the first one (no resizing: resize beforehand). Channels: 1 if every pixel of every image is
// grey (R = G = B), else 3 (RGB); alpha is dropped, not composited.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { errorMessage, ImportError } from '../../src/engine/errors';
import type { ImportedDataset, ImportedSplit } from './types';

const EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

/** One decoded image as RGBA bytes. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Decode a PNG or JPEG (decided by magic bytes) to RGBA. */
export function decodeImage(file: string, bytes: Uint8Array): RgbaImage {
  const isPng =
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47;
  const isJpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  try {
    if (isPng) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: png.data };
    }
    if (isJpeg) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      return { width: img.width, height: img.height, data: img.data };
    }
  } catch (e) {
    throw new ImportError(file, `cannot decode ${isPng ? 'PNG' : 'JPEG'} (${errorMessage(e)})`);
  }
  throw new ImportError(file, 'not a PNG or JPEG file (unrecognised magic bytes)');
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Sorted visible sub-folders of `dir`. */
async function listFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** Sorted image files (by extension) in `dir`. */
async function listImages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter(
      (e) => e.isFile() && !e.name.startsWith('.') && EXTENSIONS.has(extname(e.name).toLowerCase()),
    )
    .map((e) => join(dir, e.name))
    .sort();
}

interface Listing {
  readonly files: string[];
  readonly labels: Int32Array;
}

async function listSplit(
  splitDir: string,
  classes: string[],
  requireAll: boolean,
): Promise<Listing> {
  if (!(await isDir(splitDir))) throw new ImportError(splitDir, 'missing folder');
  const folders = await listFolders(splitDir);
  const index = new Map(classes.map((c, i) => [c, i]));
  for (const f of folders) {
    if (!index.has(f)) {
      throw new ImportError(
        join(splitDir, f),
        `class folder "${f}" does not exist in the training set`,
      );
    }
  }
  const files: string[] = [];
  const labels: number[] = [];
  for (let c = 0; c < classes.length; c++) {
    const dir = join(splitDir, classes[c]!);
    if (!(await isDir(dir))) continue;
    const images = await listImages(dir);
    if (images.length === 0 && requireAll) {
      throw new ImportError(dir, 'class folder contains no .png/.jpg/.jpeg images');
    }
    for (const file of images) {
      files.push(file);
      labels.push(c);
    }
  }
  if (files.length === 0)
    throw new ImportError(splitDir, 'contains no .png/.jpg/.jpeg images in class folders');
  return { files, labels: Int32Array.from(labels) };
}

interface RgbSplit {
  readonly rgb: Uint8Array;
  readonly grey: boolean;
}

/** Decode every file into an RGB buffer; all must be `height × width`. */
async function decodeAll(files: string[], height: number, width: number): Promise<RgbSplit> {
  const px = height * width;
  const rgb = new Uint8Array(files.length * px * 3);
  let grey = true;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (e) {
      throw new ImportError(file, `cannot read file (${errorMessage(e)})`);
    }
    const img = decodeImage(file, bytes);
    if (img.width !== width || img.height !== height) {
      throw new ImportError(
        file,
        `image is ${img.height}×${img.width} (H×W) but the first image is ${height}×${width}; ` +
          'all images must have the same size (resize them beforehand)',
      );
    }
    const base = i * px * 3;
    const d = img.data;
    for (let p = 0; p < px; p++) {
      const r = d[4 * p]!;
      const g = d[4 * p + 1]!;
      const b = d[4 * p + 2]!;
      rgb[base + 3 * p] = r;
      rgb[base + 3 * p + 1] = g;
      rgb[base + 3 * p + 2] = b;
      if (grey && (r !== g || g !== b)) grey = false;
    }
  }
  return { rgb, grey };
}

function toChannels(rgb: Uint8Array, channels: 1 | 3): Uint8Array {
  if (channels === 3) return rgb;
  const out = new Uint8Array(rgb.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = rgb[3 * i]!;
  return out;
}

/**
 * Import `<root>/train/<class>/*` and `<root>/test/<class>/*`. Every training class folder must
 * hold at least one image; test class folders must name training classes (a class may have no
 * test images).
 */
export async function importImageFolder(
  root: string,
  name = basename(root),
): Promise<ImportedDataset> {
  const trainDir = join(root, 'train');
  const testDir = join(root, 'test');
  if (!(await isDir(trainDir)))
    throw new ImportError(trainDir, 'missing folder (expected <root>/train/<class>/*.png)');
  const classes = await listFolders(trainDir);
  if (classes.length === 0) throw new ImportError(trainDir, 'contains no class folders');
  const train = await listSplit(trainDir, classes, true);
  const test = await listSplit(testDir, classes, false);

  const first = train.files[0]!;
  const firstImage = decodeImage(first, await readFile(first));
  const height = firstImage.height;
  const width = firstImage.width;
  const trainRgb = await decodeAll(train.files, height, width);
  const testRgb = await decodeAll(test.files, height, width);
  const channels: 1 | 3 = trainRgb.grey && testRgb.grey ? 1 : 3;
  const shape: [number, number, number] = [height, width, channels];
  const split = (listing: Listing, rgb: RgbSplit): ImportedSplit => ({
    images: toChannels(rgb.rgb, channels),
    labels: listing.labels,
    shape,
    count: listing.files.length,
    classes: [...classes],
  });
  return {
    train: split(train, trainRgb),
    test: split(test, testRgb),
    classes: [...classes],
    shape,
    source: { name, license: 'unknown (image folder supplied by the user)', paths: [root] },
  };
}
