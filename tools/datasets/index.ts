// Entry point of the dataset importers: detects a folder's format (IDX, CIFAR-10 binary, or an
// image folder) and imports it in the source's order; re-exports the individual importers and the
// seeded shuffle the builder applies to the test set.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ImportError } from '../../src/engine/errors';
import { importCifar10 } from './cifar';
import { importImageFolder } from './image-folder';
import { FASHION_MNIST_CLASSES, importIdxDataset, MNIST_CLASSES } from './idx';
import type { ImportedDataset, ImportFormat } from './types';
import type { IdxDatasetInfo } from './idx';

export * from './types';
export { ByteReader } from './byte-reader';
export {
  DEBIAN_FASHION_MNIST_DIR,
  FASHION_MNIST_CLASSES,
  MNIST_CLASSES,
  importFashionMnist,
  importIdxDataset,
  importIdxPair,
  importMnist,
  readIdx,
} from './idx';
export type { IdxArray, IdxDatasetInfo } from './idx';
export { CIFAR10_CLASSES, importCifar10, importCifarBatches, parseBatchesMeta } from './cifar';
export { decodeImage, importImageFolder } from './image-folder';
export { shuffleSplit } from './shuffle';
export { importTestSet } from './test-set';

async function exists(path: string, dir = false): Promise<boolean> {
  try {
    const s = await stat(path);
    return dir ? s.isDirectory() : s.isFile();
  } catch {
    return false;
  }
}

/** Which importer understands `dir`, or an ImportError saying what was looked for. */
export async function detectFormat(dir: string): Promise<ImportFormat> {
  for (const name of ['train-images-idx3-ubyte', 'train-images-idx3-ubyte.gz']) {
    if (await exists(join(dir, name))) return 'idx';
  }
  if (
    (await exists(join(dir, 'test_batch.bin'))) ||
    (await exists(join(dir, 'cifar-10-batches-bin', 'test_batch.bin')))
  ) {
    return 'cifar10';
  }
  if (await exists(join(dir, 'train'), true)) return 'folder';
  throw new ImportError(
    dir,
    'unrecognised dataset folder: expected IDX files (train-images-idx3-ubyte[.gz], …), ' +
      'CIFAR-10 binary batches (data_batch_1.bin … test_batch.bin) or train/<class>/ image folders',
  );
}

export interface ImportOptions {
  /** Force a format instead of detecting it. */
  readonly format?: ImportFormat;
  /** Class names for IDX data (default: Fashion-MNIST's when `fashion` is in the path, else digits). */
  readonly classes?: string[];
  /** Dataset name for the manifest. */
  readonly name?: string;
}

/** Name, licence and classes of IDX data in `dir`: Fashion-MNIST when the path says so, else MNIST. */
export function idxInfo(dir: string, options: ImportOptions = {}): IdxDatasetInfo {
  const fashion = /fashion/i.test(dir);
  return {
    name: options.name ?? (fashion ? 'Fashion-MNIST' : 'MNIST'),
    license: fashion ? 'MIT' : 'CC BY-SA 3.0',
    classes: options.classes ?? (fashion ? FASHION_MNIST_CLASSES : MNIST_CLASSES),
  };
}

/** Import the dataset in `dir`. */
export async function importDataset(
  dir: string,
  options: ImportOptions = {},
): Promise<ImportedDataset> {
  const format = options.format ?? (await detectFormat(dir));
  switch (format) {
    case 'idx':
      return importIdxDataset(dir, idxInfo(dir, options));
    case 'cifar10':
      return importCifar10(dir);
    case 'folder':
      return options.name !== undefined
        ? importImageFolder(dir, options.name)
        : importImageFolder(dir);
  }
}
