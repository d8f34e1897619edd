// Geometry of a selected subset in a feature space, per class: how spread out the kept samples are
// and how well they cover their class. Used by `yoco diagnose` to explain why one selection rule
// trains better than another (e.g. easy-first keeping near-duplicates of the class prototype).

export interface SubsetGeometry {
  /** Mean pairwise distance among kept samples of a class ÷ the same among all its samples, averaged
   * over classes with ≥ 2 kept (1 ≈ as spread out as the class; below 1 = clustered). */
  readonly spread: number;
  /** Mean distance from every sample of a class to its nearest kept sample of that class ÷ the
   * class's mean pairwise distance, averaged over classes with ≥ 1 kept (lower = better covered). */
  readonly coverage: number;
  /** Classes with no kept sample. */
  readonly emptyClasses: number;
}

function distance(features: Float32Array, dim: number, a: number, b: number): number {
  let s = 0;
  for (let k = 0; k < dim; k++) {
    const d = features[a * dim + k]! - features[b * dim + k]!;
    s += d * d;
  }
  return Math.sqrt(s);
}

function meanPairwise(features: Float32Array, dim: number, members: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      sum += distance(features, dim, members[i]!, members[j]!);
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

/** Per-class geometry of `kept` (sample indices) among all samples, `dim` features per sample. */
export function subsetGeometry(
  features: Float32Array,
  dim: number,
  labels: ArrayLike<number>,
  numClasses: number,
  kept: ArrayLike<number>,
): SubsetGeometry {
  if (features.length !== labels.length * dim) {
    throw new RangeError(`${features.length} feature values for ${labels.length} samples × ${dim}`);
  }
  const members: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < labels.length; i++) members[labels[i]!]!.push(i);
  const keptBy: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < kept.length; i++) keptBy[labels[kept[i]!]!]!.push(kept[i]!);
  let spreadSum = 0;
  let spreadN = 0;
  let coverSum = 0;
  let coverN = 0;
  let empty = 0;
  for (let c = 0; c < numClasses; c++) {
    const all = members[c]!;
    const sel = keptBy[c]!;
    const scale = meanPairwise(features, dim, all);
    if (sel.length === 0) {
      empty++;
      continue;
    }
    if (sel.length >= 2) {
      spreadSum += meanPairwise(features, dim, sel) / scale;
      spreadN++;
    }
    let nearest = 0;
    for (const i of all) {
      let best = Infinity;
      for (const s of sel) best = Math.min(best, distance(features, dim, i, s));
      nearest += best;
    }
    coverSum += nearest / all.length / scale;
    coverN++;
  }
  return {
    spread: spreadN ? spreadSum / spreadN : NaN,
    coverage: coverN ? coverSum / coverN : NaN,
    emptyClasses: empty,
  };
}
