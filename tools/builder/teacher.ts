// Training a bundle's teacher (docs/bundles.md "teacher"): ConvNet-D3 on the real training set with
// the students' optimiser and schedule (design.md §5: SGD with momentum, ×0.2 at 2/3 and 5/6), then
// its accuracy on the whole test set. Without augmentation by default: 60,000 real images need no
// help against overfitting in a few epochs, and on clean images it converges in far fewer epochs
// (with DSA and CutMix, one epoch gave the RDED observer 86 %; a single wasm thread runs about one
// epoch per quarter hour). It then labels augmented, mixed batches, as RDED's teachers do, which
// were trained with their own, lighter augmentation. Each epoch is a cached stage that starts from the previous epoch's weights, so a stopped
// run resumes at the epoch it was in (the momentum restarts at each epoch: one step's worth of
// history, a negligible change on 400+ steps an epoch).
import { runStage, type StageContext, type StageResult } from './cache';
import { binaryCodec } from './cache-codecs';
import { sha256Hex } from './stable-hash';
import { DEFAULT_TRAIN, MODEL } from '../../src/engine/config';
import { createConvNet, type ConvNetWeights } from '../../src/engine/model/convnet';
import { evaluateAccuracy } from '../../src/engine/train/evaluate';
import type { Normalization } from '../../src/engine/train/normalize';
import { learningRateAt } from '../../src/engine/train/schedule';
import { train } from '../../src/engine/train/train';
import type { ImageShape } from '../../src/engine/types';
import { formatDuration } from '../lib/progress';

export interface TeacherParams {
  readonly width: number;
  readonly depth: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Train with the students' augmentation and CutMix (default off, see above). */
  readonly augment: boolean;
}

/** Width and depth of the paper's ConvNet-D3 (0.31 M weights for Fashion-MNIST, 1.2 MB). */
export const TEACHER_DEFAULTS: TeacherParams = {
  width: MODEL.width,
  depth: MODEL.depth,
  epochs: 5,
  batchSize: 128,
  seed: 0,
  augment: false,
};

export interface TeacherData {
  readonly train: { readonly images: Uint8Array; readonly labels: Int32Array };
  readonly test: { readonly images: Uint8Array; readonly labels: Int32Array };
  readonly shape: ImageShape;
  readonly numClasses: number;
  readonly flip: boolean;
  readonly normalization: Normalization;
}

export interface TrainedTeacher {
  readonly weights: ConvNetWeights;
  readonly testAccuracy: number;
  readonly testImages: number;
  /** Seconds of training and evaluation this run did (0 when all of it was cached). */
  readonly seconds: number;
}

interface EpochValue {
  readonly weights: ConvNetWeights;
  readonly testAccuracy: number;
}

/** Trains (or reads from the cache) the teacher of `data` with `p`, logging each epoch. */
export async function trainTeacher(
  data: TeacherData,
  p: TeacherParams,
  ctx: StageContext,
  log: (m: string) => void,
): Promise<TrainedTeacher> {
  const started = performance.now();
  const dataKey = {
    train: sha256Hex(data.train.images),
    trainLabels: sha256Hex(new Uint8Array(data.train.labels.buffer)),
    test: sha256Hex(data.test.images),
    shape: data.shape,
    normalization: data.normalization,
    flip: data.flip,
  };
  const model = { width: p.width, depth: p.depth, seed: p.seed };
  const count = data.train.labels.length;
  let prev: StageResult<EpochValue> | undefined;
  let computed = false;
  for (let e = 0; e < p.epochs; e++) {
    const from = prev?.value.weights;
    prev = await runStage(
      ctx,
      'teacher-epoch',
      { data: dataKey, params: p, epoch: e },
      async (progress) => {
        computed = true;
        // One line over all epochs' steps, so its ETA is the whole run's.
        const steps = Math.ceil(count / p.batchSize);
        const bar = progress(p.epochs * steps, 'training', 'steps', e * steps);
        const out = await train({
          model,
          train: {
            samples: data.train.images,
            labels: data.train.labels,
            shape: data.shape,
            numClasses: data.numClasses,
          },
          normalization: data.normalization,
          config: {
            ...DEFAULT_TRAIN,
            batchSize: p.batchSize,
            epochs: 1,
            // Each epoch its own shuffle and augmentation stream; the rate of epoch e of E.
            seed: p.seed * 1000 + e,
            learningRate: learningRateAt(e, p.epochs, DEFAULT_TRAIN.learningRate),
            flip: data.flip,
            augment: p.augment,
            evalEvery: -1,
          },
          ...(from ? { initialWeights: from } : {}),
          onStep: (s) => bar.update(e * steps + s.step),
          keepModel: true,
        });
        const net = out.model!;
        try {
          bar.finish();
          const testAccuracy = await evaluateAccuracy(
            net,
            data.test.images,
            data.test.labels,
            data.normalization,
          );
          const r = out.epochs[0]!;
          log(
            `teacher epoch ${e + 1}/${p.epochs}: loss ${r.loss.toFixed(4)}, train ${(100 * r.trainAccuracy).toFixed(1)}%, test ${(100 * testAccuracy).toFixed(2)}%, ${r.samplesPerSec.toFixed(0)} samples/s`,
          );
          return { weights: net.snapshot(), testAccuracy };
        } finally {
          net.dispose();
        }
      },
      binaryCodec<EpochValue>(),
      prev ? [prev] : [],
    );
  }
  const last = prev!.value;
  const seconds = computed ? (performance.now() - started) / 1000 : 0;
  log(
    `teacher: ${(100 * last.testAccuracy).toFixed(2)}% on ${data.test.labels.length} test images${computed ? `, ${formatDuration(seconds)} this run` : ' (cached)'}`,
  );
  // A model to check the weights load (a wrong shape throws here, not in a student's run).
  const check = createConvNet(
    { inputShape: data.shape, numClasses: data.numClasses, width: p.width, depth: p.depth },
    0,
  );
  try {
    check.restore(last.weights);
  } finally {
    check.dispose();
  }
  return {
    weights: last.weights,
    testAccuracy: last.testAccuracy,
    testImages: data.test.labels.length,
    seconds,
  };
}
