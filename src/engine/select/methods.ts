// One entry point for every selection method (SPEC §2–3) with each method's defaults.
//
// Defaults, and why:
// - yoco: LBPE, prefer easy, balanced: YOCO's two rules. It is fixed: `prefer` and `balanced`
//   options are ignored for 'yoco'. 'lbpe' is the same score with both choices configurable
//   (default easy + balanced).
// - el2n, forgetting, aum, entropy, loss: prefer HARD, imbalanced, i.e. as in the papers they come
//   from (they keep the hard samples and rank globally). The YOCO paper compares them this way at
//   the same IPC_T, i.e. the same total budget n · classes: its Table 1 numbers for these
//   baselines equal the un-reversed rows of Table 4 and the non-balanced rows of Table 5
//   (Tables 4 and 5 are the experiments that flip those choices). 'loss' is not in the paper and
//   follows entropy. AUM's order is reversed internally (low AUM = hard).
// - random, kmeans (SSP), ccs: imbalanced (YOCO's random baseline and SSP in Table 1 equal their
//   non-balanced Table 5 rows; CCS ranks globally). `prefer` does not apply to them and is ignored.
// - kmeans needs the final model's penultimate features (SelectionError without them).
// - seed defaults to 0.
import { SelectionError } from '../errors';
import type { MethodName, Preference, ScoreName, ScoreTable } from '../types';
import { selectCcs } from './ccs';
import { selectKMeans } from './kmeans';
import { selectRandom } from './random';
import { selectByScore } from './select';

export interface MethodInfo {
  /** Score the method ranks by (ccs ranks by EL2N inside its own procedure). */
  readonly score?: ScoreName;
  /** Only for score-ranked methods: does a higher score mean harder? */
  readonly higherIsHarder?: boolean;
  readonly prefer: Preference;
  readonly balanced: boolean;
  /** Options cannot change it (yoco). */
  readonly fixed: boolean;
  /** `prefer` has an effect. */
  readonly usesPreference: boolean;
}

export const METHOD_INFO: Readonly<Record<MethodName, MethodInfo>> = {
  yoco: {
    score: 'lbpe',
    higherIsHarder: true,
    prefer: 'easy',
    balanced: true,
    fixed: true,
    usesPreference: true,
  },
  lbpe: {
    score: 'lbpe',
    higherIsHarder: true,
    prefer: 'easy',
    balanced: true,
    fixed: false,
    usesPreference: true,
  },
  el2n: {
    score: 'el2n',
    higherIsHarder: true,
    prefer: 'hard',
    balanced: false,
    fixed: false,
    usesPreference: true,
  },
  forgetting: {
    score: 'forgetting',
    higherIsHarder: true,
    prefer: 'hard',
    balanced: false,
    fixed: false,
    usesPreference: true,
  },
  aum: {
    score: 'aum',
    higherIsHarder: false,
    prefer: 'hard',
    balanced: false,
    fixed: false,
    usesPreference: true,
  },
  entropy: {
    score: 'entropy',
    higherIsHarder: true,
    prefer: 'hard',
    balanced: false,
    fixed: false,
    usesPreference: true,
  },
  loss: {
    score: 'loss',
    higherIsHarder: true,
    prefer: 'hard',
    balanced: false,
    fixed: false,
    usesPreference: true,
  },
  random: { prefer: 'easy', balanced: false, fixed: false, usesPreference: false },
  ccs: { score: 'el2n', prefer: 'hard', balanced: false, fixed: false, usesPreference: false },
  kmeans: { prefer: 'easy', balanced: false, fixed: false, usesPreference: false },
};

export interface SelectInput {
  readonly scores: ScoreTable;
  readonly labels: Int32Array;
  readonly numClasses: number;
  /** Row-major [N, featureDim] penultimate features (kmeans only). */
  readonly features?: Float32Array;
  readonly featureDim?: number;
}

export interface SelectOpts {
  readonly perClass: number;
  readonly prefer?: Preference;
  readonly balanced?: boolean;
  readonly seed?: number;
}

/** Ascending indices of the samples `method` keeps. */
export function selectIndices(
  method: MethodName,
  input: SelectInput,
  opts: SelectOpts,
): Int32Array {
  const info = METHOD_INFO[method];
  if (!info) throw new SelectionError(`unknown selection method "${String(method)}"`);
  const prefer = info.fixed ? info.prefer : (opts.prefer ?? info.prefer);
  const balanced = info.fixed ? info.balanced : (opts.balanced ?? info.balanced);
  const seed = opts.seed ?? 0;
  const { labels, numClasses } = input;
  const perClass = opts.perClass;
  switch (method) {
    case 'random':
      return selectRandom(labels, numClasses, { perClass, balanced, seed });
    case 'ccs':
      return selectCcs(scoreOf(input.scores, 'el2n'), labels, numClasses, {
        perClass,
        balanced,
        seed,
      });
    case 'kmeans': {
      if (!input.features || !input.featureDim) {
        throw new SelectionError(
          'k-means selection needs the penultimate features of the final model',
        );
      }
      return selectKMeans(input.features, input.featureDim, labels, numClasses, {
        perClass,
        balanced,
        seed,
      });
    }
    default:
      return selectByScore(scoreOf(input.scores, info.score!), labels, numClasses, {
        perClass,
        prefer,
        balanced,
        higherIsHarder: info.higherIsHarder!,
      });
  }
}

function scoreOf(scores: ScoreTable, name: ScoreName): Float64Array {
  const s = scores[name];
  if (!s) throw new SelectionError(`the "${name}" score is missing`);
  return s;
}
