// Spearman rank correlation (average ranks for ties), used to report how well independent scoring
// runs agree on a score and how two scores relate.

/** 0-based ranks with ties given their average rank. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    const r = (i + j) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]!] = r;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's ρ of two equally long series; NaN when either is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new RangeError(`spearman: lengths ${a.length} and ${b.length} differ`);
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const n = a.length;
  const mean = (n - 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = ra[i]! - mean;
    const y = rb[i]! - mean;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/** ρ of every pair of runs (0,1), (0,2), …, (1,2), …, in that order. */
export function pairwiseSpearman(runs: readonly ArrayLike<number>[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs.length; i++)
    for (let j = i + 1; j < runs.length; j++) out.push(spearman(runs[i]!, runs[j]!));
  return out;
}
