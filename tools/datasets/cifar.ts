// CIFAR-10 binary importer: `data_batch_1..5.bin` and `test_batch.bin`, each a run of records
// of 1 label byte + 3072 image bytes (32×32, channel planes R, G, B), streamed record by record
// and converted to HWC. Class names come from `batches.meta.txt` when present.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, ImportError } from '../../src/engine/errors';
import { ByteReader } from './byte-reader';
import type { ImportedDataset, ImportedSplit } from './types';

export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

const SIDE = 32;
const PLANE = SIDE * SIDE;
const IMAGE_BYTES = 3 * PLANE;
const RECORD = 1 + IMAGE_BYTES;

export const CIFAR10_TRAIN_FILES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const CIFAR10_TEST_FILES = ['test_batch.bin'];

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new ImportError(path, 'is not a file');
    return s.size;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(path, `missing (${errorMessage(e)})`);
  }
}

/**
 * Read CIFAR-10 binary batch files as one split. Each file must hold whole 3073-byte records;
 * labels must be below `classes.length`.
 */
export async function importCifarBatches(
  files: string[],
  classes: string[] = CIFAR10_CLASSES,
): Promise<ImportedSplit> {
  const counts: number[] = [];
  for (const file of files) {
    const size = await fileSize(file);
    if (size === 0) throw new ImportError(file, 'file is empty');
    if (size % RECORD !== 0) {
      throw new ImportError(
        file,
        `truncated or not a CIFAR-10 batch: ${size} bytes is not a whole number of ${RECORD}-byte records ` +
          `(${Math.floor(size / RECORD)} records and ${size % RECORD} bytes left over)`,
      );
    }
    counts.push(size / RECORD);
  }
  const count = counts.reduce((a, b) => a + b, 0);
  const images = new Uint8Array(count * IMAGE_BYTES);
  const labels = new Int32Array(count);
  const record = new Uint8Array(RECORD);
  let n = 0;
  for (let f = 0; f < files.length; f++) {
    const file = files[f]!;
    const reader = await ByteReader.open(file);
    try {
      for (let r = 0; r < counts[f]!; r++) {
        const got = await reader.read(record, RECORD);
        if (got < RECORD)
          throw new ImportError(file, `truncated in record ${r} (${got} of ${RECORD} bytes)`);
        const y = record[0]!;
        if (y >= classes.length) {
          throw new ImportError(
            file,
            `label ${y} in record ${r} is out of range (${classes.length} classes)`,
          );
        }
        labels[n] = y;
        const base = n * IMAGE_BYTES;
        for (let p = 0; p < PLANE; p++) {
          const o = base + 3 * p;
          images[o] = record[1 + p]!;
          images[o + 1] = record[1 + PLANE + p]!;
          images[o + 2] = record[1 + 2 * PLANE + p]!;
        }
        n++;
      }
      const extra = await reader.remaining();
      if (extra > 0) throw new ImportError(file, `${extra} unexpected bytes after the last record`);
    } finally {
      reader.close();
    }
  }
  return { images, labels, shape: [SIDE, SIDE, 3], count, classes: [...classes] };
}

/** Class names from a `batches.meta.txt` (one per line, blank lines ignored). */
export function parseBatchesMeta(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * CIFAR-10 from `dir` (the extracted `cifar-10-batches-bin` folder, or its parent). Class names
 * come from `batches.meta.txt` if it exists, else the standard ten.
 */
export async function importCifar10(dir: string): Promise<ImportedDataset> {
  let root = dir;
  try {
    await stat(join(dir, CIFAR10_TEST_FILES[0]!));
  } catch {
    const nested = join(dir, 'cifar-10-batches-bin');
    try {
      await stat(join(nested, CIFAR10_TEST_FILES[0]!));
      root = nested;
    } catch {
      // keep `dir`; the missing file is reported below
    }
  }
  let classes = CIFAR10_CLASSES;
  const metaPath = join(root, 'batches.meta.txt');
  let metaText: string | undefined;
  try {
    metaText = await readFile(metaPath, 'utf8');
  } catch {
    metaText = undefined;
  }
  if (metaText !== undefined) {
    classes = parseBatchesMeta(metaText);
    if (classes.length === 0) throw new ImportError(metaPath, 'lists no class names');
    if (new Set(classes).size !== classes.length)
      throw new ImportError(metaPath, 'lists a class name twice');
  }
  const trainFiles = CIFAR10_TRAIN_FILES.map((f) => join(root, f));
  const testFiles = CIFAR10_TEST_FILES.map((f) => join(root, f));
  const train = await importCifarBatches(trainFiles, classes);
  const test = await importCifarBatches(testFiles, classes);
  return {
    train,
    test,
    classes: [...classes],
    shape: [SIDE, SIDE, 3],
    source: {
      name: 'CIFAR-10',
      license: 'no explicit licence; free for research use (Krizhevsky, 2009)',
      url: 'https://www.cs.toronto.edu/~kriz/cifar.html',
      paths: [...trainFiles, ...testFiles],
    },
  };
}
