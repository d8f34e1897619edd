// Shapes returned by the dataset importers (tools/datasets/*): one uint8 NHWC split per
// train/test, with its labels and class names, plus where the data came from.

/** One imported split: `count` images of `shape` (`[H, W, C]`), NHWC row-major uint8. */
export interface ImportedSplit {
  readonly images: Uint8Array;
  readonly labels: Int32Array;
  readonly shape: [number, number, number];
  readonly count: number;
  readonly classes: string[];
}

/** Where a dataset came from (for the bundle manifest). */
export interface DatasetSource {
  readonly name: string;
  readonly license: string;
  readonly url?: string;
  /** The files or folder it was read from. */
  readonly paths: string[];
}

/** A full imported dataset: train and test splits over the same classes and shape. */
export interface ImportedDataset {
  readonly train: ImportedSplit;
  readonly test: ImportedSplit;
  readonly classes: string[];
  readonly shape: [number, number, number];
  readonly source: DatasetSource;
}

export type ImportFormat = 'idx' | 'cifar10' | 'folder';
