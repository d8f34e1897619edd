// IDX importer (MNIST, Fashion-MNIST): streams plain or gzip-compressed IDX files (through
// byte-reader.ts, which detects gzip by its magic bytes) into one uint8 buffer, and pairs an
// images file with a labels file.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ImportError } from '../../src/engine/errors';
import { ByteReader } from './byte-reader';
import type { ImportedDataset, ImportedSplit } from './types';

/** Class names of Fashion-MNIST, in label order. */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** Class names of MNIST, in label order. */
export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Where Debian's `dataset-fashion-mnist` package puts the files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

const MAX_BYTES = 2 ** 31 - 1;

/** An IDX file's dimensions and its unsigned-byte payload. */
export interface IdxArray {
  readonly dims: number[];
  readonly data: Uint8Array;
}

/** Read one IDX file of unsigned bytes (type 0x08), plain or gzip. */
export async function readIdx(file: string): Promise<IdxArray> {
  const reader = await ByteReader.open(file);
  try {
    const magic = new Uint8Array(4);
    if ((await reader.read(magic, 4)) < 4)
      throw new ImportError(file, 'truncated: shorter than the 4-byte IDX magic');
    if (magic[0] !== 0 || magic[1] !== 0) {
      throw new ImportError(
        file,
        `bad magic ${hex(magic)}: not an IDX file (expected 00 00 08 <ndims>)`,
      );
    }
    if (magic[2] !== 0x08) {
      throw new ImportError(
        file,
        `unsupported IDX data type 0x${magic[2]!.toString(16).padStart(2, '0')} (only unsigned bytes, 0x08)`,
      );
    }
    const ndims = magic[3]!;
    if (ndims < 1 || ndims > 4)
      throw new ImportError(file, `unsupported number of dimensions ${ndims} (1 to 4)`);
    const head = new Uint8Array(4 * ndims);
    if ((await reader.read(head, head.length)) < head.length) {
      throw new ImportError(file, `truncated: header ends before its ${ndims} dimension sizes`);
    }
    const view = new DataView(head.buffer);
    const dims: number[] = [];
    let total = 1;
    for (let d = 0; d < ndims; d++) {
      const size = view.getUint32(4 * d, false);
      dims.push(size);
      total *= size;
    }
    if (total > MAX_BYTES)
      throw new ImportError(file, `dimensions ${dims.join('×')} are too large (${total} bytes)`);
    const data = new Uint8Array(total);
    const got = await reader.read(data, total);
    if (got < total) {
      throw new ImportError(
        file,
        `truncated: header says ${dims.join('×')} = ${total} bytes of data, found only ${got}`,
      );
    }
    const extra = await reader.remaining();
    if (extra > 0) {
      throw new ImportError(
        file,
        `${extra} unexpected bytes after the ${dims.join('×')} data (header and size disagree)`,
      );
    }
    return { dims, data };
  } finally {
    reader.close();
  }
}

/**
 * Read an IDX images file (N×H×W, or N×H×W×C with C 1 or 3) and its IDX labels file (N) as one
 * split. Labels must be below `classes.length`.
 */
export async function importIdxPair(
  imagesPath: string,
  labelsPath: string,
  classes: string[] = MNIST_CLASSES,
): Promise<ImportedSplit> {
  const img = await readIdx(imagesPath);
  let shape: [number, number, number];
  if (img.dims.length === 3) shape = [img.dims[1]!, img.dims[2]!, 1];
  else if (img.dims.length === 4) shape = [img.dims[1]!, img.dims[2]!, img.dims[3]!];
  else {
    throw new ImportError(
      imagesPath,
      `unsupported dimensions ${img.dims.join('×')}: an images file is N×H×W or N×H×W×C`,
    );
  }
  const count = img.dims[0]!;
  if (count === 0) throw new ImportError(imagesPath, 'contains no images');
  if (shape[0] < 1 || shape[1] < 1)
    throw new ImportError(imagesPath, `unsupported image size ${shape[0]}×${shape[1]}`);
  if (shape[2] !== 1 && shape[2] !== 3) {
    throw new ImportError(imagesPath, `unsupported channel count ${shape[2]} (1 or 3)`);
  }
  const lab = await readIdx(labelsPath);
  if (lab.dims.length !== 1) {
    throw new ImportError(
      labelsPath,
      `unsupported dimensions ${lab.dims.join('×')}: a labels file is one-dimensional`,
    );
  }
  if (lab.dims[0] !== count) {
    throw new ImportError(
      labelsPath,
      `has ${lab.dims[0]} labels but ${imagesPath} has ${count} images`,
    );
  }
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const y = lab.data[i]!;
    if (y >= classes.length) {
      throw new ImportError(
        labelsPath,
        `label ${y} at index ${i} is out of range (${classes.length} classes)`,
      );
    }
    labels[i] = y;
  }
  return { images: img.data, labels, shape, count, classes: [...classes] };
}

/** `name` or `name.gz` in `dir`, whichever exists as a file first, or undefined. */
export async function findIdxFile(dir: string, name: string): Promise<string | undefined> {
  for (const candidate of [name, `${name}.gz`]) {
    const path = join(dir, candidate);
    try {
      if ((await stat(path)).isFile()) return path;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/** `name` or `name.gz` in `dir`; an ImportError when neither exists. */
async function findFile(dir: string, name: string): Promise<string> {
  const path = await findIdxFile(dir, name);
  if (path === undefined) {
    throw new ImportError(join(dir, name), `missing (looked for ${name} and ${name}.gz)`);
  }
  return path;
}

export interface IdxDatasetInfo {
  readonly name: string;
  readonly license: string;
  readonly url?: string;
  readonly classes: string[];
}

/** Read the four standard MNIST-layout files (`train-images-idx3-ubyte[.gz]`, …) in `dir`. */
export async function importIdxDataset(
  dir: string,
  info: IdxDatasetInfo,
): Promise<ImportedDataset> {
  const trainImages = await findFile(dir, 'train-images-idx3-ubyte');
  const trainLabels = await findFile(dir, 'train-labels-idx1-ubyte');
  const testImages = await findFile(dir, 't10k-images-idx3-ubyte');
  const testLabels = await findFile(dir, 't10k-labels-idx1-ubyte');
  const train = await importIdxPair(trainImages, trainLabels, info.classes);
  const test = await importIdxPair(testImages, testLabels, info.classes);
  if (train.shape.join() !== test.shape.join()) {
    throw new ImportError(
      testImages,
      `test images are ${test.shape.join('×')} but training images are ${train.shape.join('×')}`,
    );
  }
  return {
    train,
    test,
    classes: [...info.classes],
    shape: train.shape,
    source: {
      name: info.name,
      license: info.license,
      ...(info.url !== undefined ? { url: info.url } : {}),
      paths: [trainImages, trainLabels, testImages, testLabels],
    },
  };
}

/** Fashion-MNIST (MIT licence, Zalando SE) from `dir` (default: Debian's package location). */
export function importFashionMnist(
  dir: string = DEBIAN_FASHION_MNIST_DIR,
): Promise<ImportedDataset> {
  return importIdxDataset(dir, {
    name: 'Fashion-MNIST',
    license: 'MIT',
    url: 'https://github.com/zalandoresearch/fashion-mnist',
    classes: FASHION_MNIST_CLASSES,
  });
}

/** MNIST from `dir` (same four file names as Fashion-MNIST). */
export function importMnist(dir: string): Promise<ImportedDataset> {
  return importIdxDataset(dir, {
    name: 'MNIST',
    license: 'CC BY-SA 3.0',
    url: 'http://yann.lecun.com/exdb/mnist/',
    classes: MNIST_CLASSES,
  });
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
