// BiLP preemptive pre-pruning (design.md §6a step 2; Xu et al., "Distill Gold from Massive Ores",
// Algorithm 1 line 2): given each real training sample's empirical loss under the observer,
// keep per class the fraction with the lowest loss. Ties break by sample index, so the result is
// deterministic. The per-class count is round(fraction · n_c), at least `minPerClass` (capped at
// n_c). Losses may be averaged over several observer runs first (averageRuns in
// src/engine/scores/combine.ts), as BiLP does.
import { checkPositiveInteger, ConfigError } from '../errors';
import { ascending } from '../select/select';

export interface PrePruneOptions {
  /** Keep at least this many per class (e.g. what RDED needs); default 1. */
  readonly minPerClass?: number;
}

export interface PrePruneResult {
  /** Kept sample indices, ascending. */
  readonly kept: Int32Array;
  /** Per class, the kept indices in ascending (loss, index) order. */
  readonly perClass: Int32Array[];
}

/** Keep per class the `keepFraction` of samples with the lowest loss. */
export function prePrune(
  losses: ArrayLike<number>,
  labels: ArrayLike<number>,
  numClasses: number,
  keepFraction: number,
  options: PrePruneOptions = {},
): PrePruneResult {
  if (!(keepFraction > 0 && keepFraction <= 1)) {
    throw new ConfigError(`pre-pruning keep fraction must be in (0, 1], got ${keepFraction}`);
  }
  if (losses.length !== labels.length) {
    throw new ConfigError(`pre-pruning: ${losses.length} losses for ${labels.length} labels`);
  }
  checkPositiveInteger('number of classes', numClasses);
  const minPerClass = options.minPerClass ?? 1;
  if (!Number.isInteger(minPerClass) || minPerClass < 0) {
    throw new ConfigError(`minPerClass must be an integer ≥ 0, got ${minPerClass}`);
  }
  const members: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
      throw new ConfigError(`label ${y} of sample ${i} is out of range (${numClasses} classes)`);
    }
    if (Number.isNaN(losses[i]!)) throw new ConfigError(`loss of sample ${i} is NaN`);
    members[y]!.push(i);
  }
  const perClass = members.map((idx) => {
    idx.sort((a, b) => losses[a]! - losses[b]! || a - b);
    const keep = Math.min(idx.length, Math.max(minPerClass, Math.round(keepFraction * idx.length)));
    return Int32Array.from(idx.slice(0, keep));
  });
  return { kept: ascending(perClass), perClass };
}
