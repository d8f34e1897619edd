// The bundle builder's stages (SPEC §6), each cached by its inputs (tools/build/cache.ts) so that a
// stopped build resumes: observer → per-sample losses → BiLP pre-pruning → RDED patch selection →
// stitching → LBPE and baseline scores from R scoring runs on the decoded condensed set.
import { pairwiseSpearman } from '../lib/spearman';
import { binaryCodec, runStage, sha256Hex, type StageContext, type StageResult } from './cache';
import { prePrune } from './bilp';
import { selectRdedPatches, stitchRded } from './rded';
import { BUILD_DEFAULTS, type BuildParams } from './params';
import type { ImportedDataset } from '../lib/import';
import { createConvNet } from '../../src/engine/model/convnet';
import type { ConvNet } from '../../src/engine/model/types';
import { train } from '../../src/engine/train/train';
import { predict, evaluateAccuracy } from '../../src/engine/train/evaluate';
import { computeNormalization, type Normalization } from '../../src/engine/train/normalize';
import { lossScores, entropyScores } from '../../src/engine/scores/final';
import { DynamicsRecorder } from '../../src/engine/scores/dynamics';
import { averageRuns } from '../../src/engine/scores/combine';
import { decodeSamples, sampleLabels } from '../../src/engine/decode';
import { DEFAULT_TRAIN, SCORE_NAMES, type ScoreName, type TrainConfig } from '../../src/engine/types';

type Weights = Record<string, { shape: number[]; values: Float32Array }>;

export interface Condensed {
  /** Stored images, uint8 NHWC, class-major. */
  readonly images: Uint8Array;
  readonly labels: Int32Array;
  readonly count: number;
}

export interface ScoringRun {
  readonly scores: Record<ScoreName, Float64Array>;
  readonly features: Float32Array;
  readonly featureDim: number;
  readonly epochAccuracy: Float64Array;
  readonly finalTrainAccuracy: number;
}

export interface BuildOutcome {
  readonly normalization: Normalization;
  readonly observerTestAccuracy: number;
  readonly keptPerClass: number[];
  readonly condensed: Condensed;
  readonly scores: Record<ScoreName, Float64Array>;
  readonly features: Float32Array;
  readonly featureDim: number;
  readonly runs: ScoringRun[];
  /** Per score, Spearman's ρ between every pair of scoring runs (how reproducible the ranking is). */
  readonly runAgreement: Record<ScoreName, number[]>;
  readonly stageSeconds: Record<string, number>;
  readonly cachedStages: string[];
}

function trainConfig(
  p: BuildParams,
  epochs: number,
  seed: number,
  flip: boolean,
  extra: Pick<TrainConfig, 'scheduleEpochs' | 'cutmix'> = {},
): TrainConfig {
  return { ...DEFAULT_TRAIN, batchSize: p.batchSize, epochs, seed, flip, evalEvery: -1, ...extra };
}

/**
 * Cache-key entries for parameters added after the shipped bundle was built: present only when
 * they differ from their defaults, so the stages cached before they existed stay valid.
 */
function unlessDefault<K extends keyof BuildParams>(p: BuildParams, key: K, name: string): Record<string, BuildParams[K]> {
  return p[key] === BUILD_DEFAULTS[key] ? {} : { [name]: p[key] };
}

function restore(model: ConvNet, weights: Weights): ConvNet {
  model.restore(weights);
  return model;
}

/** Run every stage (cached) and return what the bundle needs. */
export async function runBuild(
  data: ImportedDataset,
  p: BuildParams,
  flip: boolean,
  ctx: StageContext,
  log: (m: string) => void,
): Promise<BuildOutcome> {
  const [H, W, C] = data.shape;
  const K = data.classes.length;
  const stageSeconds: Record<string, number> = {};
  const cachedStages: string[] = [];
  const timed = async <T>(name: string, run: () => Promise<StageResult<T>>): Promise<StageResult<T>> => {
    const t0 = performance.now();
    const r = await run();
    stageSeconds[name] = (performance.now() - t0) / 1000;
    if (r.cached) cachedStages.push(name);
    log(`stage ${name}: ${r.cached ? 'cached' : 'done'} in ${stageSeconds[name]!.toFixed(1)} s`);
    return r;
  };
  const dataKey = {
    train: sha256Hex(data.train.images),
    trainLabels: sha256Hex(new Uint8Array(data.train.labels.buffer)),
    shape: data.shape,
  };
  const normalization = computeNormalization(data.train.images, C);
  const modelConfig = (width: number) => ({ inputShape: data.shape, numClasses: K, width, depth: p.depth });

  // 1. Observer: ConvNet-D3 trained on the real training set.
  const observerStage = await timed('observer', () =>
    runStage(
      ctx,
      'observer',
      { data: dataKey, width: p.observerWidth, depth: p.depth, epochs: p.observerEpochs, batch: p.batchSize, seed: p.seed, flip },
      async () => {
        log(`observer: training width ${p.observerWidth} for ${p.observerEpochs} epochs on ${data.train.count} real images`);
        const out = await train({
          model: { width: p.observerWidth, depth: p.depth, seed: p.seed },
          train: { samples: data.train.images, labels: data.train.labels, shape: data.shape, numClasses: K },
          normalization,
          config: trainConfig(p, p.observerEpochs, p.seed, flip),
          keepModel: true,
          onEpoch: (r) => log(`observer epoch ${r.epoch}/${r.epochs}: loss ${r.loss.toFixed(4)}, train ${(100 * r.trainAccuracy).toFixed(1)}%, ${r.samplesPerSec.toFixed(0)} samples/s`),
        });
        const model = out.model!;
        try {
          const accuracy = await evaluateAccuracy(model, data.test.images, data.test.labels, normalization);
          return { weights: model.snapshot(), accuracy };
        } finally {
          model.dispose();
        }
      },
      binaryCodec<{ weights: Weights; accuracy: number }>(),
    ),
  );
  const observer = restore(createConvNet(modelConfig(p.observerWidth), p.seed), observerStage.value.weights);
  log(`observer test accuracy ${(100 * observerStage.value.accuracy).toFixed(2)}%`);

  try {
    // 2. Per-sample empirical loss of every real training image under the observer.
    const lossStage = await timed('losses', () =>
      runStage(
        ctx,
        'losses',
        { data: dataKey },
        async (progress) => {
          const bar = progress(data.train.count, 'observer losses', 'img');
          const losses = new Float64Array(data.train.count);
          const chunk = 2048;
          const size = H * W * C;
          for (let s = 0; s < data.train.count; s += chunk) {
            const e = Math.min(data.train.count, s + chunk);
            const pr = await predict(observer, data.train.images.subarray(s * size, e * size), normalization);
            losses.set(lossScores(pr.probs, data.train.labels.subarray(s, e), K), s);
            bar.update(e);
          }
          bar.finish();
          return { losses };
        },
        binaryCodec<{ losses: Float64Array }>(),
        [observerStage],
      ),
    );

    // 3. BiLP preemptive pruning: per class keep the lowest-loss fraction.
    // RDED needs at least IPC_F · f² pool images per class.
    const minPerClass = p.ipc * p.factor * p.factor;
    const pruned = prePrune(lossStage.value.losses, data.train.labels, K, p.keep, { minPerClass });

    // 4. RDED patch selection, scored by the observer's cross-entropy.
    const rdedStage = await timed('rded', () =>
      runStage(
        ctx,
        'rded',
        { ipc: p.ipc, factor: p.factor, pool: p.pool, crops: p.crops, keep: p.keep, seed: p.seed, ...unlessDefault(p, 'cropSelect', 'select') },
        async (progress) => {
          const total = K * Math.min(p.pool, Math.ceil(data.train.count / K)) * p.crops;
          const bar = progress(total, 'RDED crops', 'crop');
          const result = await selectRdedPatches(
            data.train.images,
            data.train.labels,
            data.shape,
            data.classes,
            pruned.kept,
            async (images, _count, crops) => Float32Array.from(lossScores((await predict(observer, images, normalization)).probs, crops, K)),
            {
              ipc: p.ipc,
              factor: p.factor,
              poolSize: p.pool,
              cropsPerImage: p.crops,
              seed: p.seed,
              select: p.cropSelect,
              onProgress: (done) => bar.update(done),
            },
          );
          bar.finish();
          const stitched = stitchRded(result, data.shape, p.factor);
          return { images: stitched.images, labels: stitched.labels, count: stitched.count, losses: Float64Array.from(result.losses) };
        },
        binaryCodec<Condensed & { losses: Float64Array }>(),
        [lossStage],
      ),
    );
    const condensed = rdedStage.value;

    // 5. Scores: R runs of E epochs on the decoded condensed set with a dynamics recorder.
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
            ...unlessDefault(p, 'scoreCutmix', 'cutmix'),
          },
          async () => {
            const recorder = new DynamicsRecorder(labels.length, K, p.scoreEpochs);
            const out = await train({
              model: { width: p.scoreWidth, depth: p.depth, seed: runSeed },
              train: { samples, labels, shape: data.shape, numClasses: K },
              normalization,
              config: trainConfig(p, p.scoreEpochs, runSeed, flip, { scheduleEpochs: p.scoreScheduleEpochs, cutmix: p.scoreCutmix }),
              dynamics: recorder,
              keepModel: true,
              onEpoch: (e) => {
                if (e.epoch % 10 === 0 || e.epoch === e.epochs) {
                  log(`scoring run ${r + 1}/${p.runs} epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)}, train ${(100 * e.trainAccuracy).toFixed(1)}%, ${e.samplesPerSec.toFixed(0)} samples/s`);
                }
              },
            });
            const model = out.model!;
            try {
              const pr = await predict(model, samples, normalization);
              const dyn = recorder.scores(p.scoreEpochs, p.topK);
              const acc = recorder.epochAccuracy();
              return {
                scores: { ...dyn, entropy: entropyScores(pr.probs, K), loss: lossScores(pr.probs, labels, K) },
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
          [rdedStage],
        ),
      );
      runs.push(stage.value);
    }
    const scores = {} as Record<ScoreName, Float64Array>;
    const runAgreement = {} as Record<ScoreName, number[]>;
    for (const name of SCORE_NAMES) {
      scores[name] = averageRuns(runs.map((run) => run.scores[name]));
      runAgreement[name] = pairwiseSpearman(runs.map((run) => run.scores[name])).map((v) => Math.round(v * 1e4) / 1e4);
    }
    return {
      normalization,
      observerTestAccuracy: observerStage.value.accuracy,
      keptPerClass: pruned.perClass.map((c) => c.length),
      condensed,
      scores,
      features: runs[0]!.features,
      featureDim: runs[0]!.featureDim,
      runs,
      runAgreement,
      stageSeconds,
      cachedStages,
    };
  } finally {
    observer.dispose();
  }
}
