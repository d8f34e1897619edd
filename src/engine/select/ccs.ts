// CCS, coverage-centric coreset selection (Zheng et al., ICLR 2023), as YOCO uses it (design.md §2):
// EL2N as the difficulty score, drop the hardest fraction β, then stratified sampling over the
// remaining score range.
//
// - β defaults to 0.1 (DEFAULT_CCS_BETA). CCS tunes its hard cutoff per dataset and pruning rate
//   (its public example for 90% pruning of CIFAR-10 uses 0.3) and YOCO only says it uses "the
//   optimal hard cutoff ratios suggested in the paper"; 0.1 is a mild cutoff for small condensed
//   sets where every sample counts. Callers can pass another `beta`.
//   floor(β · pool) samples are dropped, fewer when otherwise the budget could not be met.
// - Hardest = highest EL2N; ties go to the lower sample index being dropped first.
// - 50 equal-width strata over [min, max] of the remaining scores (the maximum falls in the last).
//   Budget allocation: visit the non-empty strata from smallest to largest (ties: lower stratum);
//   each gets min(its size, floor(remaining budget / strata left)), so small strata are taken
//   whole and the rest is spread evenly. Within a stratum the samples are drawn uniformly (seeded).
// - balanced: the whole procedure runs per class with budget `perClass`; imbalanced: once over all
//   samples with budget `perClass · classes`.
// - A preference (easy/hard) does not apply to CCS and is ignored.
import { checkPositiveInteger, SelectionError } from '../errors';
import { Rng } from '../rng';
import { sampleWithoutReplacement } from './random';
import { allIndices, ascending, checkSize, groupByClass, takeExtreme, type Budget } from './select';

export const DEFAULT_CCS_BETA = 0.1;
export const DEFAULT_CCS_STRATA = 50;

/** How many samples each stratum gives (see header), for strata of the given sizes. */
export function allocateBudget(sizes: readonly number[], budget: number): number[] {
  const take = sizes.map(() => 0);
  const order = sizes
    .map((s, i) => [s, i] as const)
    .filter(([s]) => s > 0)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let remaining = budget;
  order.forEach(([size, i], j) => {
    const t = Math.min(size, Math.floor(remaining / (order.length - j)));
    take[i] = t;
    remaining -= t;
  });
  // Rounding can leave a few over; give them to the largest strata with room.
  for (let j = order.length - 1; j >= 0 && remaining > 0; j--) {
    const [size, i] = order[j]!;
    const extra = Math.min(size - take[i]!, remaining);
    take[i]! += extra;
    remaining -= extra;
  }
  return take;
}

/** CCS on one pool of samples (`key`: EL2N of every sample): returns `budget` of them. */
export function ccsPool(
  pool: Int32Array,
  key: Float64Array,
  budget: number,
  rng: Rng,
  beta: number,
  strata: number,
): Int32Array {
  const drop = Math.min(Math.floor(beta * pool.length), pool.length - budget);
  const dropped = new Uint8Array(key.length);
  for (const i of takeExtreme(pool, key, drop, true)) dropped[i] = 1;
  const kept = pool.filter((i) => !dropped[i]);
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of kept) {
    lo = Math.min(lo, key[i]!);
    hi = Math.max(hi, key[i]!);
  }
  const width = (hi - lo) / strata;
  // Bucket the kept samples by stratum (counting sort; each stratum stays in index order).
  const stratumOf = new Int32Array(kept.length);
  const sizes = new Array<number>(strata).fill(0);
  kept.forEach((i, j) => {
    const s = width > 0 ? Math.min(strata - 1, Math.floor((key[i]! - lo) / width)) : 0;
    stratumOf[j] = s;
    sizes[s]!++;
  });
  const starts = new Int32Array(strata + 1);
  for (let s = 0; s < strata; s++) starts[s + 1] = starts[s]! + sizes[s]!;
  const sorted = new Int32Array(kept.length);
  const fill = starts.slice(0, strata);
  kept.forEach((i, j) => {
    sorted[fill[stratumOf[j]!]!++] = i;
  });
  const take = allocateBudget(sizes, budget);
  const parts: Int32Array[] = [];
  for (let s = 0; s < strata; s++) {
    if (take[s]! > 0) {
      parts.push(
        sampleWithoutReplacement(sorted.subarray(starts[s]!, starts[s + 1]!), take[s]!, rng),
      );
    }
  }
  return ascending(parts);
}

export function selectCcs(
  el2n: ArrayLike<number>,
  labels: Int32Array,
  numClasses: number,
  opts: Budget & { readonly beta?: number; readonly strata?: number },
): Int32Array {
  const beta = opts.beta ?? DEFAULT_CCS_BETA;
  const strata = opts.strata ?? DEFAULT_CCS_STRATA;
  if (!(beta >= 0 && beta < 1))
    throw new SelectionError(`CCS hard cutoff β = ${beta} must be in [0, 1)`);
  checkPositiveInteger('CCS strata', strata, SelectionError);
  if (el2n.length !== labels.length) {
    throw new SelectionError(`there are ${el2n.length} EL2N scores for ${labels.length} samples`);
  }
  for (let i = 0; i < el2n.length; i++) {
    if (!Number.isFinite(el2n[i]!))
      throw new SelectionError(`EL2N score of sample ${i} is not finite`);
  }
  const groups = groupByClass(labels, numClasses);
  checkSize(groups, opts.perClass, opts.balanced);
  const rng = new Rng(opts.seed);
  const key = Float64Array.from(el2n);
  if (opts.balanced) {
    return ascending(groups.map((g) => ccsPool(g, key, opts.perClass, rng, beta, strata)));
  }
  return ccsPool(allIndices(labels.length), key, opts.perClass * numClasses, rng, beta, strata);
}
