// The ConvNet interface the training loop, scorers and evaluators code against (design.md §4).
import type { Tensor2D, Tensor4D, Variable } from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../types';

export interface ConvNetOutput {
  /** `[batch, classes]` logits. */
  readonly logits: Tensor2D;
  /** `[batch, features]` penultimate (flattened) features, for k-means selection. */
  readonly features: Tensor2D;
}

export interface ConvNet {
  readonly config: ModelConfig;
  /** All trainable variables, in a stable order. */
  readonly variables: readonly Variable[];
  /** Variables that take weight decay (convolution and linear weights and biases; norms too, as in PyTorch SGD). */
  readonly decayed: readonly Variable[];
  /**
   * Forward pass on already-normalised NHWC input. Pure with respect to tensors: the caller owns
   * disposal (call it inside `tf.tidy`).
   */
  apply(x: Tensor4D): ConvNetOutput;
  /** Plain copies of the weights, keyed by variable name (for saving and tests). */
  snapshot(): Record<string, { shape: number[]; values: Float32Array }>;
  /** Load weights from a snapshot of a model with the same config (ConfigError on a mismatch). */
  restore(weights: Record<string, { shape: number[]; values: Float32Array }>): void;
  dispose(): void;
}
