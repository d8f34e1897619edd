// SSP-style k-means selection (design.md §2; YOCO appendix B.1.3): cluster the final model's
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
// Speed: plain k-means costs N·k·D per pass. The k-means++ update, the Lloyd reassignment
// (kmeans-lloyd.ts) and the picking skip distances that the triangle inequality proves cannot
// matter; skips are only taken on strict inequalities, so the result equals plain Lloyd's (up to
// floating-point rounding in near-ties).
import { SelectionError } from '../errors';
import { Rng } from '../rng';
import { centreDist, centreDistances, refineCentres, sqDist } from './kmeans-lloyd';
import { allIndices, ascending, checkSize, groupByClass, type Budget } from './select';

export { ELKAN_MAX_BOUNDS, refineCentres } from './kmeans-lloyd';

export const DEFAULT_KMEANS_ITERATIONS = 20;

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
