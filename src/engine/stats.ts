// Summary statistics the app and the CLI report over seeds: mean ± population standard deviation
// (numpy's default, as the papers' tables write them). One copy for `yoco table` and the app's
// Compare.

export interface MeanStd {
  readonly mean: number;
  /** Population standard deviation (0 for one value). */
  readonly std: number;
}

/** Mean and population std of `values`; both NaN for none. */
export function meanStd(values: readonly number[]): MeanStd {
  if (values.length === 0) return { mean: NaN, std: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}
