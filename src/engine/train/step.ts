// One training step (design.md §5): forward pass, CutMix-weighted cross-entropy
// (λ·CE(labelsA) + (1 − λ)·CE(labelsB), mean over the batch) or, with a teacher's soft targets,
// the distillation loss (distill.ts), backward pass and a PyTorch-style SGD update. Returns the
// loss and the softmax of the same forward pass (for training dynamics).
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors';
import type { ConvNet } from '../model/types';
import { freeTapeOnError } from '../tf/tape';
import { distillationLoss } from './distill';
import { createSgd } from './sgd';
import { recordStage, stage } from '../tf/stages';

export interface StepInput {
  /** Normalised, augmented, possibly CutMix-ed batch [B, H, W, C]; the caller disposes it. */
  readonly x: tf.Tensor4D;
  readonly labelsA: Int32Array;
  readonly labelsB: Int32Array;
  /** CutMix area weight λ of labelsA (1 without mixing). */
  readonly weightA: number;
  readonly lr: number;
  /**
   * A teacher's softened labels of this very batch, [B, classes] (distill.ts `teacherTargets`), at
   * `temperature`: the loss is then the distillation loss and the hard labels only count as
   * correct or not. The caller disposes the tensor.
   */
  readonly soft?: { readonly targets: tf.Tensor2D; readonly temperature: number };
}

export interface StepOutput {
  readonly loss: number;
  /** Row-major [batch, classes] softmax of this step's forward pass. */
  readonly probs: Float32Array;
}

export interface TrainerOptions {
  readonly momentum: number;
  readonly weightDecay: number;
}

export interface Trainer {
  /**
   * One SGD step. Results are read back asynchronously: a synchronous read (`dataSync`) on
   * WebGPU stalls the GPU queue and, under SwiftShader, loses the device.
   */
  step(input: StepInput): Promise<StepOutput>;
  dispose(): void;
}

/** Row-major [B, K] soft targets: weightA on labelsA, 1 − weightA on labelsB. */
export function mixedTargets(
  labelsA: Int32Array,
  labelsB: Int32Array,
  weightA: number,
  k: number,
): Float32Array {
  const t = new Float32Array(labelsA.length * k);
  for (let i = 0; i < labelsA.length; i++) {
    t[i * k + labelsA[i]!]! += weightA;
    t[i * k + labelsB[i]!]! += 1 - weightA;
  }
  return t;
}

const crossEntropyOp = tf.customGrad((...args) => {
  const [logits, targets, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  const b = logits.shape[0];
  const logp = tf.logSoftmax(logits);
  const value = tf.div(tf.neg(tf.sum(tf.mul(targets, logp))), b) as tf.Scalar;
  save([logp, targets]); // last: a forward that throws must not strand kept copies (tape.ts)
  return {
    value,
    gradFunc: (dy, saved) =>
      stage('loss backward', () => {
        const [lp, t] = saved as [tf.Tensor2D, tf.Tensor2D];
        // d/dlogits of −Σ t·log softmax = softmax · Σ_k t − t, averaged over the batch.
        const g = tf.mul(tf.sub(tf.mul(tf.exp(lp), tf.sum(t, 1, true)), t), tf.div(dy, b));
        return [g, tf.zerosLike(t)];
      }),
  };
});

/**
 * Mean over the batch of −Σ_k targets·log softmax(logits), with its own gradient (no dependence on
 * tfjs's global gradient registry).
 */
export function softCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return crossEntropyOp(logits, targets) as tf.Scalar;
}

function checkInput(input: StepInput, k: number): void {
  const b = input.x.shape[0];
  if (input.labelsA.length !== b || input.labelsB.length !== b) {
    throw new ConfigError(
      `step: batch of ${b} images has ${input.labelsA.length} / ${input.labelsB.length} labels`,
    );
  }
  for (const labels of [input.labelsA, input.labelsB]) {
    for (const y of labels) {
      if (!Number.isInteger(y) || y < 0 || y >= k)
        throw new ConfigError(`step: label ${y} is outside 0..${k - 1}`);
    }
  }
  if (!(input.weightA >= 0 && input.weightA <= 1))
    throw new ConfigError(`step: weightA must be in [0, 1], got ${input.weightA}`);
  const t = input.soft?.targets.shape;
  if (t && (t[0] !== b || t[1] !== k))
    throw new ConfigError(
      `step: soft targets [${t.join(', ')}] for a batch of ${b} in ${k} classes`,
    );
}

export function createTrainer(model: ConvNet, opts: TrainerOptions): Trainer {
  const sgd = createSgd(model.variables, { ...opts, decayed: model.decayed });
  const k = model.config.numClasses;

  async function step(input: StepInput): Promise<StepOutput> {
    checkInput(input, k);
    const b = input.x.shape[0];
    let probsT: tf.Tensor | undefined;
    let lossT: tf.Tensor | undefined;
    try {
      // A kernel that throws mid-step leaves tfjs's gradient tape behind; free it (tape.ts).
      lossT = freeTapeOnError(() =>
        tf.tidy(() => {
          const { soft } = input;
          const target = soft
            ? undefined
            : tf.tensor2d(mixedTargets(input.labelsA, input.labelsB, input.weightA, k), [b, k]);
          const { value, grads } = tf.variableGrads(() => {
            const { logits } = model.apply(input.x);
            return stage('loss forward', () => {
              probsT = tf.keep(tf.softmax(logits));
              return soft
                ? distillationLoss(logits, soft.targets, soft.temperature)
                : softCrossEntropy(logits, target!);
            });
          }, model.variables as tf.Variable[]);
          stage('optimizer', () => sgd.apply(grads, input.lr));
          return value;
        }),
      );
      const t0 = performance.now();
      const [lossValues, probValues] = await Promise.all([lossT.data(), probsT!.data()]);
      recordStage('read back loss + softmax', performance.now() - t0);
      return { loss: lossValues[0]!, probs: Float32Array.from(probValues as Float32Array) };
    } finally {
      lossT?.dispose();
      probsT?.dispose();
    }
  }

  return { step, dispose: () => sgd.dispose() };
}
