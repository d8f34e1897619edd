// Scores from the final model's evaluation-mode probabilities (design.md §2): entropy −Σ p log p and
// loss −log p_y (natural log). High = hard for both. Terms with p = 0 contribute 0 to the
// entropy; p_y is clamped at 1e-12 so the loss stays finite (bundle scores must be finite).
import { ConfigError } from '../errors';

export const MIN_PROB = 1e-12;

function rowsOf(probs: ArrayLike<number>, numClasses: number, what: string): number {
  if (!Number.isInteger(numClasses) || numClasses < 1 || probs.length % numClasses !== 0) {
    throw new ConfigError(
      `${what}: ${probs.length} probabilities are not a whole number of rows of ${numClasses} classes`,
    );
  }
  return probs.length / numClasses;
}

/** Entropy of each row of the row-major `[N, classes]` probabilities. */
export function entropyScores(probs: ArrayLike<number>, numClasses: number): Float64Array {
  const n = rowsOf(probs, numClasses, 'entropy');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let k = 0; k < numClasses; k++) {
      const p = probs[i * numClasses + k]!;
      if (p > 0) h -= p * Math.log(p);
    }
    out[i] = h;
  }
  return out;
}

/** Cross-entropy loss −log p_y of each row. */
export function lossScores(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  numClasses: number,
): Float64Array {
  const n = rowsOf(probs, numClasses, 'loss');
  if (labels.length !== n)
    throw new ConfigError(`loss: ${n} probability rows but ${labels.length} labels`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = labels[i]!;
    if (!(Number.isInteger(y) && y >= 0 && y < numClasses)) {
      throw new ConfigError(`loss: label ${y} of sample ${i} is outside 0…${numClasses - 1}`);
    }
    out[i] = 0 - Math.log(Math.max(probs[i * numClasses + y]!, MIN_PROB));
  }
  return out;
}
