// Training on a teacher's soft labels (knowledge distillation), as RDED trains its student
// (rded.md §4.3, Eq. 10) and its reference code does: the teacher, in evaluation mode, labels the
// very batch the student sees (after augmentation and CutMix), and the student minimises the
// batch-mean KL divergence from softmax(teacher / T) to softmax(student / T), at RDED's T = 20
// (config.ts DISTILLATION).
// - Scaled by T² (Hinton et al., 2015). RDED's code leaves the factor out because it trains the
//   student with AdamW, whose steps do not depend on the loss's scale. This project trains both
//   label modes with the same SGD protocol (design.md §5), so that a table's two columns differ in
//   their labels alone; SGD's step does scale with the loss, and without T² the soft loss's gradient
//   would be T = 20 times smaller than the hard label's, as if the learning rate were 20 times lower.
// - Like the step's soft cross-entropy (step.ts) at logits / T, less the targets' own entropy: the
//   same gradient, and a value that is 0 when the student matches the teacher.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors';

function checkTemperature(t: number): number {
  if (!(t > 0) || !Number.isFinite(t)) throw new ConfigError(`temperature must be > 0, got ${t}`);
  return t;
}

/** softmax(teacherLogits / T), row by row: the targets of a batch. */
export function teacherTargets(teacherLogits: tf.Tensor2D, temperature: number): tf.Tensor2D {
  const t = checkTemperature(temperature);
  return tf.tidy(() => tf.softmax(tf.div(teacherLogits, t)) as tf.Tensor2D);
}

/** T²·KL(p ‖ softmax(s / T)), batch mean, with its own gradient T·(q − p) / B. */
function klOp(t: number) {
  return tf.customGrad((...args) => {
    const [s, p, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const b = s.shape[0];
    const logq = tf.logSoftmax(tf.div(s, t));
    // Σ p (log p − log q); 0 · log 0 counts as 0.
    const kl = tf.sum(tf.mul(p, tf.sub(tf.log(tf.maximum(p, 1e-30)), logq)));
    const value = tf.mul(kl, (t * t) / b);
    save([logq, p]); // last: a forward that throws must not strand kept copies (tf/tape.ts)
    return {
      value: value as tf.Scalar,
      gradFunc: (dy, saved) => {
        const [lq, targets] = saved as [tf.Tensor2D, tf.Tensor2D];
        // Each row of p sums to 1, so d/ds KL = (softmax(s / T) − p) / T; times T², over B.
        return [tf.mul(tf.sub(tf.exp(lq), targets), tf.mul(dy, t / b)), tf.zerosLike(targets)];
      },
    };
  });
}

/**
 * T² times the batch mean of KL(targets ‖ softmax(studentLogits / T)), differentiable in the
 * student's logits without tfjs's gradient registry (which Node does not load).
 */
export function distillationLoss(
  studentLogits: tf.Tensor2D,
  targets: tf.Tensor2D,
  temperature: number,
): tf.Scalar {
  return klOp(checkTemperature(temperature))(studentLogits, targets) as tf.Scalar;
}
