// Bounds of the condensed-set readers (pickle, zip, .npy): a hostile or broken file may declare any
// size, count or depth, so every one is checked against these before memory is allocated or a
// loop runs. They are far above what a condensed set needs (IPC 50 CIFAR-100 is 7.7 M values,
// 31 MB as float32), and the decoded-bytes budget (budget.ts) keeps a small file from asking for
// more memory than its size can honestly stand for.
import { ImportError } from '../errors';

export const IMPORT_LIMITS = {
  /** Largest file accepted (the bundle's payload limit, 2 GiB − 1), checked before a byte is read. */
  maxFileBytes: 2 ** 31 - 1,
  /**
   * Decoded bytes one import may allocate, across all its tensors and inflated zip members: a
   * tensor counts its materialised size (a stride-0 view of one element counts every element),
   * charged before anything is allocated. The budget of a file is
   * min(maxDecodedBytes, max(decodedFloorBytes, decodedPerFileByte × its size)).
   */
  maxDecodedBytes: 2 ** 30,
  /** Every file may decode this much, however small (a legitimate IPC-1 set is a few MB). */
  decodedFloorBytes: 64 * 2 ** 20,
  /** Decoded bytes per byte of file: uint8 storage read as float32 is 4, a compressed .npz more. */
  decodedPerFileByte: 16,
  /** Deflate ratio above which a zip member is refused before it is inflated (deflate's own limit is 1032). */
  maxCompressionRatio: 200,
  /** Nesting of pickle containers and of MARKs. */
  maxDepth: 64,
  /** Values on the pickle stack, items in all containers together, memo entries. */
  maxItems: 1_000_000,
  /** Bytes of one pickle string or bytes object (names, keys; tensors live in storages). */
  maxStringBytes: 1 << 20,
  /** Bytes of a pickle stream (data.pkl, or the legacy format's pickles): tensors are elsewhere. */
  maxPickleBytes: 64 * 2 ** 20,
  /** Bytes of a pickled integer (LONG1/LONG4); torch's legacy magic number needs 10. */
  maxIntBytes: 16,
  /** Elements of one tensor or array. */
  maxElements: 2 ** 28,
  /** Dimensions of one tensor or array. */
  maxDims: 8,
  /** Entries of a zip archive (torch.save zip, .npz). */
  maxZipEntries: 10_000,
  /** Bytes of a .npy header. */
  maxNpyHeader: 1 << 16,
} as const;

const MB = 2 ** 20;

/** A byte count in words: "2.0 GB", "596 bytes". */
export function describeBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < MB) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * MB) return `${(n / MB).toFixed(1)} MB`;
  return `${(n / (1024 * MB)).toFixed(2)} GB`;
}

/**
 * Refuse a file larger than IMPORT_LIMITS.maxFileBytes by its size alone, before any byte is read
 * (the CLI checks stat's size, the app the File's size).
 */
export function checkImportFileSize(name: string, size: number): void {
  if (size > IMPORT_LIMITS.maxFileBytes) {
    throw new ImportError(
      name,
      `${describeBytes(size)} is larger than the ${describeBytes(IMPORT_LIMITS.maxFileBytes + 1)} ` +
        'import limit (IMPORT_LIMITS.maxFileBytes); nothing was read',
      'limit',
    );
  }
}
