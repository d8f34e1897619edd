// The training loop with a teacher (labels: 'teacher'): the student learns what the teacher says,
// not the images' own labels (a teacher trained on shifted labels makes the student shift them
// too), no tensor leaks, a teacher of another shape is refused by name; and a run can start from
// given weights.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError } from '../errors';
import { createConvNet } from '../model/convnet';
import type { ConvNet } from '../model/types';
import { evaluateAccuracy } from './evaluate';
import { train } from './train';
import {
  config,
  normalization,
  options,
  S,
  testData,
} from '../../../test-support/engine/train-fixture';

const shifted = (labels: Int32Array): Int32Array => labels.map((y) => (y + 1) % 4);

/** A teacher trained on the fixture with every label moved to the next class. */
async function shiftedTeacher(): Promise<ConvNet> {
  const base = options({ config: config({ epochs: 8, evalEvery: -1 }), keepModel: true });
  const out = await train({
    ...base,
    train: { ...base.train, labels: shifted(base.train.labels) },
  });
  return out.model!;
}

let teacher: ConvNet;

beforeAll(async () => {
  await tf.setBackend('cpu');
  teacher = await shiftedTeacher();
}, 120_000);

describe('train with a teacher', () => {
  it('learns the teacher’s labels, not the images’ own, and leaks no tensors', async () => {
    const teacherAcc = await evaluateAccuracy(
      teacher,
      testData.images,
      shifted(testData.labels),
      normalization,
    );
    expect(teacherAcc).toBeGreaterThan(0.6);
    const before = tf.memory().numTensors;
    const out = await train(
      options({ config: config({ epochs: 8, evalEvery: -1 }), teacher, keepModel: true }),
    );
    const student = out.model!;
    try {
      const onShifted = await evaluateAccuracy(
        student,
        testData.images,
        shifted(testData.labels),
        normalization,
      );
      const onOwn = await evaluateAccuracy(
        student,
        testData.images,
        testData.labels,
        normalization,
      );
      expect(onShifted).toBeGreaterThan(0.5);
      expect(onOwn).toBeLessThan(0.25); // chance is 0.25; the teacher says the next class
      // Train accuracy still counts the images' own labels: the student disagrees with them.
      expect(out.epochs.at(-1)!.trainAccuracy).toBeLessThan(0.35);
    } finally {
      student.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a teacher for other images or classes, naming both shapes', async () => {
    const other = createConvNet({ inputShape: [S, S, 1], numClasses: 5, width: 4, depth: 2 }, 0);
    try {
      await expect(train(options({ teacher: other }))).rejects.toThrow(ConfigError);
      await expect(train(options({ teacher: other }))).rejects.toThrow(
        /teacher takes \[8, 8, 1\] images in 5 classes, the training set has \[8, 8, 1\] in 4/,
      );
    } finally {
      other.dispose();
    }
  });

  it('starts from given weights: a run at a negligible rate keeps the model it started from', async () => {
    const out = await train(
      options({
        model: { width: 8, depth: 2 },
        initialWeights: teacher.snapshot(),
        config: config({ epochs: 1, learningRate: 1e-12, weightDecay: 0, evalEvery: -1 }),
        keepModel: true,
      }),
    );
    const model = out.model!;
    try {
      const shiftedTest = shifted(testData.labels);
      expect(await evaluateAccuracy(model, testData.images, shiftedTest, normalization)).toBe(
        await evaluateAccuracy(teacher, testData.images, shiftedTest, normalization),
      );
    } finally {
      model.dispose();
    }
  });
});
