// ConvNet-D3 (design.md §4): `depth` blocks of [3×3 conv (width W, pad 1, bias) → instance norm →
// ReLU → 2×2 average pool (floor, like PyTorch)], then flatten (NHWC order) → linear.
// Weights are seeded and deterministic (init.ts); every op has a gradient that is fast on wasm.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors';
import { conv3x3, type ConvGradMode, type FilterGradMethod } from '../tf/conv2d';
import type { ModelConfig } from '../types';
import { initialWeights, validateModelConfig } from './init';
import { instanceNorm } from './instance-norm';
import { stage } from '../tf/stages';
import type { ConvNet, ConvNetOutput } from './types';

export interface ConvNetOptions {
  /** Which convolution gradient to use (default 'auto': the custom one on wasm and cpu). */
  readonly convGrad?: ConvGradMode;
  /** Filter-gradient method of the custom convolution gradient (default 'auto'). */
  readonly filterGrad?: FilterGradMethod;
  /**
   * Compute the gradient with respect to the input images (default false: training never needs
   * it, so the first convolution skips it). Distribution matching optimises the input.
   */
  readonly inputGrad?: boolean;
  /** Compute the convolution weights' gradients (default true; false for a fixed embedder). */
  readonly weightGrad?: boolean;
}

const reluPoolOp = tf.customGrad((...args) => {
  const [y, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
  const value = tf.avgPool(tf.relu(y), 2, 2, 'valid');
  save([y]); // after the value: a forward that throws must strand no kept copies (tf/tape.ts)
  return {
    value,
    gradFunc: (dp, saved) =>
      stage('relu + pool backward', () => {
        const [sy] = saved as [tf.Tensor4D];
        const [n, H, W, c] = sy.shape;
        const h = Math.floor(H / 2);
        const w = Math.floor(W / 2);
        let mask = tf.step(sy) as tf.Tensor4D;
        if (H !== 2 * h || W !== 2 * w) mask = tf.slice(mask, [0, 0, 0, 0], [n, 2 * h, 2 * w, c]);
        const up = tf.reshape(tf.mul(dp, 0.25), [n, h, 1, w, 1, c]);
        let dy = tf.reshape(tf.mul(up, tf.reshape(mask, [n, h, 2, w, 2, c])), [
          n,
          2 * h,
          2 * w,
          c,
        ]) as tf.Tensor4D;
        if (H !== 2 * h || W !== 2 * w) {
          dy = tf.pad(dy, [
            [0, 0],
            [0, H - 2 * h],
            [0, W - 2 * w],
            [0, 0],
          ]);
        }
        return [dy];
      }),
  };
});

const headOp = tf.customGrad((...args) => {
  const [h, w, b, save] = args as [tf.Tensor4D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  const features = tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D;
  const value = tf.add(tf.matMul(features, w), b) as tf.Tensor2D;
  save([features, w]); // after the value (see reluPoolOp)
  return {
    value,
    gradFunc: (dy, saved) =>
      stage('dense backward', () => {
        const [f, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
        const g = dy as tf.Tensor2D;
        return [
          tf.reshape(tf.matMul(g, sw, false, true), h.shape),
          tf.matMul(f, g, true, false),
          tf.sum(g, 0),
        ];
      }),
  };
});

const flattenOp = tf.customGrad((...args) => {
  const [h] = args as [tf.Tensor4D, tf.GradSaveFunc];
  return {
    value: tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D,
    gradFunc: (dy) => [tf.reshape(dy as tf.Tensor, h.shape)],
  };
});

/**
 * logits = flatten(h) · W + b with its own gradient, so the training step needs no gradient from
 * tfjs's global registry (which tfjs-core does not fill by itself in Node).
 */
export function linearHead(h: tf.Tensor4D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return stage('dense forward', () => headOp(h, w, b) as tf.Tensor2D);
}

/** avgPool2x2(relu(y)) with floor on odd sizes; one fused element-wise pass in the gradient. */
export function reluAvgPool2x2(y: tf.Tensor4D): tf.Tensor4D {
  if (y.shape[1] < 2 || y.shape[2] < 2)
    throw new Error(`reluAvgPool2x2: input ${y.shape[1]}×${y.shape[2]} is smaller than 2×2`);
  return stage('relu + pool forward', () => reluPoolOp(y) as tf.Tensor4D);
}

/** Plain weights keyed by variable name, as `snapshot()` returns them. */
export type ConvNetWeights = Record<string, { shape: number[]; values: Float32Array }>;

/** ConvNet plus `restore`, the inverse of `snapshot` (proposed for the ConvNet interface). */
export interface RestorableConvNet extends ConvNet {
  /** Overwrites every weight from a snapshot of a model with the same config; ConfigError on any mismatch. */
  restore(weights: ConvNetWeights): void;
}

let modelCount = 0;

interface Block {
  readonly w: tf.Variable;
  readonly b: tf.Variable;
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
}

/** Builds ConvNet-D3 for `config` with weights drawn from `seed`. */
export function createConvNet(
  config: ModelConfig,
  seed: number,
  opts: ConvNetOptions = {},
): RestorableConvNet {
  validateModelConfig(config);
  const specs = initialWeights(config, seed);
  const prefix = `convnet${modelCount++}/`;
  const byName = new Map<string, tf.Variable>();
  const variables: tf.Variable[] = [];
  const decayed: tf.Variable[] = [];
  for (const s of specs) {
    const v = tf.tidy(() =>
      tf.variable(tf.tensor(s.values, s.shape, 'float32'), true, prefix + s.name),
    );
    byName.set(s.name, v);
    variables.push(v);
    if (s.decay) decayed.push(v);
  }
  const get = (name: string): tf.Variable => byName.get(name)!;
  const blocks: Block[] = [];
  for (let i = 0; i < config.depth; i++) {
    blocks.push({
      w: get(`block${i}/conv/w`),
      b: get(`block${i}/conv/b`),
      gamma: get(`block${i}/norm/gamma`),
      beta: get(`block${i}/norm/beta`),
    });
  }
  const fcW = get('fc/w');
  const fcB = get('fc/b');
  const [H, W, C] = config.inputShape;
  let disposed = false;

  function apply(x: tf.Tensor4D): ConvNetOutput {
    if (disposed) throw new ConfigError('this model has been disposed');
    if (x.rank !== 4 || x.shape[1] !== H || x.shape[2] !== W || x.shape[3] !== C) {
      throw new ConfigError(
        `model expects input [batch, ${H}, ${W}, ${C}], got [${x.shape.join(', ')}]`,
      );
    }
    return tf.tidy(() => {
      let h: tf.Tensor4D = x;
      blocks.forEach((blk, i) => {
        const z = stage('conv forward', () =>
          conv3x3(h, blk.w as tf.Tensor4D, blk.b as tf.Tensor1D, {
            mode: opts.convGrad ?? 'auto',
            inputGrad: i > 0 || opts.inputGrad === true,
            zeroBiasGrad: true,
            filterGrad: opts.filterGrad ?? 'auto',
            weightGrad: opts.weightGrad !== false,
          }),
        );
        h = reluAvgPool2x2(instanceNorm(z, blk.gamma as tf.Tensor1D, blk.beta as tf.Tensor1D));
      });
      // Flattened with its own gradient, so input gradients need nothing from tfjs's registry.
      const features = flattenOp(h) as tf.Tensor2D;
      const logits = linearHead(h, fcW as tf.Tensor2D, fcB as tf.Tensor1D);
      return { logits, features };
    });
  }

  function snapshot(): Record<string, { shape: number[]; values: Float32Array }> {
    const out: Record<string, { shape: number[]; values: Float32Array }> = {};
    for (const [name, v] of byName)
      out[name] = { shape: [...v.shape], values: Float32Array.from(v.dataSync() as Float32Array) };
    return out;
  }

  function restore(weights: ConvNetWeights): void {
    if (disposed) throw new ConfigError('this model has been disposed');
    const names = Object.keys(weights);
    for (const name of names)
      if (!byName.has(name)) throw new ConfigError(`weights have an unknown variable "${name}"`);
    for (const [name, v] of byName) {
      const w = weights[name];
      if (!w) throw new ConfigError(`weights lack the variable "${name}"`);
      const size = v.shape.reduce((a, b) => a * b, 1);
      if (w.shape.join(',') !== v.shape.join(',') || w.values.length !== size) {
        throw new ConfigError(
          `variable "${name}" has shape [${v.shape.join(', ')}], weights give [${w.shape.join(', ')}]`,
        );
      }
    }
    for (const [name, v] of byName)
      tf.tidy(() => v.assign(tf.tensor(weights[name]!.values, v.shape, 'float32')));
  }

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    for (const v of variables) v.dispose();
  }

  return { config, variables, decayed, apply, snapshot, restore, dispose };
}
