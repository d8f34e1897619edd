// Instance normalisation for NHWC tensors: per sample and channel, normalise over H×W (biased
// variance, eps 1e-5), then a learned per-channel scale and shift — PyTorch's GroupNorm(C, C).
// The gradient is written by hand so that every reduction is a global average pool (fast on
// every backend; tfjs reductions over non-trailing axes transpose first) and the full-size work
// is a handful of element-wise ops.
import * as tf from '@tensorflow/tfjs-core';
import { stage } from '../tf/stages';

export const INSTANCE_NORM_EPS = 1e-5;

/** Mean over H and W per sample and channel: [N, H, W, C] → [N, 1, 1, C]. */
export function spatialMean(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  return tf.avgPool(x, [h, w], 1, 'valid');
}

/** Σ over the batch of an [N, 1, 1, C] tensor, as [C]. */
function sumOverBatch(t: tf.Tensor4D): tf.Tensor1D {
  return tf.sum(tf.reshape(t, [t.shape[0], t.shape[3]]), 0) as tf.Tensor1D;
}

const op = tf.customGrad((...args) => {
  const [x, gamma, beta, epsT, save] = args as [
    tf.Tensor4D,
    tf.Tensor1D,
    tf.Tensor1D,
    tf.Scalar,
    tf.GradSaveFunc,
  ];
  const mean = spatialMean(x);
  const d = tf.sub(x, mean);
  const variance = spatialMean(tf.square(d) as tf.Tensor4D);
  const rstd = tf.rsqrt(tf.add(variance, epsT)) as tf.Tensor4D;
  const y = tf.add(tf.mul(d, tf.mul(rstd, gamma)), beta) as tf.Tensor4D;
  save([d, rstd, gamma, epsT]); // after the value: a forward that throws strands nothing (tf/tape.ts)
  return {
    value: y,
    gradFunc: (dy, saved) =>
      stage('instance norm backward', () => {
        const [sd, sr, sg, se] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.Scalar];
        const g = dy as tf.Tensor4D;
        const hw = sd.shape[1] * sd.shape[2];
        const s1 = spatialMean(g); // mean of dy
        const s2 = spatialMean(tf.mul(g, sd) as tf.Tensor4D); // mean of dy·(x − μ)
        const a = tf.mul(sr, sg); // γ / σ
        const k1 = tf.neg(tf.mul(tf.mul(a, tf.square(sr)), s2));
        const k0 = tf.neg(tf.mul(a, s1));
        const dx = tf.add(tf.add(tf.mul(g, a), tf.mul(sd, k1)), k0);
        const dGamma = tf.mul(sumOverBatch(tf.mul(s2, sr) as tf.Tensor4D), hw);
        const dBeta = tf.mul(sumOverBatch(s1), hw);
        return [dx, dGamma, dBeta, tf.zerosLike(se)];
      }),
  };
});

/**
 * y = γ · (x − mean_hw(x)) / sqrt(var_hw(x) + eps) + β for x [N, H, W, C], γ and β [C].
 * Differentiable with respect to x, γ and β.
 */
export function instanceNorm(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number = INSTANCE_NORM_EPS,
): tf.Tensor4D {
  const c = x.shape[3];
  if (gamma.shape[0] !== c || beta.shape[0] !== c) {
    throw new Error(
      `instanceNorm: scale and shift must have ${c} entries, got ${gamma.shape[0]} and ${beta.shape[0]}`,
    );
  }
  return stage('instance norm forward', () =>
    tf.tidy(() => op(x, gamma, beta, tf.scalar(eps)) as tf.Tensor4D),
  );
}

/** The same function built from plain tfjs ops (autodiff gradient), as a reference for tests. */
export function instanceNormReference(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number = INSTANCE_NORM_EPS,
): tf.Tensor4D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, [1, 2], true);
    return tf.add(
      tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), gamma),
      beta,
    ) as tf.Tensor4D;
  });
}
