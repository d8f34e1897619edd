// A comparison's numbers: each method's accuracy over its seeds as mean ± population std (as the
// reference tables write them), its mean accuracy per class, and each method's per-class
// difference from the baseline method.
import { meanStd, type MeanStd } from '../../src/engine/stats';
import { perClassAccuracy, type ConfusionMatrix } from '../../src/engine/train/confusion';

/** One finished run of a comparison. */
export interface CompareRun {
  readonly method: string;
  readonly seed: number;
  /** Top-1 test accuracy in [0, 1]. */
  readonly testAccuracy: number;
  readonly confusion: ConfusionMatrix;
}

export interface MethodSummary extends MeanStd {
  readonly method: string;
  /** Finished runs (seeds) behind it. */
  readonly runs: number;
  /** Mean accuracy of each class over its runs (null: the class had no test images). */
  readonly classAccuracy: readonly (number | null)[];
}

/** Mean over runs of each class's accuracy; null where no run had test images of the class. */
function meanClassAccuracy(confusions: readonly ConfusionMatrix[]): (number | null)[] {
  const per = confusions.map(perClassAccuracy);
  const classes = confusions[0]?.length ?? 0;
  return Array.from({ length: classes }, (_, k) => {
    const values = per.map((a) => a[k]).filter((v): v is number => typeof v === 'number');
    return values.length > 0 ? meanStd(values).mean : null;
  });
}

/** One summary per method of `methods` that has finished runs, in that order. */
export function summarizeRuns(
  runs: readonly CompareRun[],
  methods: readonly string[],
): MethodSummary[] {
  return methods.flatMap((method) => {
    const mine = runs.filter((r) => r.method === method);
    if (mine.length === 0) return [];
    return [
      {
        method,
        ...meanStd(mine.map((r) => r.testAccuracy)),
        runs: mine.length,
        classAccuracy: meanClassAccuracy(mine.map((r) => r.confusion)),
      },
    ];
  });
}

/** One class's line of the per-class differences. */
export interface ClassDifference {
  readonly name: string;
  /** The baseline's mean accuracy on the class. */
  readonly baseline: number | null;
  /** Each other method's accuracy minus the baseline's, in the summaries' order. */
  readonly deltas: readonly (number | null)[];
}

/**
 * Per-class differences of every summary but the baseline's (`baselineMethod`, else the first) from
 * it; null where either side has no accuracy for the class.
 */
export function classDifferences(
  summaries: readonly MethodSummary[],
  classNames: readonly string[],
  baselineMethod: string,
): { baseline: MethodSummary; others: MethodSummary[]; rows: ClassDifference[] } | null {
  const baseline = summaries.find((s) => s.method === baselineMethod) ?? summaries[0];
  if (!baseline) return null;
  const others = summaries.filter((s) => s !== baseline);
  const rows = classNames.map((name, k) => {
    const base = baseline.classAccuracy[k] ?? null;
    const deltas = others.map((o) => {
      const v = o.classAccuracy[k] ?? null;
      return v === null || base === null ? null : v - base;
    });
    return { name, baseline: base, deltas };
  });
  return { baseline, others, rows };
}
