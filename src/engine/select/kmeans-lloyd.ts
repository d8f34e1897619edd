// Lloyd refinement for k-means selection (kmeans.ts), accelerated by Elkan's bounds (a lower bound
// per point and centre) or, when N·k of them would take too much memory, Hamerly's (one bound on
// the second-nearest centre). Skips are only taken on strict inequalities, so the result equals
// plain Lloyd's (up to floating-point rounding in near-ties). Also the distance helpers the rest
// of k-means shares.

/** Largest N·k for which Elkan's per-centre lower bounds (Float64) are kept. */
export const ELKAN_MAX_BOUNDS = 1 << 22;

/** Squared distance between feature row `po` and centre row `co` (offsets, length dim). */
export function sqDist(
  f: Float32Array,
  po: number,
  c: Float64Array,
  co: number,
  dim: number,
): number {
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
export function centreDist(c: Float64Array, a: number, b: number, dim: number): number {
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
export function centreDistances(c: Float64Array, k: number, dim: number): Float64Array {
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

/**
 * The nearest centre `a` of the point at offset `po`, its distance `d1` and the second-smallest
 * distance `d2` (ties → the lower centre); every distance is also written to `out` from `at`.
 */
function twoNearest(
  f: Float32Array,
  po: number,
  centres: Float64Array,
  k: number,
  dim: number,
  out: Float64Array | null,
  at: number,
): { a: number; d1: number; d2: number } {
  let d1 = Infinity;
  let d2 = Infinity;
  let a = 0;
  for (let c = 0; c < k; c++) {
    const d = Math.sqrt(sqDist(f, po, centres, c * dim, dim));
    if (out) out[at + c] = d;
    if (d < d1) {
      d2 = d1;
      d1 = d;
      a = c;
    } else if (d < d2) d2 = d;
  }
  return { a, d1, d2 };
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
    const near = twoNearest(features, pool[t]! * dim, centres, k, dim, elkan ? lower : null, t * k);
    assign[t] = near.a;
    upper[t] = near.d1;
    if (!elkan) lower[t] = near.d2;
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
        const near = twoNearest(features, po, centres, k, dim, null, 0);
        a = near.a;
        upper[t] = near.d1;
        lower[t] = near.d2;
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
