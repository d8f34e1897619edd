// SGD with momentum and weight decay, step for step as PyTorch's torch.optim.SGD (dampening 0,
// no Nesterov):  g ← g + wd·w;  buf ← momentum·buf + g;  w ← w − lr·buf.
// Momentum buffers are allocated up front, so the tensor count does not change between steps.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors';

export interface SgdOptions {
  readonly momentum: number;
  readonly weightDecay: number;
  /** Variables that take weight decay (default: all). */
  readonly decayed?: readonly tf.Variable[];
}

export interface Sgd {
  /** Applies one update from gradients keyed by variable name. */
  apply(grads: tf.NamedTensorMap, lr: number): void;
  dispose(): void;
}

export function createSgd(variables: readonly tf.Variable[], opts: SgdOptions): Sgd {
  const { momentum, weightDecay } = opts;
  if (!Number.isFinite(momentum) || momentum < 0)
    throw new ConfigError(`momentum must be ≥ 0, got ${momentum}`);
  if (!Number.isFinite(weightDecay) || weightDecay < 0)
    throw new ConfigError(`weight decay must be ≥ 0, got ${weightDecay}`);
  const decayed = new Set(opts.decayed ?? variables);
  const buffers =
    momentum > 0 ? variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false))) : [];
  let disposed = false;

  function apply(grads: tf.NamedTensorMap, lr: number): void {
    if (disposed) throw new ConfigError('this optimizer has been disposed');
    if (!Number.isFinite(lr) || lr < 0)
      throw new ConfigError(`learning rate must be a finite number ≥ 0, got ${lr}`);
    tf.tidy(() => {
      const lrT = tf.scalar(lr);
      variables.forEach((v, i) => {
        const grad = grads[v.name];
        if (!grad) throw new Error(`no gradient for variable ${v.name}`);
        let g: tf.Tensor = grad;
        if (weightDecay > 0 && decayed.has(v)) g = tf.add(g, tf.mul(v, weightDecay));
        if (momentum > 0) {
          const buf = buffers[i]!;
          buf.assign(tf.add(tf.mul(buf, momentum), g));
          g = buf;
        }
        v.assign(tf.sub(v, tf.mul(g, lrT)));
      });
    });
  }

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    for (const b of buffers) b.dispose();
  }

  return { apply, dispose };
}
