// Whole-model gradients: ConvNet-D3 on wasm (custom conv, instance-norm, pool and head gradients)
// against a reference forward built from plain tfjs ops (tf.conv2d + bias, tf.moments, relu,
// tf.avgPool, matMul) differentiated by tfjs's own gradients on the cpu backend.
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { Rng } from '../rng';
import type { ModelConfig } from '../types';
import { softCrossEntropy, mixedTargets } from '../train/step';
import { createConvNet, type ConvNetOptions } from './convnet';
import { instanceNormReference } from './instance-norm';

type Snapshot = Record<string, { shape: number[]; values: Float32Array }>;

function referenceLoss(
  config: ModelConfig,
  w: Record<string, tf.Tensor>,
  x: tf.Tensor4D,
  targets: tf.Tensor2D,
): tf.Scalar {
  let h: tf.Tensor4D = x;
  for (let i = 0; i < config.depth; i++) {
    const z = tf.add(
      tf.conv2d(h, w[`block${i}/conv/w`] as tf.Tensor4D, 1, 'same'),
      w[`block${i}/conv/b`]!,
    ) as tf.Tensor4D;
    const n = instanceNormReference(
      z,
      w[`block${i}/norm/gamma`] as tf.Tensor1D,
      w[`block${i}/norm/beta`] as tf.Tensor1D,
    );
    h = tf.avgPool(tf.relu(n), 2, 2, 'valid');
  }
  const logits = tf.add(
    tf.matMul(tf.reshape(h, [h.shape[0], -1]), w['fc/w'] as tf.Tensor2D),
    w['fc/b']!,
  );
  const b = x.shape[0];
  return tf.div(tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)))), b) as tf.Scalar;
}

function referenceGrads(
  config: ModelConfig,
  snap: Snapshot,
  x: Float32Array,
  t: Float32Array,
  b: number,
): Record<string, Float32Array> {
  return tf.tidy(() => {
    const names = Object.keys(snap);
    const vars = names.map((n) => tf.tensor(snap[n]!.values, snap[n]!.shape));
    const xt = tf.tensor4d(x, [b, ...config.inputShape]);
    const tt = tf.tensor2d(t, [b, config.numClasses]);
    const g = tf.grads((...ws) =>
      referenceLoss(config, Object.fromEntries(names.map((n, i) => [n, ws[i]!])), xt, tt),
    );
    const out: Record<string, Float32Array> = {};
    g(vars).forEach((gt, i) => (out[names[i]!] = Float32Array.from(gt.dataSync() as Float32Array)));
    return out;
  });
}

function modelGrads(
  config: ModelConfig,
  seed: number,
  x: Float32Array,
  t: Float32Array,
  b: number,
  opts?: ConvNetOptions,
) {
  const model = createConvNet(config, seed, opts);
  try {
    const snap = model.snapshot();
    const grads = tf.tidy(() => {
      const xt = tf.tensor4d(x, [b, ...config.inputShape]);
      const tt = tf.tensor2d(t, [b, config.numClasses]);
      const { grads } = tf.variableGrads(
        () => softCrossEntropy(model.apply(xt).logits, tt),
        model.variables as tf.Variable[],
      );
      const out: Record<string, Float32Array> = {};
      for (const [name, gt] of Object.entries(grads))
        out[name.slice(name.indexOf('/') + 1)] = Float32Array.from(gt.dataSync() as Float32Array);
      return out;
    });
    return { snap, grads };
  } finally {
    model.dispose();
  }
}

const maxAbs = (a: Float32Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

function compare(got: Record<string, Float32Array>, ref: Record<string, Float32Array>): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(ref).sort());
  const globalScale = Math.max(...Object.values(ref).map(maxAbs));
  for (const name of Object.keys(ref)) {
    const r = ref[name]!;
    const g = got[name]!;
    const err = r.reduce((m, v, i) => Math.max(m, Math.abs(v - g[i]!)), 0);
    if (/conv\/b$/.test(name)) {
      // A conv bias followed by instance norm has an exactly zero gradient (the norm removes any
      // per-channel shift); both sides show only rounding noise.
      expect(maxAbs(r)).toBeLessThan(1e-5 * globalScale);
      expect(maxAbs(g)).toBeLessThan(1e-5 * globalScale);
    } else {
      expect(err / maxAbs(r), name).toBeLessThan(1e-4);
    }
  }
}

function setup(config: ModelConfig, b: number, seed: number) {
  const rng = new Rng(seed);
  const size = b * config.inputShape[0] * config.inputShape[1] * config.inputShape[2];
  const x = Float32Array.from({ length: size }, () => rng.normal());
  const la = Int32Array.from({ length: b }, () => rng.int(config.numClasses));
  const lb = Int32Array.from({ length: b }, () => rng.int(config.numClasses));
  return { x, t: mixedTargets(la, lb, 0.7, config.numClasses) };
}

describe('ConvNet gradients', () => {
  const configs: Array<[string, ModelConfig]> = [
    ['RGB 12×12, depth 3', { inputShape: [12, 12, 3], numClasses: 4, width: 20, depth: 3 }],
    [
      'one channel, odd non-square 11×9, depth 2',
      { inputShape: [11, 9, 1], numClasses: 3, width: 5, depth: 2 },
    ],
  ];
  for (const [name, config] of configs) {
    it(`wasm model gradients match the cpu reference: ${name}`, async () => {
      const { x, t } = setup(config, 3, 11);
      await tf.setBackend('wasm');
      const { snap, grads } = modelGrads(config, 5, x, t, 3);
      await tf.setBackend('cpu');
      compare(grads, referenceGrads(config, snap, x, t, 3));
    });
  }

  it('cpu model gradients with the custom conv gradient match the reference', async () => {
    const config: ModelConfig = { inputShape: [8, 10, 2], numClasses: 3, width: 18, depth: 2 };
    const { x, t } = setup(config, 2, 12);
    await tf.setBackend('cpu');
    const { snap, grads } = modelGrads(config, 6, x, t, 2, { convGrad: 'custom' });
    compare(grads, referenceGrads(config, snap, x, t, 2));
  });
});
