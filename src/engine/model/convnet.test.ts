// ConvNet-D3: output shapes (square, non-square, one channel, odd sizes pooled with floor),
// PyTorch-default initialisation, determinism by seed, and input/config errors.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError } from '../errors';
import { createConvNet, reluAvgPool2x2 } from './convnet';
import { initialWeights, pooledSize } from './init';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function shapesOf(
  inputShape: [number, number, number],
  width: number,
  depth: number,
  batch: number,
) {
  const model = createConvNet({ inputShape, numClasses: 5, width, depth }, 1);
  try {
    return tf.tidy(() => {
      const out = model.apply(tf.zeros([batch, ...inputShape]) as tf.Tensor4D);
      return { logits: out.logits.shape, features: out.features.shape };
    });
  } finally {
    model.dispose();
  }
}

describe('createConvNet', () => {
  it('CIFAR-like 32×32×3, depth 3: 32→16→8→4, features 4·4·W', () => {
    expect(shapesOf([32, 32, 3], 8, 3, 2)).toEqual({ logits: [2, 5], features: [2, 4 * 4 * 8] });
  });

  it('Fashion-MNIST 28×28×1, depth 3: 28→14→7→3 (floor), features 3·3·W', () => {
    expect(pooledSize(28, 3)).toBe(3);
    expect(shapesOf([28, 28, 1], 4, 3, 3)).toEqual({ logits: [3, 5], features: [3, 3 * 3 * 4] });
  });

  it('non-square 20×12×2, depth 2: 5×3 features', () => {
    expect(shapesOf([20, 12, 2], 6, 2, 1)).toEqual({ logits: [1, 5], features: [1, 5 * 3 * 6] });
  });

  it('initialises like PyTorch: U(±1/√fan_in) weights and biases, norm scale 1 and shift 0', () => {
    const specs = initialWeights({ inputShape: [8, 8, 3], numClasses: 10, width: 16, depth: 2 }, 3);
    expect(specs.map((s) => s.name)).toEqual([
      'block0/conv/w',
      'block0/conv/b',
      'block0/norm/gamma',
      'block0/norm/beta',
      'block1/conv/w',
      'block1/conv/b',
      'block1/norm/gamma',
      'block1/norm/beta',
      'fc/w',
      'fc/b',
    ]);
    const bounds: Record<string, number> = {
      'block0/conv/w': 1 / Math.sqrt(27),
      'block0/conv/b': 1 / Math.sqrt(27),
      'block1/conv/w': 1 / Math.sqrt(144),
      'block1/conv/b': 1 / Math.sqrt(144),
      'fc/w': 1 / Math.sqrt(2 * 2 * 16),
      'fc/b': 1 / Math.sqrt(2 * 2 * 16),
    };
    for (const s of specs) {
      const bound = bounds[s.name];
      if (bound !== undefined) {
        const max = Math.max(...s.values.map(Math.abs));
        expect(max).toBeLessThan(bound);
        expect(max).toBeGreaterThan(0.8 * bound); // spread over the whole range
      } else if (s.name.endsWith('gamma')) {
        expect(s.values.every((v) => v === 1)).toBe(true);
      } else {
        expect(s.values.every((v) => v === 0)).toBe(true);
      }
    }
    expect(specs.find((s) => s.name === 'fc/w')!.shape).toEqual([64, 10]);
  });

  it('is deterministic by seed: same seed, same weights and logits; another seed differs', () => {
    const config = { inputShape: [10, 10, 3] as const, numClasses: 4, width: 6, depth: 2 };
    const a = createConvNet(config, 42);
    const b = createConvNet(config, 42);
    const c = createConvNet(config, 43);
    try {
      const sa = a.snapshot();
      const sb = b.snapshot();
      const sc = c.snapshot();
      expect(Object.keys(sa)).toEqual(Object.keys(sb));
      for (const k of Object.keys(sa))
        expect(Array.from(sa[k]!.values)).toEqual(Array.from(sb[k]!.values));
      expect(Array.from(sa['block0/conv/w']!.values)).not.toEqual(
        Array.from(sc['block0/conv/w']!.values),
      );
      const x = tf.randomNormal([2, 10, 10, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
      const la = tf.tidy(() => Array.from(a.apply(x).logits.dataSync()));
      const lb = tf.tidy(() => Array.from(b.apply(x).logits.dataSync()));
      expect(la).toEqual(lb);
      x.dispose();
    } finally {
      a.dispose();
      b.dispose();
      c.dispose();
    }
  });

  it('restore() puts a snapshot back exactly and rejects mismatched weights', () => {
    const config = { inputShape: [6, 6, 2] as const, numClasses: 3, width: 4, depth: 1 };
    const a = createConvNet(config, 1);
    const b = createConvNet(config, 2);
    try {
      const snap = a.snapshot();
      b.restore(snap);
      const back = b.snapshot();
      for (const k of Object.keys(snap))
        expect(Array.from(back[k]!.values)).toEqual(Array.from(snap[k]!.values));
      const bad = { ...snap, 'fc/b': { shape: [4], values: new Float32Array(4) } };
      expect(() => b.restore(bad)).toThrow(
        new ConfigError('variable "fc/b" has shape [3], weights give [4]'),
      );
      const { ['fc/w']: _dropped, ...missing } = snap;
      expect(() => b.restore(missing)).toThrow(new ConfigError('weights lack the variable "fc/w"'));
      expect(() =>
        b.restore({ ...snap, extra: { shape: [1], values: new Float32Array(1) } }),
      ).toThrow(new ConfigError('weights have an unknown variable "extra"'));
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('disposes its variables and leaves no tensors behind after apply', () => {
    const before = tf.memory().numTensors;
    const model = createConvNet({ inputShape: [6, 6, 1], numClasses: 2, width: 3, depth: 1 }, 0);
    expect(model.variables).toHaveLength(6);
    const x = tf.zeros([1, 6, 6, 1]) as tf.Tensor4D;
    const mid = tf.memory().numTensors;
    tf.tidy(() => {
      model.apply(x);
    });
    expect(tf.memory().numTensors).toBe(mid);
    x.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a wrong input shape and a depth that pools the image away', () => {
    const model = createConvNet({ inputShape: [8, 8, 3], numClasses: 3, width: 2, depth: 2 }, 0);
    const x = tf.zeros([1, 8, 8, 1]) as tf.Tensor4D;
    expect(() => model.apply(x)).toThrow(
      new ConfigError('model expects input [batch, 8, 8, 3], got [1, 8, 8, 1]'),
    );
    x.dispose();
    model.dispose();
    expect(() =>
      createConvNet({ inputShape: [4, 4, 3], numClasses: 3, width: 2, depth: 3 }, 0),
    ).toThrow('model depth 3 pools a 4×4 input down to 0×0; use a smaller depth or a larger input');
    expect(() =>
      createConvNet({ inputShape: [8, 8, 3], numClasses: 3, width: 0, depth: 1 }, 0),
    ).toThrow('model width must be an integer ≥ 1, got 0');
  });
});

describe('reluAvgPool2x2', () => {
  it('averages ReLU outputs over 2×2 windows and drops the odd last row/column', () => {
    // 3×3 single channel: rows [1 -2 9], [3 4 9], [9 9 9].
    const y = tf.tensor4d([1, -2, 9, 3, 4, 9, 9, 9, 9], [1, 3, 3, 1]);
    const p = reluAvgPool2x2(y);
    expect(p.shape).toEqual([1, 1, 1, 1]);
    expect(p.dataSync()[0]).toBeCloseTo((1 + 0 + 3 + 4) / 4, 6);
    const g = tf.grad((t) => tf.sum(reluAvgPool2x2(t as tf.Tensor4D)))(y);
    expect(Array.from(g.dataSync())).toEqual([0.25, 0, 0, 0.25, 0.25, 0, 0, 0, 0]);
  });
});
