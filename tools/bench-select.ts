// Small benchmark (not a test): selection time per method for 4000 samples (10 classes × 400,
// e.g. IPC_F = 100 with f = 2), keeping 20 per class. Prints the median of repeated runs after a
// warm-up. Usage: npx tsx tools/bench-select.ts
import { performance } from 'node:perf_hooks';
import { Rng } from '../src/engine/rng';
import { METHODS, SCORE_NAMES, type MethodName, type ScoreTable } from '../src/engine/types';
import { selectIndices, type SelectInput } from '../src/engine/select/methods';
import { parseSelection } from '../src/engine/select/selection';

const CLASSES = 10;
const PER_CLASS_POOL = 400;
const N = CLASSES * PER_CLASS_POOL;
const KEEP = 20;

const rng = new Rng(1);
const labels = Int32Array.from({ length: N }, (_, i) => Math.floor(i / PER_CLASS_POOL));
const scores = Object.fromEntries(
  SCORE_NAMES.map((name) => [name, Float64Array.from({ length: N }, () => rng.next())]),
) as ScoreTable;

function features(dim: number): Float32Array {
  const f = new Float32Array(N * dim);
  for (let i = 0; i < N; i++) {
    for (let d = 0; d < dim; d++)
      f[i * dim + d] = rng.normal() + (d % CLASSES === labels[i] ? 3 : 0);
  }
  return f;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function bench(
  label: string,
  method: MethodName,
  input: SelectInput,
  balanced: boolean,
  runs: number,
): void {
  const request = { ...parseSelection(method), balanced, perClass: KEEP, seed: 0 };
  selectIndices(request, input); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const out = selectIndices({ ...request, seed: r }, input);
    times.push(performance.now() - t0);
    if (out.length !== KEEP * CLASSES) throw new Error(`${label}: kept ${out.length}`);
  }
  console.log(
    `${label.padEnd(34)} ${median(times).toFixed(3).padStart(10)} ms  (median of ${runs})`,
  );
}

console.log(
  `selection of ${KEEP}/class from ${N} samples (${CLASSES} classes × ${PER_CLASS_POOL})`,
);
const base: SelectInput = { scores, labels, numClasses: CLASSES };
for (const m of METHODS) {
  if (m === 'kmeans') continue;
  bench(`${m} (balanced)`, m, base, true, 50);
  if (m !== 'yoco') bench(`${m} (imbalanced)`, m, base, false, 50);
}
for (const dim of [128, 2048]) {
  const withF: SelectInput = { ...base, features: features(dim), featureDim: dim };
  bench(`kmeans D=${dim} (balanced, k=${KEEP}/class)`, 'kmeans', withF, true, 3);
  bench(
    `kmeans D=${dim} (imbalanced, k=${KEEP * CLASSES})`,
    'kmeans',
    withF,
    false,
    dim > 128 ? 1 : 3,
  );
}
