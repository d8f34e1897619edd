// The confusion matrix of a classifier on a labelled test set, and everything derived from it:
// overall accuracy, per-class accuracy, row totals and the row-normalised matrix. The evaluation
// (evaluate.ts) fills it; a run's accuracy and its per-class accuracy are both read from it here,
// so the two can never disagree. Plain nested arrays: it crosses the worker boundary, is stored in
// IndexedDB and written as JSON as is.

/** `m[t][p]`: test images of true class t that the model predicted as class p (K × K counts). */
export type ConfusionMatrix = readonly (readonly number[])[];

/** A K × K matrix of zeros to count into. */
export function emptyConfusion(numClasses: number): number[][] {
  return Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
}

/** Counts each (label, prediction) pair into `m` (labels and predictions in 0…K−1). */
export function countInto(
  m: number[][],
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
): void {
  for (let i = 0; i < labels.length; i++) m[labels[i]!]![predicted[i]!]!++;
}

/** The matrix of `labels` against `predicted` over K classes. */
export function confusionOf(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  numClasses: number,
): number[][] {
  const m = emptyConfusion(numClasses);
  countInto(m, labels, predicted);
  return m;
}

/** Test images per true class (the row sums). */
export function rowTotals(m: ConfusionMatrix): number[] {
  return m.map((row) => row.reduce((a, b) => a + b, 0));
}

/** Share of all images on the diagonal (0 for an empty matrix). */
export function confusionAccuracy(m: ConfusionMatrix): number {
  const total = rowTotals(m).reduce((a, b) => a + b, 0);
  const correct = m.reduce((a, row, k) => a + row[k]!, 0);
  return total > 0 ? correct / total : 0;
}

/** Accuracy on each class's own images; null for a class with no test images. */
export function perClassAccuracy(m: ConfusionMatrix): (number | null)[] {
  return rowTotals(m).map((total, k) => (total > 0 ? m[k]![k]! / total : null));
}

/** Each row divided by its total (a row without images stays all zeros). */
export function rowNormalised(m: ConfusionMatrix): number[][] {
  const totals = rowTotals(m);
  return m.map((row, k) => row.map((v) => (totals[k]! > 0 ? v / totals[k]! : 0)));
}

/** True when `v` is a K × K matrix of non-negative integer counts (a stored value, untrusted). */
export function isConfusionMatrix(v: unknown, numClasses: number): v is ConfusionMatrix {
  return (
    Array.isArray(v) &&
    v.length === numClasses &&
    v.every(
      (row: unknown) =>
        Array.isArray(row) &&
        row.length === numClasses &&
        row.every((c: unknown) => Number.isSafeInteger(c) && (c as number) >= 0),
    )
  );
}
