// Node's side of scoring a condensed set (the loop itself is the engine's scoreSet,
// src/engine/scores/score-set.ts, which the app's worker runs too), shared by `yoco build` and
// `yoco import`: each scoring run is a cached stage, so a stopped build or import resumes at the
// first run it had not finished, and progress is logged every 10 epochs. Also the stage timer both
// commands use.
import { runStage, type StageContext, type StageResult } from './cache';
import { binaryCodec } from './cache-codecs';
import type { Condensed } from './condense-types';
import { BUILD_DEFAULTS, type BuildParams } from './params';
import type { Normalization } from '../../src/engine/train/normalize';
import {
  scoreSet,
  type ScoreParams,
  type ScoringOutcome,
  type ScoringRun,
} from '../../src/engine/scores/score-set';
import type { ImageShape } from '../../src/engine/types';
import { formatDuration } from '../lib/progress';

export {
  builderTrainConfig,
  scoringFeatures,
  scoringManifest,
  type ScoreParams,
  type ScoringOutcome,
  type ScoringRun,
} from '../../src/engine/scores/score-set';

/** The parameters scoring reads (the builder's; `yoco import` takes the same flags). */
export const SCORE_PARAMS = [
  'scoreWidth',
  'scoreEpochs',
  'topK',
  'runs',
  'scoreScheduleEpochs',
  'scoreCutmix',
  'depth',
  'batchSize',
  'seed',
] as const satisfies readonly (keyof BuildParams & keyof ScoreParams)[];

/** Runs a stage and records its time under `name`. */
export type StageTimer = <T>(
  name: string,
  run: () => Promise<StageResult<T>>,
) => Promise<StageResult<T>>;

/** A StageTimer that fills `stageSeconds` and `cachedStages` and logs each stage. */
export function stageTimer(
  log: (m: string) => void,
  stageSeconds: Record<string, number>,
  cachedStages: string[],
): StageTimer {
  return async (name, run) => {
    const t0 = performance.now();
    const r = await run();
    stageSeconds[name] = (performance.now() - t0) / 1000;
    if (r.cached) cachedStages.push(name);
    log(`stage ${name}: ${r.cached ? 'cached' : 'done'} in ${stageSeconds[name]!.toFixed(1)} s`);
    return r;
  };
}

export interface ScoringInput {
  readonly condensed: Condensed;
  readonly shape: ImageShape;
  readonly factor: number;
  readonly classCount: number;
  readonly normalization: Normalization;
  readonly p: ScoreParams;
  readonly flip: boolean;
  readonly ctx: StageContext;
  readonly log: (m: string) => void;
  readonly timed: StageTimer;
  /** The stage the condensed set came from (its hash keys the scoring runs' cache entries). */
  readonly upstream: { readonly hash: string };
}

/** R cached scoring runs on the decoded condensed set, combined. */
export function scoreCondensed(s: ScoringInput): Promise<ScoringOutcome> {
  const { p, flip, log } = s;
  // A cache-key entry only when CutMix differs from its default, so the stages cached before
  // the parameter existed stay valid.
  const cutmixKey = p.scoreCutmix === BUILD_DEFAULTS.scoreCutmix ? {} : { cutmix: p.scoreCutmix };
  return scoreSet(
    {
      ...s.condensed,
      shape: s.shape,
      factor: s.factor,
      classCount: s.classCount,
      normalization: s.normalization,
      flip,
    },
    p,
    {
      onEvent: (e) => {
        if (e.epoch % 10 === 0 || e.epoch === e.epochs) {
          log(
            `scoring run ${e.run}/${e.runs} epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)}, train ${(100 * e.trainAccuracy).toFixed(1)}%, ${e.samplesPerSec.toFixed(0)} samples/s, ETA ${formatDuration(e.etaSeconds)}`,
          );
        }
      },
      cachedRun: async (r, seed, compute) => {
        const key = {
          run: r,
          seed,
          width: p.scoreWidth,
          depth: p.depth,
          E: p.scoreEpochs,
          K: p.topK,
          schedule: p.scoreScheduleEpochs,
          batch: p.batchSize,
          flip,
          ...cutmixKey,
        };
        const stage = await s.timed(`scores-run-${r}`, () =>
          runStage(s.ctx, 'scores-run', key, compute, binaryCodec<ScoringRun>(), [s.upstream]),
        );
        return stage.value;
      },
    },
  );
}
