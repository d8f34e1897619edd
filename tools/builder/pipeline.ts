// The bundle builder's pipeline (design.md §6): condense the real data once, with RDED-style selection
// (condense-rded.ts) or distribution matching (condense-dm.ts), then score the condensed set: LBPE
// and the baseline scores from R scoring runs on its decoded samples (score.ts, shared with
// `yoco import`). Every stage is cached by its inputs (cache.ts), so a stopped build resumes.
import type { StageContext } from './cache';
import { condenseDm } from './condense-dm';
import { condenseRded } from './condense-rded';
import type { Condensed, CondenseInput } from './condense-types';
import { BUILD_DEFAULTS, type BuildParams } from './params';
import {
  builderTrainConfig,
  scoreCondensed,
  stageTimer,
  type ScoringOutcome,
  type ScoringRun,
} from './score';
import type { ImportedDataset } from '../datasets';
import { computeNormalization, type Normalization } from '../../src/engine/train/normalize';

export type { Condensed } from './condense-types';

export type { ScoringRun };

export interface BuildOutcome extends ScoringOutcome {
  readonly normalization: Normalization;
  readonly condensed: Condensed;
  /** The manifest's `condensation` block, from the condensation method. */
  readonly condensation: { readonly method: string; readonly params: Record<string, unknown> };
  readonly stageSeconds: Record<string, number>;
  readonly cachedStages: string[];
}

export interface BuildOptions {
  /** DM iterations at which to probe the synthetic set's full-set accuracy (0 and the end always). */
  readonly probeAt?: readonly number[];
}

/** Run every stage (cached) and return what the bundle needs. */
export async function buildBundle(
  data: ImportedDataset,
  p: BuildParams,
  flip: boolean,
  ctx: StageContext,
  log: (m: string) => void,
  opts: BuildOptions = {},
): Promise<BuildOutcome> {
  const K = data.classes.length;
  const stageSeconds: Record<string, number> = {};
  const cachedStages: string[] = [];
  const timed = stageTimer(log, stageSeconds, cachedStages);
  const normalization = computeNormalization(data.train.images, data.shape[2]);
  // Cache-key entries for parameters added after the shipped bundle was built: present only when
  // they differ from their defaults, so the stages cached before they existed stay valid.
  const unlessDefault = <Key extends keyof BuildParams>(
    key: Key,
    name: string,
  ): Record<string, BuildParams[Key]> => (p[key] === BUILD_DEFAULTS[key] ? {} : { [name]: p[key] });
  const trainConfig: CondenseInput['trainConfig'] = (epochs, seed, extra) =>
    builderTrainConfig(p, flip, epochs, seed, extra);
  const input: CondenseInput = {
    data,
    p,
    flip,
    ctx,
    log,
    timed,
    normalization,
    unlessDefault,
    trainConfig,
  };
  const condensation =
    p.condense === 'dm' ? await condenseDm(input, opts.probeAt ?? []) : await condenseRded(input);
  const condensed = condensation.condensed;

  const scoring: ScoringOutcome = await scoreCondensed({
    condensed,
    shape: data.shape,
    factor: p.factor,
    classCount: K,
    normalization,
    p,
    flip,
    ctx,
    log,
    timed,
    upstream: condensation.stage,
  });
  return {
    normalization,
    condensed,
    condensation: condensation.manifest,
    ...scoring,
    stageSeconds,
    cachedStages,
  };
}
