// "As condensed" selection (design.md §3): each class's first `perClass` samples in stored order.
// A multisize bundle is condensed so that every class's first k stored images are a condensed set
// of their own (design.md §6), so its prefixes need no score; on any other bundle the stored order
// is the builder's, and this is a control. Balanced by construction; no seed, no preference.
import { ascending, checkSize, groupByClass } from './select';

export function selectPrefix(labels: Int32Array, numClasses: number, perClass: number): Int32Array {
  const groups = groupByClass(labels, numClasses);
  checkSize(groups, perClass, true);
  // groupByClass lists each class's samples in ascending index order: stored order.
  return ascending(groups.map((g) => g.subarray(0, perClass)));
}
