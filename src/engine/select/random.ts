// Random selection (design.md §2–3): seeded uniform choice. Imbalanced draws `perClass · classes`
// samples uniformly from the whole set (class counts vary); balanced draws exactly `perClass`
// uniformly within each class (classes in order, one generator). Preferences do not apply.
import { Rng } from '../rng';
import { ascending, checkSize, groupByClass, allIndices, type Budget } from './select';

/** `count` distinct entries of `pool`, uniformly (partial Fisher–Yates on a copy). */
export function sampleWithoutReplacement(pool: Int32Array, count: number, rng: Rng): Int32Array {
  const a = pool.slice();
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(a.length - i);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.subarray(0, count);
}

export function selectRandom(labels: Int32Array, numClasses: number, opts: Budget): Int32Array {
  const groups = groupByClass(labels, numClasses);
  checkSize(groups, opts.perClass, opts.balanced);
  const rng = new Rng(opts.seed);
  if (opts.balanced)
    return ascending(groups.map((g) => sampleWithoutReplacement(g, opts.perClass, rng)));
  return ascending([
    sampleWithoutReplacement(allIndices(labels.length), opts.perClass * numClasses, rng),
  ]);
}
