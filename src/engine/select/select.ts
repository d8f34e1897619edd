// Score-based selection (YOCO Algorithm 2 and its imbalanced counterpart, design.md §3), plus the
// checks and per-class grouping every selection method shares.
//
// Order: a sample's hardness is its score when `higherIsHarder` (LBPE, EL2N, forgetting, entropy,
// loss) and minus its score otherwise (AUM: low = hard). Preferring easy keeps the least hard
// first, preferring hard the most hard first; ties always break toward the lower sample index.
// - balanced: per class, keep the first `perClass` of that class's order (exactly n per class;
//   a class with fewer than n samples is a SelectionError).
// - imbalanced: one global order over all samples, keep the first `perClass · numClasses`.
// The result holds ascending sample indices.
import type { SelectRequest } from '../api';
import { checkPositiveInteger, SelectionError } from '../errors';

/**
 * What a selector keeps: `perClass` per class when balanced, `perClass · classes` in all
 * otherwise, drawing with `seed` where it draws.
 */
export type Budget = Pick<SelectRequest, 'perClass' | 'balanced'> & { readonly seed: number };

/** Checks labels and the requested size; returns the samples of each class, ascending. */
export function groupByClass(labels: Int32Array, numClasses: number): Int32Array[] {
  checkPositiveInteger('number of classes', numClasses, SelectionError);
  const counts = new Int32Array(numClasses);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y < 0 || y >= numClasses) {
      throw new SelectionError(`label ${y} of sample ${i} is outside 0…${numClasses - 1}`);
    }
    counts[y]!++;
  }
  const groups = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(numClasses);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    groups[y]![fill[y]!++] = i;
  }
  return groups;
}

/** Throws unless `perClass` is a positive integer that every class (or the whole set) can supply. */
export function checkSize(
  groups: readonly Int32Array[],
  perClass: number,
  balanced: boolean,
): void {
  checkPositiveInteger('samples per class', perClass, SelectionError);
  if (balanced) {
    groups.forEach((g, c) => {
      if (g.length < perClass) {
        throw new SelectionError(
          `class ${c} has ${g.length} samples, fewer than the ${perClass} per class requested`,
        );
      }
    });
  } else {
    const total = groups.reduce((s, g) => s + g.length, 0);
    const want = perClass * groups.length;
    if (want > total) {
      throw new SelectionError(
        `${perClass} per class × ${groups.length} classes = ${want} samples requested, but there are only ${total}`,
      );
    }
  }
}

/** All indices 0…n−1. */
export function allIndices(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * The `count` entries of `pool` (ascending sample indices) with the smallest `key` (largest when
 * `fromTop`), ties going to the lower index; returned in ascending index order. This is Algorithm
 * 2's threshold rule: τ = the count-th key in order, keep everything strictly beyond τ, then the
 * lowest-index samples at τ until `count` are kept. Keys must not be NaN.
 */
export function takeExtreme(
  pool: Int32Array,
  key: Float64Array,
  count: number,
  fromTop: boolean,
): Int32Array {
  const m = pool.length;
  if (count <= 0) return new Int32Array(0);
  if (count >= m) return pool.slice();
  const vals = new Float64Array(m);
  for (let j = 0; j < m; j++) vals[j] = key[pool[j]!]! + 0; // + 0 turns −0 into 0
  vals.sort();
  const tau = fromTop ? vals[m - count]! : vals[count - 1]!;
  let beyond = 0;
  for (let j = 0; j < m; j++) {
    const v = vals[j]!;
    if (fromTop ? v > tau : v < tau) beyond++;
  }
  let atTau = count - beyond;
  const out = new Int32Array(count);
  let o = 0;
  for (let j = 0; j < m; j++) {
    const i = pool[j]!;
    const v = key[i]! + 0;
    if (fromTop ? v > tau : v < tau) out[o++] = i;
    else if (v === tau && atTau > 0) {
      out[o++] = i;
      atTau--;
    }
  }
  return out;
}

/** Concatenates picked index lists and sorts them ascending. */
export function ascending(parts: readonly Int32Array[]): Int32Array {
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Int32Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out.sort();
}

export function selectByScore(
  scores: ArrayLike<number>,
  labels: Int32Array,
  numClasses: number,
  opts: Omit<Budget, 'seed'> &
    Pick<SelectRequest, 'prefer'> & {
      readonly higherIsHarder: boolean;
    },
): Int32Array {
  const n = labels.length;
  if (scores.length !== n) {
    throw new SelectionError(
      `there are ${scores.length} scores for ${n} samples; need one score per sample`,
    );
  }
  const groups = groupByClass(labels, numClasses);
  checkSize(groups, opts.perClass, opts.balanced);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (Number.isNaN(s)) throw new SelectionError(`score of sample ${i} is not a number`);
    key[i] = opts.higherIsHarder ? s : -s;
  }
  const hardFirst = opts.prefer === 'hard';
  if (opts.balanced) {
    return ascending(groups.map((g) => takeExtreme(g, key, opts.perClass, hardFirst)));
  }
  return takeExtreme(allIndices(n), key, opts.perClass * numClasses, hardFirst);
}
