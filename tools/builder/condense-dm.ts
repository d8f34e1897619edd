// Distribution-matching condensation (the builder's `--condense dm`, src/engine/condense/dm.ts):
// stored images start as mosaics of real images and are optimised for `dmIterations` iterations.
// The state is checkpointed every `dmCheckpointEvery` iterations (checkpoints.ts), so a stopped
// build resumes where it stopped and a longer run continues a shorter one. The synthetic set's
// full-set accuracy (a ConvNet trained on all its samples, tested on the real test set) is probed
// at iteration 0 and at the end, and at any checkpoint asked for, to show the optimisation works.
import { runStage } from './cache';
import { binaryCodec } from './cache-codecs';
import { sha256Hex } from './stable-hash';
import { checkpointStore } from './checkpoints';
import type { Condensation, CondenseInput } from './condense-types';
import {
  initialDmState,
  runDistributionMatching,
  toPixelUnits,
  type DmParams,
  type DmState,
} from '../../src/engine/condense/dm';
import { decodeSamples, sampleLabels } from '../../src/engine/decode';
import { ConfigError } from '../../src/engine/errors';
import { train } from '../../src/engine/train/train';
import { formatDuration } from '../lib/progress';

interface DmValue {
  /** Final stored images, pixel/255 units. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
  readonly losses: Float64Array;
  /** Mean seconds per iteration over the iterations this stage ran (NaN if it ran none). */
  readonly secondsPerIteration: number;
}

export async function condenseDm(
  input: CondenseInput,
  probeAt: readonly number[],
): Promise<Condensation> {
  const { data, p, flip, ctx, log, timed, normalization, trainConfig } = input;
  const K = data.classes.length;
  const params: DmParams = {
    ipc: p.ipc,
    factor: p.factor,
    iterations: p.dmIterations,
    lr: p.dmLr,
    momentum: p.dmMomentum,
    realBatch: p.dmRealBatch,
    width: p.dmWidth,
    depth: p.depth,
    flip,
    seed: p.seed,
    // Only when set, so a plain DM run keeps the cache key (and checkpoints) it always had.
    ...(p.dmPrefixes.length > 0 ? { prefixes: p.dmPrefixes } : {}),
  };
  const real = {
    images: data.train.images,
    labels: data.train.labels,
    shape: data.shape,
    numClasses: K,
  };
  const labels = Int32Array.from({ length: K * p.ipc }, (_, i) => Math.floor(i / p.ipc));
  // Everything that decides iteration t's result except how many iterations run in total.
  const { iterations: _length, ...rest } = params;
  const runKey = {
    data: {
      train: sha256Hex(data.train.images),
      labels: sha256Hex(new Uint8Array(data.train.labels.buffer)),
      shape: data.shape,
    },
    normalization,
    ...rest,
  };
  const store = checkpointStore(ctx.cacheDir, 'dm', runKey);
  const codec = binaryCodec<DmState>();
  for (const step of probeAt) {
    if (step !== 0 && step !== p.dmIterations && step % p.dmCheckpointEvery !== 0) {
      throw new ConfigError(
        `--dm-probe-at ${step}: probes need a checkpoint, saved every ${p.dmCheckpointEvery} iterations`,
      );
    }
    if (step > p.dmIterations)
      throw new ConfigError(`--dm-probe-at ${step} is beyond --dm-iterations ${p.dmIterations}`);
  }

  const dmStage = await timed('dm', () =>
    runStage(
      ctx,
      'dm',
      { ...runKey, iterations: p.dmIterations },
      async (progress) => {
        const found = ctx.force ? null : await store.latest(p.dmIterations);
        let state: DmState;
        if (found) {
          state = codec.decode(found.payload);
          log(`DM: resuming from the checkpoint at iteration ${found.step} (${store.dir})`);
        } else {
          state = initialDmState(real, params, normalization);
          await store.save(0, codec.encode(state));
        }
        const startedAt = state.iteration;
        const bar = progress(p.dmIterations, 'DM iterations', 'it', startedAt);
        const t0 = performance.now();
        const final = await runDistributionMatching(real, params, normalization, state, {
          checkpointEvery: p.dmCheckpointEvery,
          onCheckpoint: (s) => store.save(s.iteration, codec.encode(s)),
          onIteration: (i, loss, seconds) => {
            bar.update(i);
            if (i % p.dmCheckpointEvery === 0 || i === p.dmIterations) {
              log(
                `DM iteration ${i}/${p.dmIterations}: loss ${loss.toFixed(3)}, ${seconds.toFixed(2)} s`,
              );
            }
          },
        });
        bar.finish();
        const ran = p.dmIterations - startedAt;
        return {
          images: toPixelUnits(final.images, normalization),
          labels,
          count: K * p.ipc,
          losses: final.losses,
          secondsPerIteration: ran > 0 ? (performance.now() - t0) / 1000 / ran : NaN,
        };
      },
      binaryCodec<DmValue>(),
    ),
  );

  // Full-set accuracy probes: the synthetic set at a checkpoint, all its samples, real test set.
  const probe = async (step: number): Promise<number> => {
    let images: Float32Array;
    if (step === p.dmIterations) images = dmStage.value.images;
    else {
      const saved = await store.load(step);
      if (!saved) throw new ConfigError(`no DM checkpoint at iteration ${step} in ${store.dir}`);
      images = toPixelUnits(codec.decode(saved).images, normalization);
    }
    const stage = await timed(`probe-${step}`, () =>
      runStage(
        ctx,
        'dm-probe',
        {
          images: sha256Hex(new Uint8Array(images.buffer)),
          width: p.scoreWidth,
          depth: p.depth,
          epochs: p.probeEpochs,
          batch: p.batchSize,
          seed: p.seed,
          flip,
          test: sha256Hex(data.test.images),
        },
        async () => {
          const started = performance.now();
          const out = await train({
            model: { width: p.scoreWidth, depth: p.depth, seed: p.seed },
            train: {
              samples: decodeSamples(images, data.shape, K * p.ipc, p.factor),
              labels: sampleLabels(labels, p.factor),
              shape: data.shape,
              numClasses: K,
            },
            test: { images: data.test.images, labels: data.test.labels },
            normalization,
            config: { ...trainConfig(p.probeEpochs, p.seed), evalEvery: 0 },
          });
          log(
            `DM probe at iteration ${step}: ${(100 * out.finalTestAccuracy!).toFixed(2)}% in ${formatDuration((performance.now() - started) / 1000)}`,
          );
          return { accuracy: out.finalTestAccuracy! };
        },
        binaryCodec<{ accuracy: number }>(),
      ),
    );
    return stage.value.accuracy;
  };
  const steps = [...new Set([0, ...probeAt, p.dmIterations])].sort((a, b) => a - b);
  const curve: { iteration: number; accuracy: number }[] = [];
  for (const step of steps) curve.push({ iteration: step, accuracy: await probe(step) });

  const v = dmStage.value;
  return {
    stage: dmStage,
    condensed: { images: v.images, labels: v.labels, count: v.count },
    manifest: {
      method:
        'DM: distribution matching (Zhao & Bilen, WACV 2023) with factor-f multi-formation, synthesized float32 pixels (yoco-web builder)',
      params: {
        iterations: p.dmIterations,
        imageLr: p.dmLr,
        momentum: p.dmMomentum,
        realBatchPerClass: p.dmRealBatch,
        embedder: `ConvNet-D${p.depth} width ${p.dmWidth}, freshly initialised every iteration, penultimate features`,
        loss:
          p.dmPrefixes.length > 0
            ? `multisize: sum over classes of the squared distance between mean real and mean synthetic embeddings, for all ${p.ipc} stored images of the class and for its first ${p.dmPrefixes.join(', ')} (each prefix matched on its own, MDC's nested subsets)`
            : 'sum over classes of the squared distance between mean real and mean synthetic embeddings',
        ...(p.dmPrefixes.length > 0 ? { prefixes: [...p.dmPrefixes] } : {}),
        augmentation:
          'siamese: the same colour, flip and crop/scale/rotate draws for real and synthetic samples',
        init: `mosaic: each stored image is ${p.factor}×${p.factor} distinct real images of its class, box-downscaled by ${p.factor}`,
        checkpointEvery: p.dmCheckpointEvery,
        secondsPerIteration: Number.isFinite(v.secondsPerIteration)
          ? Math.round(v.secondsPerIteration * 1000) / 1000
          : null,
        finalLoss: v.losses.length ? v.losses[v.losses.length - 1] : null,
        fullSetAccuracy: {
          protocol: `ConvNet-D${p.depth} width ${p.scoreWidth} trained ${p.probeEpochs} epochs on all ${K * p.ipc * p.factor * p.factor} synthetic samples (seed ${p.seed}), tested on all ${data.test.count} real test images`,
          curve,
        },
        seed: p.seed,
      },
    },
  };
}
