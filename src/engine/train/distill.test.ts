// The soft-label (distillation) loss against values computed by hand on a 2-sample batch, and its
// gradient in the student's logits.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { distillationLoss, teacherTargets } from './distill';

// Two classes, T = 2. Sample 1: teacher logits [2, 0] → p = softmax([1, 0]) = [0.731059, 0.268941];
// student [0, 0] → q = [0.5, 0.5]; KL = 0.731059·ln(0.731059/0.5) + 0.268941·ln(0.268941/0.5)
// = 0.110941. Sample 2: teacher [0, 0] → p = [0.5, 0.5]; student [4, 0] → q = softmax([2, 0]) =
// [0.880797, 0.119203]; KL = 0.5·ln(0.5/0.880797) + 0.5·ln(0.5/0.119203) = 0.433781.
// Batch mean: 0.272362; times T² = 4: 1.089448. Gradient in the student's logits: T·(q − p) / B.
const T = 2;
const teacher = () => tf.tensor2d([2, 0, 0, 0], [2, 2]);
const student = () => tf.tensor2d([0, 0, 4, 0], [2, 2]);

describe('distillation loss', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is T² times the batch-mean KL from the teacher’s softened labels, as computed by hand', async () => {
    const targets = teacherTargets(teacher(), T);
    expect(Array.from(await targets.data())).toEqual(
      [0.731059, 0.268941, 0.5, 0.5].map((v) => expect.closeTo(v, 5)),
    );
    const loss = distillationLoss(student(), targets, T);
    expect((await loss.data())[0]).toBeCloseTo(1.089448, 5);
  });

  it('is zero when the student matches the teacher, and its gradient is T·(q − p) / B', async () => {
    const targets = teacherTargets(teacher(), T);
    expect((await distillationLoss(teacher(), targets, T).data())[0]).toBeCloseTo(0, 6);
    const grad = tf.grad((s) => distillationLoss(s as tf.Tensor2D, targets, T))(student());
    expect(Array.from(await grad.data())).toEqual(
      [-0.2310584, 0.2310584, 0.3807972, -0.3807972].map((v) => expect.closeTo(v, 5)),
    );
  });

  it('refuses a temperature that is not positive', () => {
    expect(() => teacherTargets(teacher(), 0)).toThrow(/temperature must be > 0, got 0/);
  });
});
