// RDED-style condensation (the builder's `--condense rded`): an observer ConvNet trained on the real
// data → each real image's loss under it → BiLP pre-pruning (keep each class's lowest-loss
// fraction) → RDED patch selection (lowest-loss random-resized crops) → stitching into f×f stored
// images. Every step is a cached stage (cache.ts), so a stopped build resumes.
import { runStage, type StageResult } from './cache';
import { binaryCodec } from './cache-codecs';
import { sha256Hex } from './stable-hash';
import { prePrune } from '../../src/engine/condense/bilp';
import { selectRdedPatches, stitchRded } from '../../src/engine/condense/rded';
import type { Condensation, CondenseInput } from './condense-types';
import { createConvNet } from '../../src/engine/model/convnet';
import { train } from '../../src/engine/train/train';
import { predict, evaluateAccuracy } from '../../src/engine/train/evaluate';
import { lossScores } from '../../src/engine/scores/final';

type Weights = Record<string, { shape: number[]; values: Float32Array }>;

interface RdedValue {
  readonly images: Uint8Array;
  readonly labels: Int32Array;
  readonly count: number;
  readonly losses: Float64Array;
}

export async function condenseRded(input: CondenseInput): Promise<Condensation> {
  const { data, p, flip, ctx, log, timed, normalization, unlessDefault, trainConfig } = input;
  const [H, W, C] = data.shape;
  const K = data.classes.length;
  const dataKey = {
    train: sha256Hex(data.train.images),
    trainLabels: sha256Hex(new Uint8Array(data.train.labels.buffer)),
    shape: data.shape,
  };
  const modelConfig = (width: number) => ({
    inputShape: data.shape,
    numClasses: K,
    width,
    depth: p.depth,
  });

  // 1. Observer: ConvNet-D3 trained on the real training set.
  const observerStage = await timed('observer', () =>
    runStage(
      ctx,
      'observer',
      {
        data: dataKey,
        width: p.observerWidth,
        depth: p.depth,
        epochs: p.observerEpochs,
        batch: p.batchSize,
        seed: p.seed,
        flip,
      },
      async () => {
        log(
          `observer: training width ${p.observerWidth} for ${p.observerEpochs} epochs on ${data.train.count} real images`,
        );
        const out = await train({
          model: { width: p.observerWidth, depth: p.depth, seed: p.seed },
          train: {
            samples: data.train.images,
            labels: data.train.labels,
            shape: data.shape,
            numClasses: K,
          },
          normalization,
          config: trainConfig(p.observerEpochs, p.seed),
          keepModel: true,
          onEpoch: (r) =>
            log(
              `observer epoch ${r.epoch}/${r.epochs}: loss ${r.loss.toFixed(4)}, train ${(100 * r.trainAccuracy).toFixed(1)}%, ${r.samplesPerSec.toFixed(0)} samples/s`,
            ),
        });
        const model = out.model!;
        try {
          const accuracy = await evaluateAccuracy(
            model,
            data.test.images,
            data.test.labels,
            normalization,
          );
          return { weights: model.snapshot(), accuracy };
        } finally {
          model.dispose();
        }
      },
      binaryCodec<{ weights: Weights; accuracy: number }>(),
    ),
  );
  const observer = createConvNet(modelConfig(p.observerWidth), p.seed);
  observer.restore(observerStage.value.weights);
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
            const pr = await predict(
              observer,
              data.train.images.subarray(s * size, e * size),
              normalization,
            );
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
    const rdedStage: StageResult<RdedValue> = await timed('rded', () =>
      runStage(
        ctx,
        'rded',
        {
          ipc: p.ipc,
          factor: p.factor,
          pool: p.pool,
          crops: p.crops,
          keep: p.keep,
          seed: p.seed,
          ...unlessDefault('cropSelect', 'select'),
        },
        async (progress) => {
          const total = K * Math.min(p.pool, Math.ceil(data.train.count / K)) * p.crops;
          const bar = progress(total, 'RDED crops', 'crop');
          const result = await selectRdedPatches(
            data.train.images,
            data.train.labels,
            data.shape,
            data.classes,
            pruned.kept,
            async (images, _count, crops) =>
              Float32Array.from(
                lossScores((await predict(observer, images, normalization)).probs, crops, K),
              ),
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
          return {
            images: stitched.images,
            labels: stitched.labels,
            count: stitched.count,
            losses: Float64Array.from(result.losses),
          };
        },
        binaryCodec<RdedValue>(),
        [lossStage],
      ),
    );
    const random = p.cropSelect === 'random';
    return {
      stage: rdedStage,
      condensed: rdedStage.value,
      manifest: {
        method: random
          ? 'random crops of BiLP-pre-pruned real data (control: RDED with its selection turned off; yoco-web builder)'
          : 'RDED-style patch selection on BiLP-pre-pruned real data (yoco-web builder)',
        params: {
          observer: {
            model: `ConvNet-D${p.depth}`,
            width: p.observerWidth,
            epochs: p.observerEpochs,
            testAccuracy: observerStage.value.accuracy,
          },
          prePruning: {
            criterion: 'observer cross-entropy (lowest kept)',
            keep: p.keep,
            keptPerClass: pruned.perClass.map((c) => c.length),
          },
          rded: {
            pool: p.pool,
            cropsPerImage: p.crops,
            crop: 'random-resized, scale (0.08, 1), square',
            select: p.cropSelect,
            score: random
              ? 'observer cross-entropy (recorded, not used)'
              : 'observer cross-entropy (lowest kept)',
          },
          seed: p.seed,
        },
      },
    };
  } finally {
    observer.dispose();
  }
}
