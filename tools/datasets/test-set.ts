// The test split of a dataset, for `yoco import`, which pairs a condensed set with real test
// images and needs no training set: IDX folders may hold only t10k-images/t10k-labels (read alone,
// so a test-only folder works); any other dataset folder is imported whole and its test split kept.
import { idxInfo, importDataset, type ImportOptions } from '.';
import { findIdxFile, importIdxPair } from './idx';
import type { DatasetSource, ImportedSplit } from './types';

export interface TestSet {
  readonly split: ImportedSplit;
  readonly source: DatasetSource;
}

/** The test split of the dataset in `dir` (an IDX folder, CIFAR-10 batches or an image folder). */
export async function importTestSet(dir: string, options: ImportOptions = {}): Promise<TestSet> {
  const images = await findIdxFile(dir, 't10k-images-idx3-ubyte');
  const labels = await findIdxFile(dir, 't10k-labels-idx1-ubyte');
  if (images && labels && (options.format ?? 'idx') === 'idx') {
    const info = idxInfo(dir, options);
    return {
      split: await importIdxPair(images, labels, info.classes),
      source: { name: info.name, license: info.license, paths: [images, labels] },
    };
  }
  const data = await importDataset(dir, options);
  return { split: data.test, source: data.source };
}
