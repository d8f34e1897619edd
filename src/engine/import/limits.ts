// Bounds of the condensed-set readers (pickle, zip, .npy): a hostile or broken file may declare any
// size, count or depth, so every one is checked against these before memory is allocated or a
// loop runs. They are far above what a condensed set needs (IPC 50 CIFAR-100 is 7.7 M values).
export const IMPORT_LIMITS = {
  /** Largest file read whole (the bundle's payload limit, 2 GiB − 1). */
  maxFileBytes: 2 ** 31 - 1,
  /** Nesting of pickle containers and of MARKs. */
  maxDepth: 64,
  /** Values on the pickle stack, items in all containers together, memo entries. */
  maxItems: 1_000_000,
  /** Bytes of one pickle string or bytes object (names, keys; tensors live in storages). */
  maxStringBytes: 1 << 20,
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
