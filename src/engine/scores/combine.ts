// Averages scores over R independent runs (design.md §2: "repeat for R runs and average"):
// the element-wise mean of one score's runs.
import { ConfigError } from '../errors';

/** Element-wise mean of equally long score arrays. */
export function averageRuns(runs: ReadonlyArray<ArrayLike<number>>): Float64Array {
  if (runs.length === 0) throw new ConfigError('averaging scores: no runs given');
  const n = runs[0]!.length;
  runs.forEach((r, j) => {
    if (r.length !== n)
      throw new ConfigError(`averaging scores: run ${j} has ${r.length} samples, run 0 has ${n}`);
  });
  const out = new Float64Array(n);
  for (const r of runs) for (let i = 0; i < n; i++) out[i]! += r[i]!;
  for (let i = 0; i < n; i++) out[i]! /= runs.length;
  return out;
}
