// A run's per-class results as the app keeps and shows them: the engine's confusion matrix with
// the class names of the bundle it ran on (a stored run may belong to a bundle that is not open),
// the check of a stored copy, and what the per-class table and the matrix display.
import {
  isConfusionMatrix,
  perClassAccuracy,
  rowNormalised,
  rowTotals,
  type ConfusionMatrix,
} from '../../src/engine/train/confusion';

export interface ClassResults {
  /** The bundle's class names, in its class order (the matrix's rows and columns). */
  readonly classNames: readonly string[];
  readonly confusion: ConfusionMatrix;
}

/** One class's line of the per-class table. */
export interface ClassRow {
  readonly name: string;
  /** Its test images (the matrix row's sum). */
  readonly images: number;
  /** Null when it had no test images. */
  readonly accuracy: number | null;
}

/** The per-class table's rows, in class order. */
export function classRows(r: ClassResults): ClassRow[] {
  const totals = rowTotals(r.confusion);
  const accuracy = perClassAccuracy(r.confusion);
  return r.classNames.map((name, k) => ({
    name,
    images: totals[k]!,
    accuracy: accuracy[k] ?? null,
  }));
}

export type MatrixMode = 'counts' | 'rows';

/** The matrix's cells as shown: counts, or each row's shares (its images predicted as each class). */
export function matrixCells(r: ClassResults, mode: MatrixMode): readonly (readonly number[])[] {
  return mode === 'counts' ? r.confusion : rowNormalised(r.confusion);
}

/** Per-class accuracy by class name (null: no test images), as the exports write it. */
export function accuracyByClass(r: ClassResults): Record<string, number | null> {
  const accuracy = perClassAccuracy(r.confusion);
  return Object.fromEntries(r.classNames.map((name, k) => [name, accuracy[k] ?? null]));
}

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 200;

/**
 * A stored value's per-class results if they fit a run of `classes` classes on `testCount` test
 * images (names, a K × K count matrix whose counts sum to testCount), else null.
 */
export function validateClassResults(
  raw: unknown,
  classes: number,
  testCount: number,
): ClassResults | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const { classNames, confusion } = raw as Record<string, unknown>;
  if (!Array.isArray(classNames) || classNames.length !== classes) return null;
  if (!classNames.every(isName) || !isConfusionMatrix(confusion, classes)) return null;
  if (rowTotals(confusion).reduce((a, b) => a + b, 0) !== testCount) return null;
  return { classNames: [...classNames], confusion: confusion.map((row) => [...row]) };
}
