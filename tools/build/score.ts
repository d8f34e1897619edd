// Scoring a condensed set (design.md §6c), shared by `yoco build` and `yoco import`: R scoring runs
// of E epochs of ConvNet-D3 on its decoded samples with a dynamics recorder give LBPE and the
// baseline scores, averaged over runs, with each score's run-vs-run Spearman and the first run's
// penultimate features. Each run is a cached stage, so a stopped build or import resumes at the
// first run it had not finished. Also the stage timer and training protocol both commands use,
// and the manifest's `scoring` block.
import { pairwiseSpearman } from '../lib/spearman';
import { runStage, type StageContext, type StageResult } from './cache';
import { binaryCodec } from './cache-codecs';
import type { Condensed } from './condense-types';
import { BUILD_DEFAULTS, type BuildParams } from './params';
import { train } from '../../src/engine/train/train';
import { predict } from '../../src/engine/train/evaluate';
import type { Normalization } from '../../src/engine/train/normalize';
import { lossScores, entropyScores } from '../../src/engine/scores/final';
import { DynamicsRecorder } from '../../src/engine/scores/dynamics';
import { averageRuns } from '../../src/engine/scores/combine';
import { decodeSamples, sampleLabels } from '../../src/engine/decode';
import {
  SCORE_NAMES,
  type ImageShape,
  type ScoreName,
  type TrainConfig,
} from '../../src/engine/types';
import { DEFAULT_TRAIN } from '../../src/engine/config';
import { formatDuration } from '../lib/progress';

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
] as const satisfies readonly (keyof BuildParams)[];
export type ScoreParams = Pick<BuildParams, (typeof SCORE_PARAMS)[number]>;

export interface ScoringRun {
  readonly scores: Record<ScoreName, Float64Array>;
  readonly features: Float32Array;
  readonly featureDim: number;
  readonly epochAccuracy: Float64Array;
  readonly finalTrainAccuracy: number;
}

export interface ScoringOutcome {
  readonly scores: Record<ScoreName, Float64Array>;
  readonly features: Float32Array;
  readonly featureDim: number;
  readonly runs: ScoringRun[];
  /** Per score, Spearman's ρ between every pair of scoring runs (how reproducible the ranking is). */
  readonly runAgreement: Record<ScoreName, number[]>;
}

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

/** The training protocol of a builder run (no evaluation during training). */
export function builderTrainConfig(
  p: Pick<BuildParams, 'batchSize'>,
  flip: boolean,
  epochs: number,
  seed: number,
  extra: Pick<TrainConfig, 'scheduleEpochs' | 'cutmix'> = {},
): TrainConfig {
  return { ...DEFAULT_TRAIN, batchSize: p.batchSize, epochs, seed, flip, evalEvery: -1, ...extra };
}

/** The seed of scoring run r. */
const runSeed = (p: ScoreParams, r: number) => p.seed * 1000 + 101 * (r + 1);

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
export async function scoreCondensed(s: ScoringInput): Promise<ScoringOutcome> {
  const { condensed, p, log, flip } = s;
  const K = s.classCount;
  const samples = decodeSamples(condensed.images, s.shape, condensed.count, s.factor);
  const labels = sampleLabels(condensed.labels, s.factor);
  const runs: ScoringRun[] = [];
  const started = performance.now();
  for (let r = 0; r < p.runs; r++) {
    const seed = runSeed(p, r);
    // A cache-key entry only when CutMix differs from its default, so the stages cached before
    // the parameter existed stay valid.
    const cutmixKey = p.scoreCutmix === BUILD_DEFAULTS.scoreCutmix ? {} : { cutmix: p.scoreCutmix };
    const stage = await s.timed(`scores-run-${r}`, () =>
      runStage(
        s.ctx,
        'scores-run',
        {
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
        },
        async () => {
          const recorder = new DynamicsRecorder(labels.length, K, p.scoreEpochs);
          const out = await train({
            model: { width: p.scoreWidth, depth: p.depth, seed },
            train: { samples, labels, shape: s.shape, numClasses: K },
            normalization: s.normalization,
            config: builderTrainConfig(p, flip, p.scoreEpochs, seed, {
              scheduleEpochs: p.scoreScheduleEpochs,
              cutmix: p.scoreCutmix,
            }),
            dynamics: recorder,
            keepModel: true,
            onEpoch: (e) => {
              if (e.epoch % 10 === 0 || e.epoch === e.epochs) {
                // ETA over every run: epochs left at this run's rate.
                const done = r * e.epochs + e.epoch;
                const secondsPerEpoch = (performance.now() - started) / 1000 / Math.max(1, done);
                const eta = formatDuration((p.runs * e.epochs - done) * secondsPerEpoch);
                log(
                  `scoring run ${r + 1}/${p.runs} epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)}, train ${(100 * e.trainAccuracy).toFixed(1)}%, ${e.samplesPerSec.toFixed(0)} samples/s, ETA ${eta}`,
                );
              }
            },
          });
          const model = out.model!;
          try {
            const pr = await predict(model, samples, s.normalization);
            const acc = recorder.epochAccuracy();
            return {
              scores: {
                ...recorder.scores(p.scoreEpochs, p.topK),
                entropy: entropyScores(pr.probs, K),
                loss: lossScores(pr.probs, labels, K),
              },
              features: pr.features,
              featureDim: pr.featureSize,
              epochAccuracy: Float64Array.from(acc),
              finalTrainAccuracy: acc[acc.length - 1] ?? NaN,
            };
          } finally {
            model.dispose();
          }
        },
        binaryCodec<ScoringRun>(),
        [s.upstream],
      ),
    );
    runs.push(stage.value);
  }
  const scores = {} as Record<ScoreName, Float64Array>;
  const runAgreement = {} as Record<ScoreName, number[]>;
  for (const name of SCORE_NAMES) {
    scores[name] = averageRuns(runs.map((run) => run.scores[name]));
    runAgreement[name] = pairwiseSpearman(runs.map((run) => run.scores[name])).map(
      (v) => Math.round(v * 1e4) / 1e4,
    );
  }
  return {
    scores,
    features: runs[0]!.features,
    featureDim: runs[0]!.featureDim,
    runs,
    runAgreement,
  };
}

/** The manifest's `scoring` block. */
export function scoringManifest(p: ScoreParams, outcome: ScoringOutcome) {
  return {
    model: `ConvNet-D${p.depth}`,
    params: {
      width: p.scoreWidth,
      E: p.scoreEpochs,
      K: p.topK,
      R: p.runs,
      epochs: p.scoreEpochs,
      scheduleEpochs: p.scoreScheduleEpochs,
      batchSize: p.batchSize,
      cutmix: p.scoreCutmix,
      runSpearman: outcome.runAgreement,
      seeds: Array.from({ length: p.runs }, (_, r) => runSeed(p, r)),
      finalTrainAccuracy: outcome.runs.map((r) => r.finalTrainAccuracy),
      entropyLoss: 'final model of each scoring run, evaluation mode, averaged over runs',
      features: 'penultimate features of the first scoring run (k-means selection)',
    },
  };
}

/** The bundle's `features` input from a scoring outcome. */
export function scoringFeatures(p: ScoreParams, outcome: ScoringOutcome) {
  return {
    values: outcome.features,
    dim: outcome.featureDim,
    model: `ConvNet-D${p.depth} width ${p.scoreWidth}, scoring run 1`,
  };
}
