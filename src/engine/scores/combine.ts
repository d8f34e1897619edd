// Averages scores over R independent runs (design.md §2: "repeat for R runs and average"):
// element-wise mean, per score name for whole score tables.
import { ConfigError } from '../errors';
import { SCORE_NAMES, type ScoreTable } from '../types';

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

/** Mean of every score over runs, each run a full score table. */
export function averageScoreTables(tables: readonly ScoreTable[]): ScoreTable {
  if (tables.length === 0) throw new ConfigError('averaging scores: no runs given');
  const out = {} as Record<string, Float64Array>;
  for (const name of SCORE_NAMES) {
    try {
      out[name] = averageRuns(tables.map((t) => t[name]));
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(`${name}: ${e.message}`);
      throw e;
    }
  }
  return out as ScoreTable;
}
