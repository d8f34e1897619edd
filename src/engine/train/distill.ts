// Training on a teacher's soft labels (knowledge distillation), as RDED trains its student
// (rded.md §4.3, Eq. 10) and its reference code does: the teacher, in evaluation mode, labels the
// very batch the student sees (after augmentation and CutMix), and the student minimises the
// batch-mean KL divergence from softmax(teacher / T) to softmax(student / T).
// - T = 20: RDED's value for CutMix batches (4 for MixUp); a high temperature spreads the teacher's
//   probability over the classes a mixed image shows, which is the information a hard label lacks.
// - No T² factor, as in RDED's code (SRe2L-style); the optimiser's learning rate absorbs the scale.
// Like the step's soft cross-entropy (step.ts) at logits / T, less the targets' own entropy: the
// same gradient, and a value that is 0 when the student matches the teacher.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors';

export const DISTILL = {
  /** Softmax temperature of teacher and student (RDED with CutMix). */
  temperature: 20,
} as const;

function checkTemperature(t: number): number {
  if (!(t > 0) || !Number.isFinite(t)) throw new ConfigError(`temperature must be > 0, got ${t}`);
  return t;
}

/** softmax(teacherLogits / T), row by row: the targets of a batch. */
export function teacherTargets(teacherLogits: tf.Tensor2D, temperature: number): tf.Tensor2D {
  const t = checkTemperature(temperature);
  return tf.tidy(() => tf.softmax(tf.div(teacherLogits, t)) as tf.Tensor2D);
}

/** KL(p ‖ softmax(s / T)) batch mean at one temperature, with its own gradient (q − p) / (T·B). */
function klOp(t: number) {
  return tf.customGrad((...args) => {
    const [s, p, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const b = s.shape[0];
    const logq = tf.logSoftmax(tf.div(s, t));
    // Σ p (log p − log q); 0 · log 0 counts as 0.
    const value = tf.div(tf.sum(tf.mul(p, tf.sub(tf.log(tf.maximum(p, 1e-30)), logq))), b);
    save([logq, p]); // last: a forward that throws must not strand kept copies (tf/tape.ts)
    return {
      value: value as tf.Scalar,
      gradFunc: (dy, saved) => {
        const [lq, targets] = saved as [tf.Tensor2D, tf.Tensor2D];
        // Each row of p sums to 1, so d/ds = (softmax(s / T) − p) / T, averaged over the batch.
        return [tf.mul(tf.sub(tf.exp(lq), targets), tf.div(dy, b * t)), tf.zerosLike(targets)];
      },
    };
  });
}

/**
 * Batch mean of KL(targets ‖ softmax(studentLogits / T)), differentiable in the student's logits
 * without tfjs's gradient registry (which Node does not load).
 */
export function distillationLoss(
  studentLogits: tf.Tensor2D,
  targets: tf.Tensor2D,
  temperature: number,
): tf.Scalar {
  return klOp(checkTemperature(temperature))(studentLogits, targets) as tf.Scalar;
}
