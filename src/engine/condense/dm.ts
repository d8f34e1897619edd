// Distribution Matching (Zhao & Bilen, WACV 2023) with multi-formation (IDC's factor f): learns the
// pixels of IPC_F stored images per class so that the mean embedding of their f² decoded samples
// matches the mean embedding of real images of the class, under a fresh randomly initialised
// ConvNet each iteration and the same random augmentation for both sides (siamese).
//
// One iteration: draw a new embedder (penultimate features of ConvNet-D3, weights fixed); for each
// class c, draw `realBatch` real images of c and one set of augmentation parameters, embed the
// augmented real batch, decode class c's stored images into samples (differentiably), augment them
// with the same parameters, embed, and add ‖mean φ(real) − mean φ(syn)‖² to the loss. The stored
// pixels (in normalised units, so the method's image learning rate means what it means there) take
// one SGD-with-momentum step on the summed loss. Every random draw of iteration t comes from
// (seed, t) alone, so a run resumed from a checkpoint at iteration t continues exactly.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, throwIfAborted } from '../errors';
import { createConvNet } from '../model/convnet';
import { freeTapeOnError } from '../tf/tape';
import type { ConvNet } from '../model/types';
import { Rng } from '../rng';
import { sampleWithoutReplacement } from '../select/random';
import { groupByClass } from '../select/select';
import { drawAugmentParams } from '../train/augment';
import { createNormalizer, normalizeInto, type Normalization } from '../train/normalize';
import {
  validateDmParams,
  type DmHooks,
  type DmParams,
  type DmRealSet,
  type DmState,
} from './dm-types';
import { AugmentMaps, StoredDecoder } from './pixel-maps';

export * from './dm-types';
export { initialDmState, mosaicInit, toPixelUnits } from './dm-init';

/** Seed of iteration t's draws: independent of how the run got to t. */
function iterationSeed(seed: number, t: number): number {
  return (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(t + 1, 0x85ebca77)) >>> 0;
}

/** ‖mean_rows(f) − target‖² with its gradient 2·(mean − target)/n for every row. */
const meanMatchLoss = tf.customGrad((...args) => {
  const [features, target, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  const n = features.shape[0];
  const diff = tf.sub(tf.mean(features, 0), target);
  const value = tf.sum(tf.square(diff));
  save([diff]); // after the value: a forward that throws must strand no kept copies (tf/tape.ts)
  return {
    value,
    gradFunc: (dy, saved) => {
      const row = tf.mul(saved[0]!, tf.mul(dy as tf.Scalar, 2 / n));
      return [tf.tile(tf.reshape(row, [1, -1]), [n, 1]), tf.zerosLike(target)];
    },
  };
});

/**
 * Σ over `sizes` of ‖mean of the first s rows of f − target‖² (multisize DM: every nested prefix
 * matched on its own), with each row's gradient Σ_{s > row} 2·(mean_s − target)/s.
 */
function prefixMatchLoss(
  features: tf.Tensor2D,
  target: tf.Tensor1D,
  sizes: readonly number[],
): tf.Scalar {
  const n = features.shape[0];
  const d = features.shape[1];
  const loss = tf.customGrad((...args) => {
    const [f, t, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const diffs = sizes.map((s) => tf.sub(tf.mean(tf.slice(f, [0, 0], [s, d]), 0), t));
    const value = tf.addN(diffs.map((diff) => tf.sum(tf.square(diff))));
    save(diffs);
    return {
      value,
      gradFunc: (dy, saved) => {
        const rows = saved.map((diff, i) => {
          const s = sizes[i]!;
          const row = tf.reshape(tf.mul(diff, tf.mul(dy as tf.Scalar, 2 / s)), [1, -1]);
          return tf.pad(tf.tile(row, [s, 1]), [
            [0, n - s],
            [0, 0],
          ]);
        });
        return [tf.addN(rows), tf.zerosLike(target)];
      },
    };
  });
  return loss(features, target) as tf.Scalar;
}

/** What one iteration computes: the summed loss and its gradient for every stored pixel. */
export interface DmIterationResult {
  readonly loss: number;
  readonly grad: Float32Array;
}

/** Pre-computed pieces shared by every iteration of one run. */
interface DmContext {
  readonly real: DmRealSet;
  readonly p: DmParams;
  readonly normalizer: ReturnType<typeof createNormalizer>;
  readonly byClass: Int32Array[];
  readonly decoder: StoredDecoder;
  /** Each multisize prefix in decoded samples per class (its stored images × f²). */
  readonly prefixSamples: readonly number[];
}

function dmContext(real: DmRealSet, p: DmParams, normalization: Normalization): DmContext {
  validateDmParams(p, real);
  return {
    real,
    p,
    normalizer: createNormalizer(normalization, real.shape[2]),
    byClass: groupByClass(real.labels, real.numClasses),
    decoder: new StoredDecoder(real.shape, p.factor),
    prefixSamples: (p.prefixes ?? []).map((k) => k * p.factor * p.factor),
  };
}

/** Loss of class c's stored images (`stored`, normalised) and its gradient, under `net`. */
async function classLossAndGrad(
  ctx: DmContext,
  net: ConvNet,
  rng: Rng,
  c: number,
  stored: Float32Array,
): Promise<DmIterationResult> {
  const { real, p, decoder } = ctx;
  const [H, W, C] = real.shape;
  const size = H * W * C;
  const nSyn = p.ipc * p.factor * p.factor;
  const pool = ctx.byClass[c]!;
  const ids = sampleWithoutReplacement(pool, Math.min(p.realBatch, pool.length), rng);
  const params = drawAugmentParams(rng, Math.max(ids.length, nSyn), real.shape, { flip: p.flip });
  // Real side: normalise, augment, embed and average, with no gradient.
  const realMaps = new AugmentMaps(params, real.shape, ids.length);
  const realX = new Float32Array(ids.length * size);
  ids.forEach((id, i) =>
    normalizeInto(ctx.normalizer, real.images, id * size, size, realX, i * size),
  );
  const target = tf.tidy(() =>
    tf.mean(net.apply(tf.tensor4d(realMaps.forward(realX), [ids.length, H, W, C])).features, 0),
  ) as tf.Tensor1D;
  // Synthetic side: decode and augment on the host (adjoints give the gradient), embed, match.
  const synMaps = new AugmentMaps(params, real.shape, nSyn);
  const synInput = tf.customGrad((...args) => {
    const [x] = args as [tf.Tensor4D, tf.GradSaveFunc];
    const samples = synMaps.forward(decoder.forward(x.dataSync() as Float32Array, p.ipc));
    return {
      value: tf.tensor4d(samples, [nSyn, H, W, C]),
      gradFunc: (dy) => {
        const g = (dy as tf.Tensor).dataSync() as Float32Array;
        return [tf.tensor4d(decoder.backward(synMaps.backward(g), p.ipc), [p.ipc, H, W, C])];
      },
    };
  });
  const x = tf.tensor4d(stored, [p.ipc, H, W, C]);
  try {
    // A kernel that throws mid-gradient leaves tfjs's tape behind (freed by tf/tape.ts) and the
    // tensors made so far (freed by the tidy scope).
    const [value, grad] = freeTapeOnError(() =>
      tf.tidy(() => {
        const r = tf.valueAndGrad((s: tf.Tensor4D) => {
          const features = net.apply(synInput(s) as tf.Tensor4D).features as tf.Tensor2D;
          // Plain DM keeps its one-term loss (bit for bit what it was); multisize adds prefixes.
          return ctx.prefixSamples.length === 0
            ? (meanMatchLoss(features, target) as tf.Scalar)
            : prefixMatchLoss(features, target, [...ctx.prefixSamples, nSyn]);
        })(x);
        return [r.value, r.grad] as const;
      }),
    );
    try {
      return { loss: (await value.data())[0]!, grad: Float32Array.from(await grad.data()) };
    } finally {
      value.dispose();
      grad.dispose();
    }
  } finally {
    x.dispose();
    target.dispose();
  }
}

async function iterate(
  ctx: DmContext,
  images: Float32Array,
  t: number,
): Promise<DmIterationResult> {
  const { real, p } = ctx;
  const perClass = p.ipc * real.shape[0] * real.shape[1] * real.shape[2];
  const rng = new Rng(iterationSeed(p.seed, t));
  const net = createConvNet(
    { inputShape: real.shape, numClasses: real.numClasses, width: p.width, depth: p.depth },
    rng.nextUint32(),
    { inputGrad: true, weightGrad: false },
  );
  const grad = new Float32Array(images.length);
  let loss = 0;
  try {
    for (let c = 0; c < real.numClasses; c++) {
      const r = await classLossAndGrad(
        ctx,
        net,
        rng,
        c,
        images.subarray(c * perClass, (c + 1) * perClass),
      );
      loss += r.loss;
      grad.set(r.grad, c * perClass);
    }
  } finally {
    net.dispose();
  }
  return { loss, grad };
}

/**
 * Iteration t's loss and gradient at `images` (normalised stored images), with t's embedder and
 * draws: what one step of runDistributionMatching descends.
 */
export async function dmIteration(
  real: DmRealSet,
  p: DmParams,
  normalization: Normalization,
  images: Float32Array,
  t: number,
): Promise<DmIterationResult> {
  return iterate(dmContext(real, p, normalization), images, t);
}

/**
 * Runs DM from `start` (a checkpoint, or initialDmState) to `p.iterations` and returns the final
 * state. Tensors live per class and iteration; the state lives on the host.
 */
export async function runDistributionMatching(
  real: DmRealSet,
  p: DmParams,
  normalization: Normalization,
  start: DmState,
  hooks: DmHooks = {},
): Promise<DmState> {
  const ctx = dmContext(real, p, normalization);
  const expected = real.numClasses * p.ipc * real.shape[0] * real.shape[1] * real.shape[2];
  if (start.images.length !== expected || start.velocity.length !== expected) {
    throw new ConfigError(`DM state holds ${start.images.length} values, expected ${expected}`);
  }
  const images = Float32Array.from(start.images);
  const velocity = Float32Array.from(start.velocity);
  const losses = new Float64Array(p.iterations);
  losses.set(start.losses.subarray(0, Math.min(start.iteration, p.iterations)));
  const every = hooks.checkpointEvery ?? 0;
  for (let t = start.iteration; t < p.iterations; t++) {
    throwIfAborted(hooks.signal);
    const t0 = performance.now();
    const { loss, grad } = await iterate(ctx, images, t);
    // SGD with momentum in PyTorch's form (no dampening): v ← m·v + g; x ← x − lr·v.
    for (let i = 0; i < images.length; i++) {
      velocity[i] = p.momentum * velocity[i]! + grad[i]!;
      images[i] = images[i]! - p.lr * velocity[i]!;
    }
    losses[t] = loss;
    hooks.onIteration?.(t + 1, loss, (performance.now() - t0) / 1000);
    if (hooks.onCheckpoint && ((every > 0 && (t + 1) % every === 0) || t + 1 === p.iterations)) {
      await hooks.onCheckpoint({
        iteration: t + 1,
        images,
        velocity,
        losses: losses.slice(0, t + 1),
      });
    }
  }
  return { iteration: p.iterations, images, velocity, losses };
}
