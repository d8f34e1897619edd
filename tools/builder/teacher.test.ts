// The teacher's training (teacher.ts): it learns the fixture's patterns well above chance, each
// epoch is a cached stage, and a run stopped after its first epoch resumes there (the second run
// trains only what was missing and ends with the same weights as an uninterrupted one).
import { beforeAll, describe, expect, it } from 'vitest';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { trainTeacher, type TeacherData, type TeacherParams } from './teacher';
import { useTempDir } from '../../test-support/node/test-dirs';
import { normalization, patterns, S } from '../../test-support/engine/train-fixture';

const root = useTempDir('yoco-teacher-');
const train = patterns(40, 1);
const test = patterns(25, 2);
const data: TeacherData = {
  train,
  test,
  shape: [S, S, 1],
  numClasses: 4,
  flip: true,
  normalization,
};
const p: TeacherParams = { width: 8, depth: 2, epochs: 3, batchSize: 16, seed: 0, augment: false };
const quiet = () => undefined;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainTeacher', () => {
  it('learns above chance, caches each epoch and resumes a stopped run where it stopped', async () => {
    const whole = await trainTeacher(data, p, { cacheDir: join(root(), 'a'), log: quiet }, quiet);
    expect(whole.testAccuracy).toBeGreaterThan(0.6); // chance: 0.25
    expect(whole.testImages).toBe(100);
    expect(whole.seconds).toBeGreaterThan(0);

    const dir = join(root(), 'b');
    await trainTeacher(data, p, { cacheDir: dir, log: quiet }, quiet);
    const entries = (await readdir(dir)).filter((f) => f.startsWith('teacher-epoch')).sort();
    expect(entries).toHaveLength(3);
    // A stop during the last epoch leaves its entry missing (the entries are named by hash, so
    // remove each in turn: whichever epoch is missing is the only one trained again).
    for (const missing of entries) {
      await rm(join(dir, missing));
      const logs: string[] = [];
      await trainTeacher(data, p, { cacheDir: dir, log: (m) => logs.push(m) }, quiet);
      expect(logs.filter((m) => m === '[teacher-epoch] computing')).toHaveLength(1);
    }
    const resumed = await trainTeacher(data, p, { cacheDir: dir, log: quiet }, quiet);
    for (const name of Object.keys(whole.weights))
      expect(resumed.weights[name]!.values).toEqual(whole.weights[name]!.values);

    const cached = await trainTeacher(data, p, { cacheDir: dir, log: quiet }, quiet);
    expect(cached.seconds).toBe(0);
  }, 120_000);
});
