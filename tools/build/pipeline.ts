// The bundle builder's pipeline (design.md §6): condense the real data once, with RDED-style selection
// (condense-rded.ts) or distribution matching (condense-dm.ts), then score the condensed set: LBPE
// and the baseline scores from R scoring runs on its decoded samples. Every stage is cached by its
// inputs (cache.ts), so a stopped build resumes.
import { pairwiseSpearman } from '../lib/spearman';
import { runStage, type StageContext, type StageResult } from './cache';
import { binaryCodec } from './cache-codecs';
import { condenseDm } from './condense-dm';
import { condenseRded } from './condense-rded';
import type { Condensed, CondenseInput } from './condense-types';
import { BUILD_DEFAULTS, type BuildParams } from './params';
import type { ImportedDataset } from '../lib/import';
import { train } from '../../src/engine/train/train';
import { predict } from '../../src/engine/train/evaluate';
import { computeNormalization, type Normalization } from '../../src/engine/train/normalize';
import { lossScores, entropyScores } from '../../src/engine/scores/final';
import { DynamicsRecorder } from '../../src/engine/scores/dynamics';
import { averageRuns } from '../../src/engine/scores/combine';
import { decodeSamples, sampleLabels } from '../../src/engine/decode';
import { SCORE_NAMES, type ScoreName, type TrainConfig } from '../../src/engine/types';
import { DEFAULT_TRAIN } from '../../src/engine/config';

export type { Condensed } from './condense-types';

export interface ScoringRun {
  readonly scores: Record<ScoreName, Float64Array>;
  readonly features: Float32Array;
  readonly featureDim: number;
  readonly epochAccuracy: Float64Array;
  readonly finalTrainAccuracy: number;
}

export interface BuildOutcome {
  readonly normalization: Normalization;
  readonly condensed: Condensed;
  /** The manifest's `condensation` block, from the condensation method. */
  readonly condensation: { readonly method: string; readonly params: Record<string, unknown> };
  readonly scores: Record<ScoreName, Float64Array>;
  readonly features: Float32Array;
  readonly featureDim: number;
  readonly runs: ScoringRun[];
  /** Per score, Spearman's ρ between every pair of scoring runs (how reproducible the ranking is). */
  readonly runAgreement: Record<ScoreName, number[]>;
  readonly stageSeconds: Record<string, number>;
  readonly cachedStages: string[];
}

export interface BuildOptions {
  /** DM iterations at which to probe the synthetic set's full-set accuracy (0 and the end always). */
  readonly probeAt?: readonly number[];
}

/** Run every stage (cached) and return what the bundle needs. */
export async function runBuild(
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
  const timed = async <T>(
    name: string,
    run: () => Promise<StageResult<T>>,
  ): Promise<StageResult<T>> => {
    const t0 = performance.now();
    const r = await run();
    stageSeconds[name] = (performance.now() - t0) / 1000;
    if (r.cached) cachedStages.push(name);
    log(`stage ${name}: ${r.cached ? 'cached' : 'done'} in ${stageSeconds[name]!.toFixed(1)} s`);
    return r;
  };
  const normalization = computeNormalization(data.train.images, data.shape[2]);
  // Cache-key entries for parameters added after the shipped bundle was built: present only when
  // they differ from their defaults, so the stages cached before they existed stay valid.
  const unlessDefault = <Key extends keyof BuildParams>(
    key: Key,
    name: string,
  ): Record<string, BuildParams[Key]> => (p[key] === BUILD_DEFAULTS[key] ? {} : { [name]: p[key] });
  const trainConfig = (
    epochs: number,
    seed: number,
    extra: Pick<TrainConfig, 'scheduleEpochs' | 'cutmix'> = {},
  ): TrainConfig => ({
    ...DEFAULT_TRAIN,
    batchSize: p.batchSize,
    epochs,
    seed,
    flip,
    evalEvery: -1,
    ...extra,
  });
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

  // Scores: R runs of E epochs on the decoded condensed set with a dynamics recorder.
  const samples = decodeSamples(condensed.images, data.shape, condensed.count, p.factor);
  const labels = sampleLabels(condensed.labels, p.factor);
  const runs: ScoringRun[] = [];
  for (let r = 0; r < p.runs; r++) {
    const runSeed = p.seed * 1000 + 101 * (r + 1);
    const stage = await timed(`scores-run-${r}`, () =>
      runStage(
        ctx,
        'scores-run',
        {
          run: r,
          seed: runSeed,
          width: p.scoreWidth,
          depth: p.depth,
          E: p.scoreEpochs,
          K: p.topK,
          schedule: p.scoreScheduleEpochs,
          batch: p.batchSize,
          flip,
          ...unlessDefault('scoreCutmix', 'cutmix'),
        },
        async () => {
          const recorder = new DynamicsRecorder(labels.length, K, p.scoreEpochs);
          const out = await train({
            model: { width: p.scoreWidth, depth: p.depth, seed: runSeed },
            train: { samples, labels, shape: data.shape, numClasses: K },
            normalization,
            config: trainConfig(p.scoreEpochs, runSeed, {
              scheduleEpochs: p.scoreScheduleEpochs,
              cutmix: p.scoreCutmix,
            }),
            dynamics: recorder,
            keepModel: true,
            onEpoch: (e) => {
              if (e.epoch % 10 === 0 || e.epoch === e.epochs) {
                log(
                  `scoring run ${r + 1}/${p.runs} epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)}, train ${(100 * e.trainAccuracy).toFixed(1)}%, ${e.samplesPerSec.toFixed(0)} samples/s`,
                );
              }
            },
          });
          const model = out.model!;
          try {
            const pr = await predict(model, samples, normalization);
            const dyn = recorder.scores(p.scoreEpochs, p.topK);
            const acc = recorder.epochAccuracy();
            return {
              scores: {
                ...dyn,
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
        [condensation.stage],
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
    normalization,
    condensed,
    condensation: condensation.manifest,
    scores,
    features: runs[0]!.features,
    featureDim: runs[0]!.featureDim,
    runs,
    runAgreement,
    stageSeconds,
    cachedStages,
  };
}
