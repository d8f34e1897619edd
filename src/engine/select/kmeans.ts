// SSP-style k-means selection (SPEC §2; YOCO appendix B.1.3): cluster the final model's
// penultimate features with k = number of samples to keep, then keep the sample nearest each
// centroid.
//
// - Features: row-major Float32Array [N, D]; Euclidean distance.
// - Init: seeded k-means++ (first centre uniform, then ∝ squared distance to the nearest centre;
//   if every remaining point coincides with a centre, a uniform not-yet-chosen point).
// - Lloyd iterations (centre update, then reassignment) until no assignment changes or
//   `iterations` (default 20) have run; the final centres are the means of the final clusters.
//   Ties in distance go to the lower centroid / sample index. An empty cluster keeps its centre.
// - Picking: centroids in order 0…k−1 each take the nearest sample not already taken, so the k
//   samples are distinct (a centroid whose nearest sample is taken gets the next nearest).
// - balanced: k = perClass per class on that class's samples; imbalanced: k = perClass · classes
//   on all samples. A preference (easy/hard) does not apply and is ignored.
// Speed: plain k-means costs N·k·D per pass. The k-means++ update, the Lloyd reassignment and the
// picking skip distances that the triangle inequality proves cannot matter (Elkan's bounds, or
// Hamerly's when N·k lower bounds would take too much memory). Skips are only taken on strict
// inequalities, so the result equals plain Lloyd's (up to floating-point rounding in near-ties).
import { SelectionError } from '../errors';
import { Rng } from '../rng';
import { allIndices, ascending, checkSize, groupByClass, type Budget } from './select';

export const DEFAULT_KMEANS_ITERATIONS = 20;
/** Largest N·k for which Elkan's per-centre lower bounds (Float64) are kept. */
export const ELKAN_MAX_BOUNDS = 1 << 22;

/** Squared distance between feature row `po` and centre row `co` (offsets, length dim). */
function sqDist(f: Float32Array, po: number, c: Float64Array, co: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    const v0 = f[po + d]! - c[co + d]!;
    const v1 = f[po + d + 1]! - c[co + d + 1]!;
    const v2 = f[po + d + 2]! - c[co + d + 2]!;
    const v3 = f[po + d + 3]! - c[co + d + 3]!;
    s0 += v0 * v0;
    s1 += v1 * v1;
    s2 += v2 * v2;
    s3 += v3 * v3;
  }
  for (; d < dim; d++) {
    const v = f[po + d]! - c[co + d]!;
    s0 += v * v;
  }
  return s0 + s1 + (s2 + s3);
}

/** Distance between centres a and b. */
function centreDist(c: Float64Array, a: number, b: number, dim: number): number {
  let s = 0;
  const ao = a * dim;
  const bo = b * dim;
  for (let d = 0; d < dim; d++) {
    const v = c[ao + d]! - c[bo + d]!;
    s += v * v;
  }
  return Math.sqrt(s);
}

/** All pairwise centre distances, k × k. */
function centreDistances(c: Float64Array, k: number, dim: number): Float64Array {
  const cc = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const d = centreDist(c, a, b, dim);
      cc[a * k + b] = d;
      cc[b * k + a] = d;
    }
  }
  return cc;
}

/** Seeded k-means++ centres (k × dim, row-major) for the pool. */
export function kmeansPlusPlus(
  features: Float32Array,
  dim: number,
  pool: Int32Array,
  k: number,
  rng: Rng,
): Float64Array {
  const m = pool.length;
  const centres = new Float64Array(k * dim);
  const nearest = new Float64Array(m).fill(Infinity); // squared distance to the nearest centre
  const nearestAt = new Int32Array(m).fill(-1);
  const chosen = new Uint8Array(m);
  const toNew = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let j = -1;
    if (c === 0) {
      j = rng.int(m);
    } else {
      let total = 0;
      for (let t = 0; t < m; t++) total += nearest[t]!;
      if (total > 0) {
        let r = rng.next() * total;
        for (let t = 0; t < m; t++) {
          if (nearest[t]! <= 0) continue;
          j = t;
          r -= nearest[t]!;
          if (r < 0) break;
        }
      } else {
        let r = rng.int(m - c);
        for (let t = 0; t < m; t++) {
          if (chosen[t]) continue;
          j = t;
          if (r-- === 0) break;
        }
      }
    }
    chosen[j] = 1;
    const po = pool[j]! * dim;
    for (let d = 0; d < dim; d++) centres[c * dim + d] = features[po + d]!;
    for (let b = 0; b < c; b++) toNew[b] = centreDist(centres, b, c, dim);
    for (let t = 0; t < m; t++) {
      const at = nearestAt[t]!;
      // The new centre cannot be nearer when it is at least twice the current distance away
      // from the current nearest centre (triangle inequality).
      if (at >= 0 && toNew[at]! > 2 * Math.sqrt(nearest[t]!)) continue;
      const d = sqDist(features, pool[t]! * dim, centres, c * dim, dim);
      if (d < nearest[t]!) {
        nearest[t] = d;
        nearestAt[t] = c;
      }
    }
  }
  return centres;
}

/** Sets centres to the means of their clusters (empty clusters stay); returns how far each moved. */
function updateCentres(
  features: Float32Array,
  dim: number,
  pool: Int32Array,
  centres: Float64Array,
  assign: Int32Array,
): Float64Array {
  const k = centres.length / dim;
  const sums = new Float64Array(k * dim);
  const counts = new Int32Array(k);
  for (let t = 0; t < pool.length; t++) {
    const co = assign[t]! * dim;
    counts[assign[t]!]!++;
    const po = pool[t]! * dim;
    for (let d = 0; d < dim; d++) sums[co + d]! += features[po + d]!;
  }
  const shift = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    let moved = 0;
    for (let d = 0; d < dim; d++) {
      const v = sums[c * dim + d]! / counts[c]!;
      const diff = v - centres[c * dim + d]!;
      moved += diff * diff;
      centres[c * dim + d] = v;
    }
    shift[c] = Math.sqrt(moved);
  }
  return shift;
}

/**
 * Lloyd refinement of `centres` in place (see header); returns the final assignment of each pool
 * point to a centre. `bounds` picks the acceleration ('auto': Elkan unless N·k is too large).
 */
export function refineCentres(
  features: Float32Array,
  dim: number,
  pool: Int32Array,
  centres: Float64Array,
  iterations: number,
  bounds: 'auto' | 'elkan' | 'hamerly' = 'auto',
): Int32Array {
  const m = pool.length;
  const k = centres.length / dim;
  const elkan = bounds === 'elkan' || (bounds === 'auto' && m * k <= ELKAN_MAX_BOUNDS);
  const assign = new Int32Array(m);
  const upper = new Float64Array(m);
  const tight = new Uint8Array(m).fill(1);
  // Elkan: a lower bound per point and centre; Hamerly: one bound on the second-nearest centre.
  const lower = new Float64Array(elkan ? m * k : m);
  for (let t = 0; t < m; t++) {
    const po = pool[t]! * dim;
    let b1 = Infinity;
    let b2 = Infinity;
    let a = 0;
    for (let c = 0; c < k; c++) {
      const d = Math.sqrt(sqDist(features, po, centres, c * dim, dim));
      if (elkan) lower[t * k + c] = d;
      if (d < b1) {
        b2 = b1;
        b1 = d;
        a = c;
      } else if (d < b2) b2 = d;
    }
    assign[t] = a;
    upper[t] = b1;
    if (!elkan) lower[t] = b2;
  }
  const half = new Float64Array(k);
  let changed = true;
  for (let it = 0; it < iterations && changed; it++) {
    const shift = updateCentres(features, dim, pool, centres, assign);
    let max1 = 0;
    let max2 = 0;
    let maxAt = -1;
    for (let c = 0; c < k; c++) {
      if (shift[c]! > max1) {
        max2 = max1;
        max1 = shift[c]!;
        maxAt = c;
      } else if (shift[c]! > max2) max2 = shift[c]!;
    }
    const cc = centreDistances(centres, k, dim);
    half.fill(Infinity);
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) if (a !== b) half[a] = Math.min(half[a]!, cc[a * k + b]! / 2);
    changed = false;
    for (let t = 0; t < m; t++) {
      let a = assign[t]!;
      const po = pool[t]! * dim;
      if (shift[a]! > 0) {
        upper[t]! += shift[a]!;
        tight[t] = 0;
      }
      if (elkan) {
        const row = t * k;
        for (let c = 0; c < k; c++) {
          const l = lower[row + c]! - shift[c]!;
          lower[row + c] = l > 0 ? l : 0;
        }
        let u = upper[t]!;
        if (u < half[a]!) continue;
        for (let c = 0; c < k; c++) {
          if (c === a || u < lower[row + c]! || u < cc[a * k + c]! / 2) continue;
          if (!tight[t]) {
            u = Math.sqrt(sqDist(features, po, centres, a * dim, dim));
            lower[row + a] = u;
            tight[t] = 1;
            if (u < lower[row + c]! || u < cc[a * k + c]! / 2) continue;
          }
          const d = Math.sqrt(sqDist(features, po, centres, c * dim, dim));
          lower[row + c] = d;
          if (d < u || (d === u && c < a)) {
            a = c;
            u = d;
          }
        }
        upper[t] = u;
      } else {
        lower[t]! -= a === maxAt ? max2 : max1;
        const z = Math.max(lower[t]!, half[a]!);
        if (upper[t]! < z) continue;
        upper[t] = Math.sqrt(sqDist(features, po, centres, a * dim, dim));
        tight[t] = 1;
        if (upper[t]! < z) continue;
        let b1 = Infinity;
        let b2 = Infinity;
        for (let c = 0; c < k; c++) {
          const d = Math.sqrt(sqDist(features, po, centres, c * dim, dim));
          if (d < b1) {
            b2 = b1;
            b1 = d;
            a = c;
          } else if (d < b2) b2 = d;
        }
        upper[t] = b1;
        lower[t] = b2;
      }
      if (a !== assign[t]) {
        assign[t] = a;
        changed = true;
      }
    }
  }
  if (changed && iterations > 0) updateCentres(features, dim, pool, centres, assign);
  return assign;
}

/**
 * Centroids in order each take the nearest pool sample not yet taken (ties → lower index).
 * `assign` (each point's nearest centre) lets the search skip points that the triangle inequality
 * puts farther away than the best candidate found in the centroid's own cluster.
 */
export function pickNearest(
  features: Float32Array,
  dim: number,
  pool: Int32Array,
  centres: Float64Array,
  assign: Int32Array,
): Int32Array {
  const m = pool.length;
  const k = centres.length / dim;
  const own = new Float64Array(m);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < m; t++) {
    own[t] = Math.sqrt(sqDist(features, pool[t]! * dim, centres, assign[t]! * dim, dim));
    members[assign[t]!]!.push(t);
  }
  const cc = centreDistances(centres, k, dim);
  const taken = new Uint8Array(m);
  const out = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    let best = Infinity;
    let bj = -1;
    const consider = (t: number): void => {
      const d = sqDist(features, pool[t]! * dim, centres, c * dim, dim);
      if (d < best || (d === best && t < bj)) {
        best = d;
        bj = t;
      }
    };
    for (const t of members[c]!) if (!taken[t]) consider(t);
    const bestR = Math.sqrt(best);
    const slack = 1e-9 * (bestR + 1);
    for (let t = 0; t < m; t++) {
      if (taken[t] || assign[t] === c) continue;
      if (cc[c * k + assign[t]!]! - own[t]! > bestR + slack) continue; // provably farther
      consider(t);
    }
    taken[bj] = 1;
    out[c] = pool[bj]!;
  }
  return out;
}

/** k-means on the pool; returns the chosen sample indices (one per centroid, distinct). */
export function kmeansPool(
  features: Float32Array,
  dim: number,
  pool: Int32Array,
  k: number,
  rng: Rng,
  iterations: number = DEFAULT_KMEANS_ITERATIONS,
): Int32Array {
  const centres = kmeansPlusPlus(features, dim, pool, k, rng);
  const assign = refineCentres(features, dim, pool, centres, iterations);
  return pickNearest(features, dim, pool, centres, assign);
}

export function selectKMeans(
  features: Float32Array,
  featureDim: number,
  labels: Int32Array,
  numClasses: number,
  opts: Budget & { readonly iterations?: number },
): Int32Array {
  if (
    !Number.isInteger(featureDim) ||
    featureDim < 1 ||
    features.length !== labels.length * featureDim
  ) {
    throw new SelectionError(
      `k-means needs ${labels.length} × ${featureDim} features, got ${features.length} values`,
    );
  }
  for (let i = 0; i < features.length; i++) {
    if (!Number.isFinite(features[i]!)) {
      throw new SelectionError(
        `feature ${i % featureDim} of sample ${Math.floor(i / featureDim)} is not finite`,
      );
    }
  }
  const iterations = opts.iterations ?? DEFAULT_KMEANS_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new SelectionError(`k-means iterations ${iterations} must be a non-negative integer`);
  }
  const groups = groupByClass(labels, numClasses);
  checkSize(groups, opts.perClass, opts.balanced);
  const rng = new Rng(opts.seed);
  if (opts.balanced) {
    return ascending(
      groups.map((g) => kmeansPool(features, featureDim, g, opts.perClass, rng, iterations)),
    );
  }
  return ascending([
    kmeansPool(
      features,
      featureDim,
      allIndices(labels.length),
      opts.perClass * numClasses,
      rng,
      iterations,
    ),
  ]);
}
