// One entry point for every selection method (design.md §2–3): a request (a Selection, selection.ts,
// with the samples to keep per class and a seed) in, ascending sample indices out.
// - Score-ranked methods (lbpe/yoco, el2n, forgetting, aum, entropy, loss) order by their score;
//   AUM's order is reversed (low AUM = hard). ccs ranks by EL2N inside its own procedure.
// - kmeans needs the final model's penultimate features (SelectionError without them).
// - prefix keeps each class's first samples in stored order (a multisize bundle's nested sets).
// - seed defaults to 0.
import type { SelectRequest } from '../api';
import { SelectionError } from '../errors';
import type { MethodName, ScoreName, ScoreTable } from '../types';
import { selectCcs } from './ccs';
import { selectKMeans } from './kmeans';
import { selectPrefix } from './prefix';
import { selectRandom } from './random';
import { selectByScore, type Budget } from './select';
import { normalizeSelection } from './selection';

/** The score each score-ranked method orders by, and whether a higher score means harder. */
export const METHOD_SCORES: Readonly<
  Partial<Record<MethodName, { readonly score: ScoreName; readonly higherIsHarder: boolean }>>
> = {
  yoco: { score: 'lbpe', higherIsHarder: true },
  lbpe: { score: 'lbpe', higherIsHarder: true },
  el2n: { score: 'el2n', higherIsHarder: true },
  forgetting: { score: 'forgetting', higherIsHarder: true },
  aum: { score: 'aum', higherIsHarder: false },
  entropy: { score: 'entropy', higherIsHarder: true },
  loss: { score: 'loss', higherIsHarder: true },
};

export interface SelectInput {
  readonly scores: ScoreTable;
  readonly labels: Int32Array;
  readonly numClasses: number;
  /** Row-major [N, featureDim] penultimate features (kmeans only). */
  readonly features?: Float32Array;
  readonly featureDim?: number;
}

/** Ascending indices of the samples `request` keeps. */
export function selectIndices(request: SelectRequest, input: SelectInput): Int32Array {
  const { method, prefer, balanced } = normalizeSelection(request);
  const budget: Budget = { perClass: request.perClass, balanced, seed: request.seed ?? 0 };
  const { labels, numClasses } = input;
  switch (method) {
    case 'random':
      return selectRandom(labels, numClasses, budget);
    case 'prefix':
      return selectPrefix(labels, numClasses, budget.perClass);
    case 'ccs':
      return selectCcs(scoreOf(input.scores, 'el2n'), labels, numClasses, budget);
    case 'kmeans': {
      if (!input.features || !input.featureDim) {
        throw new SelectionError(
          'k-means selection needs the penultimate features of the final model',
        );
      }
      return selectKMeans(input.features, input.featureDim, labels, numClasses, budget);
    }
    default: {
      const { score, higherIsHarder } = METHOD_SCORES[method]!;
      return selectByScore(scoreOf(input.scores, score), labels, numClasses, {
        ...budget,
        prefer,
        higherIsHarder,
      });
    }
  }
}

function scoreOf(scores: ScoreTable, name: ScoreName): Float64Array {
  const s = scores[name];
  if (!s) throw new SelectionError(`the "${name}" score is missing`);
  return s;
}
