// A ConvNet's weights as one flat float32 array (a bundle's teacher payload, bundles.md): every
// variable's values one after another, in the model's variable order (init.ts: per block the conv
// weight [3, 3, Cin, W] in HWIO order, conv bias, norm scale, norm shift; then the linear weight
// [features, classes] with NHWC-flattened features, and its bias). The config fixes every shape, so
// the file holds values only and its exact size is known before it is read.
import { ConfigError } from '../errors';
import type { ModelConfig } from '../types';
import { pooledSize, validateModelConfig } from './init';
import type { ConvNetWeights } from './convnet';

export interface WeightSlot {
  readonly name: string;
  readonly shape: readonly number[];
  readonly size: number;
}

/** The variables of a ConvNet with `config`, in file order, with their shapes (no values drawn). */
export function weightLayout(config: ModelConfig): WeightSlot[] {
  validateModelConfig(config);
  const [h, w, c] = config.inputShape;
  const slots: WeightSlot[] = [];
  const add = (name: string, shape: number[]): void => {
    slots.push({ name, shape, size: shape.reduce((a, b) => a * b, 1) });
  };
  let cin = c;
  for (let b = 0; b < config.depth; b++) {
    add(`block${b}/conv/w`, [3, 3, cin, config.width]);
    add(`block${b}/conv/b`, [config.width]);
    add(`block${b}/norm/gamma`, [config.width]);
    add(`block${b}/norm/beta`, [config.width]);
    cin = config.width;
  }
  const features = pooledSize(h, config.depth) * pooledSize(w, config.depth) * cin;
  add('fc/w', [features, config.numClasses]);
  add('fc/b', [config.numClasses]);
  return slots;
}

/** Number of float32 values in the weights file of a ConvNet with `config`. */
export function weightCount(config: ModelConfig): number {
  return weightLayout(config).reduce((n, s) => n + s.size, 0);
}

/** A snapshot (ConvNet.snapshot) packed into the file's order; ConfigError on a missing or misshapen variable. */
export function packWeights(config: ModelConfig, weights: ConvNetWeights): Float32Array {
  const layout = weightLayout(config);
  const out = new Float32Array(layout.reduce((n, s) => n + s.size, 0));
  let at = 0;
  for (const slot of layout) {
    const w = weights[slot.name];
    if (!w) throw new ConfigError(`weights lack the variable "${slot.name}"`);
    if (w.values.length !== slot.size || w.shape.join(',') !== slot.shape.join(',')) {
      throw new ConfigError(
        `variable "${slot.name}" should have shape [${slot.shape.join(', ')}], got [${w.shape.join(', ')}]`,
      );
    }
    out.set(w.values, at);
    at += slot.size;
  }
  return out;
}

/** The file's values as a snapshot for ConvNet.restore (views into `values`, no copy). */
export function unpackWeights(config: ModelConfig, values: Float32Array): ConvNetWeights {
  const layout = weightLayout(config);
  const total = layout.reduce((n, s) => n + s.size, 0);
  if (values.length !== total) {
    throw new ConfigError(
      `a width-${config.width}, depth-${config.depth} ConvNet has ${total} weights, got ${values.length}`,
    );
  }
  const out: ConvNetWeights = {};
  let at = 0;
  for (const slot of layout) {
    out[slot.name] = { shape: [...slot.shape], values: values.subarray(at, at + slot.size) };
    at += slot.size;
  }
  return out;
}
