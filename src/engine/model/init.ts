// Deterministic, seeded initial weights for ConvNet-D3, following PyTorch's defaults:
// Conv2d and Linear weights and biases ~ U(−1/√fan_in, 1/√fan_in) (kaiming_uniform with a = √5),
// GroupNorm scale 1 and shift 0.
import { ConfigError } from '../errors';
import { Rng } from '../rng';
import type { ModelConfig } from '../types';

export interface WeightSpec {
  readonly name: string;
  readonly shape: number[];
  readonly values: Float32Array;
  /** Takes weight decay (PyTorch SGD decays every parameter it is given, norms included). */
  readonly decay: boolean;
}

/** Spatial size after `depth` 2×2 average pools with floor, like PyTorch's AvgPool2d(2, 2). */
export function pooledSize(size: number, depth: number): number {
  let s = size;
  for (let i = 0; i < depth; i++) s = Math.floor(s / 2);
  return s;
}

export function validateModelConfig(config: ModelConfig): void {
  const [h, w, c] = config.inputShape;
  const ints: Array<[string, number, number]> = [
    ['input height', h, 1],
    ['input width', w, 1],
    ['input channels', c, 1],
    ['width', config.width, 1],
    ['depth', config.depth, 1],
    ['numClasses', config.numClasses, 2],
  ];
  for (const [what, v, min] of ints) {
    if (!Number.isInteger(v) || v < min)
      throw new ConfigError(`model ${what} must be an integer ≥ ${min}, got ${v}`);
  }
  const ph = pooledSize(h, config.depth);
  const pw = pooledSize(w, config.depth);
  if (ph < 1 || pw < 1) {
    throw new ConfigError(
      `model depth ${config.depth} pools a ${h}×${w} input down to ${ph}×${pw}; use a smaller depth or a larger input`,
    );
  }
}

/** Uniform in (−bound, bound). */
function uniform(rng: Rng, count: number, bound: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.uniform(-bound, bound);
  return out;
}

/**
 * Initial weights in the model's variable order: per block conv weight [3,3,Cin,W], conv bias
 * [W], norm scale [W], norm shift [W]; then the linear weight [features, classes] and bias.
 * Features are flattened in NHWC order (h, w, channel).
 */
export function initialWeights(config: ModelConfig, seed: number): WeightSpec[] {
  validateModelConfig(config);
  const [h, w, c] = config.inputShape;
  const rng = new Rng(seed);
  const specs: WeightSpec[] = [];
  let cin = c;
  for (let b = 0; b < config.depth; b++) {
    const width = config.width;
    const fanIn = cin * 9;
    const bound = 1 / Math.sqrt(fanIn);
    const layer = rng.fork(b);
    specs.push({
      name: `block${b}/conv/w`,
      shape: [3, 3, cin, width],
      values: uniform(layer, 9 * cin * width, bound),
      decay: true,
    });
    specs.push({
      name: `block${b}/conv/b`,
      shape: [width],
      values: uniform(layer, width, bound),
      decay: true,
    });
    specs.push({
      name: `block${b}/norm/gamma`,
      shape: [width],
      values: new Float32Array(width).fill(1),
      decay: true,
    });
    specs.push({
      name: `block${b}/norm/beta`,
      shape: [width],
      values: new Float32Array(width),
      decay: true,
    });
    cin = width;
  }
  const features = pooledSize(h, config.depth) * pooledSize(w, config.depth) * cin;
  const bound = 1 / Math.sqrt(features);
  const head = rng.fork(config.depth);
  specs.push({
    name: 'fc/w',
    shape: [features, config.numClasses],
    values: uniform(head, features * config.numClasses, bound),
    decay: true,
  });
  specs.push({
    name: 'fc/b',
    shape: [config.numClasses],
    values: uniform(head, config.numClasses, bound),
    decay: true,
  });
  return specs;
}
