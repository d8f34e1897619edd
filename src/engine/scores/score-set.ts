// Scoring a condensed set (design.md §6c), the one loop that `yoco build`, `yoco import` and the
// app's "Open a condensed set…" run: R scoring runs of E epochs of ConvNet-D on its decoded
// samples with a dynamics recorder give LBPE and the baseline scores, averaged over runs, with
// each score's run-vs-run Spearman and the first run's penultimate features. Pure: Node wraps each
// run in its stage cache through `cachedRun`; the worker reports `progress` events and stops on
// its signal. Also the scoring runs' training protocol and the manifest's `scoring` block.
import { DEFAULT_TRAIN, MODEL, TRAINING } from '../config';
import { decodeSamples, sampleLabels } from '../decode';
import { throwIfAborted } from '../errors';
import { predict } from '../train/evaluate';
import type { Normalization } from '../train/normalize';
import { train } from '../train/train';
import {
  SCORE_NAMES,
  type ImageShape,
  type ScoreName,
  type StoredImages,
  type TrainConfig,
} from '../types';
import { averageRuns } from './combine';
import { DynamicsRecorder } from './dynamics';
import { entropyScores, lossScores } from './final';
import { pairwiseSpearman } from './spearman';

/** How a set is scored: YOCO Algorithm 1's width, first E epochs, top-K epochs and R runs. */
export interface ScoreParams {
  readonly scoreWidth: number;
  readonly scoreEpochs: number;
  readonly topK: number;
  readonly runs: number;
  /** Length of the learning-rate schedule the scoring runs are the first E epochs of (the paper's
   * 1000: the rate stays at 0.01 through epoch E). */
  readonly scoreScheduleEpochs: number;
  /** CutMix probability in the scoring runs (design.md §5's 0.5; 0 records un-mixed forward passes). */
  readonly scoreCutmix: number;
  readonly depth: number;
  readonly batchSize: number;
  readonly seed: number;
}

/** The paper's scoring (E 100, K 10, R 3, ConvNet-D3 width 128; the builder's defaults). */
export const PAPER_SCORING: ScoreParams = {
  scoreWidth: MODEL.width,
  scoreEpochs: 100,
  topK: 10,
  runs: 3,
  scoreScheduleEpochs: TRAINING.epochs,
  scoreCutmix: TRAINING.cutmix,
  depth: MODEL.depth,
  batchSize: TRAINING.batchSize,
  seed: 0,
};

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

/** A condensed set as stored, with what decoding and training it needs. */
export interface ScoringInput {
  /** Stored images, NHWC, class-major: uint8, or float32 in pixel/255 units. */
  readonly images: StoredImages;
  readonly labels: Int32Array;
  readonly count: number;
  readonly shape: ImageShape;
  readonly factor: number;
  readonly classCount: number;
  readonly normalization: Normalization;
  readonly flip: boolean;
}

/** Progress of a scoring, after every epoch of every run. */
export interface ScoreProgress {
  readonly type: 'progress';
  /** 1-based run and epoch. */
  readonly run: number;
  readonly runs: number;
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
  readonly trainAccuracy: number;
  readonly samplesPerSec: number;
  /** Seconds left over every run, at the rate so far. */
  readonly etaSeconds: number;
}

export interface ScoreHooks {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: ScoreProgress) => void;
  /** Wraps run r's computation (Node: its stage cache; default: computes it). */
  readonly cachedRun?: (
    r: number,
    seed: number,
    compute: () => Promise<ScoringRun>,
  ) => Promise<ScoringRun>;
}

/** The training protocol of a builder or scoring run (no evaluation during training). */
export function builderTrainConfig(
  p: Pick<ScoreParams, 'batchSize'>,
  flip: boolean,
  epochs: number,
  seed: number,
  extra: Pick<TrainConfig, 'scheduleEpochs' | 'cutmix'> = {},
): TrainConfig {
  return { ...DEFAULT_TRAIN, batchSize: p.batchSize, epochs, seed, flip, evalEvery: -1, ...extra };
}

/** The seed of scoring run r. */
export const runSeed = (p: Pick<ScoreParams, 'seed'>, r: number): number =>
  p.seed * 1000 + 101 * (r + 1);

/** R scoring runs on the decoded set, combined. */
export async function scoreSet(
  s: ScoringInput,
  p: ScoreParams,
  hooks: ScoreHooks = {},
): Promise<ScoringOutcome> {
  const { signal, onEvent } = hooks;
  const K = s.classCount;
  const samples = decodeSamples(s.images, s.shape, s.count, s.factor);
  const labels = sampleLabels(s.labels, s.factor);
  const runs: ScoringRun[] = [];
  const started = performance.now();
  for (let r = 0; r < p.runs; r++) {
    throwIfAborted(signal);
    const seed = runSeed(p, r);
    const compute = async (): Promise<ScoringRun> => {
      const recorder = new DynamicsRecorder(labels.length, K, p.scoreEpochs);
      const out = await train({
        model: { width: p.scoreWidth, depth: p.depth, seed },
        train: { samples, labels, shape: s.shape, numClasses: K },
        normalization: s.normalization,
        config: builderTrainConfig(p, s.flip, p.scoreEpochs, seed, {
          scheduleEpochs: p.scoreScheduleEpochs,
          cutmix: p.scoreCutmix,
        }),
        dynamics: recorder,
        keepModel: true,
        ...(signal ? { signal } : {}),
        onEpoch: (e) => {
          // ETA over every run: epochs left at the rate so far.
          const done = r * e.epochs + e.epoch;
          const secondsPerEpoch = (performance.now() - started) / 1000 / Math.max(1, done);
          onEvent?.({
            type: 'progress',
            run: r + 1,
            runs: p.runs,
            epoch: e.epoch,
            epochs: e.epochs,
            loss: e.loss,
            trainAccuracy: e.trainAccuracy,
            samplesPerSec: e.samplesPerSec,
            etaSeconds: (p.runs * e.epochs - done) * secondsPerEpoch,
          });
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
    };
    runs.push(await (hooks.cachedRun ? hooks.cachedRun(r, seed, compute) : compute()));
  }
  const scores = {} as Record<ScoreName, Float64Array>;
  const runAgreement = {} as Record<ScoreName, number[]>;
  for (const name of SCORE_NAMES) {
    scores[name] = averageRuns(runs.map((run) => run.scores[name]));
    runAgreement[name] = pairwiseSpearman(runs.map((run) => run.scores[name])).map(
      (v) => Math.round(v * 1e4) / 1e4,
    );
  }
  const first = runs[0]!;
  return { scores, features: first.features, featureDim: first.featureDim, runs, runAgreement };
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
