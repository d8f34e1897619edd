// Tests of attachTeacher on bundle folders: adding a teacher keeps the rest of manifest.json as it
// was, replacing one swaps the weights and leaves no staging file, a bad teacher or a broken
// bundle leaves the folder untouched, and a folder left mid-replace (the manifest naming the
// staging file) is valid and finished by the next attach.
import { describe, it, expect } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleError } from '../../src/engine/errors';
import type { TeacherInfo } from '../../src/engine/bundle/manifest';
import { teacherModelConfig } from '../../src/engine/bundle/teacher';
import { TEACHER_PATH } from '../../src/engine/bundle/write';
import { weightCount } from '../../src/engine/model/weights-file';
import { useTempDir, writeTinyBundleDir } from '../../test-support/node/test-dirs';
import { attachTeacher, TEACHER_STAGING_PATH } from './attach-teacher';
import { readBundleDir } from './bundle-fs';

const root = useTempDir('yoco-attach-teacher-', { each: true });

const INFO: TeacherInfo = {
  architecture: 'ConvNet',
  width: 4,
  depth: 3,
  norm: 'instancenorm',
  trainedOn: { name: 'Tiny training set', count: 120 },
  epochs: 3,
  testAccuracy: 0.75,
  testImages: 12,
  command: 'yoco teacher tiny --width 4',
};
/** 3 classes of 8×8×3: a width-4, depth-3 ConvNet has (108+12) + 2·(144+12) + (4·3+3) = 447 weights. */
const COUNT = 447;

const weightsOf = (seed: number, count = COUNT): Float32Array =>
  Float32Array.from({ length: count }, (_, i) => Math.sin(i * seed) / 3);

async function tinyDir(): Promise<string> {
  const dir = join(root(), 'tiny');
  await writeTinyBundleDir(dir, { classes: 3, ipc: 2, size: 8, testPerClass: 4, features: true });
  return dir;
}

const manifestText = (dir: string): Promise<string> => readFile(join(dir, 'manifest.json'), 'utf8');

async function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('attachTeacher', () => {
  it('adds a teacher to a bundle without one, leaving the rest of the manifest as it was', async () => {
    const dir = await tinyDir();
    const before = await manifestText(dir);
    const weights = weightsOf(1);
    await attachTeacher(dir, INFO, weights);

    const b = await readBundleDir(dir);
    expect(weightCount(teacherModelConfig(b.manifest, INFO))).toBe(COUNT);
    expect(b.teacher?.info).toEqual(INFO);
    expect(Array.from(b.teacher!.weights)).toEqual(Array.from(weights));
    expect(b.manifest.files.teacher).toMatchObject({ path: TEACHER_PATH, bytes: COUNT * 4 });
    const after = await manifestText(dir);
    const keys = Object.keys(JSON.parse(after) as object);
    expect(keys.slice(keys.indexOf('features'))).toEqual(['features', 'teacher', 'files']);
    // Without the two new keys the manifest is byte for byte the one the writer wrote.
    const m = JSON.parse(after) as Record<string, Record<string, unknown>>;
    delete m.teacher;
    delete m.files!.teacher;
    expect(`${JSON.stringify(m, null, 2)}\n`).toBe(before);
    expect((await readdir(dir)).filter((f) => f.startsWith('.') || f.includes('next'))).toEqual([]);
  });

  it('replaces a teacher in place: new info and weights, the same key order, no staging file left', async () => {
    const dir = await tinyDir();
    await attachTeacher(dir, INFO, weightsOf(1));
    const first = await manifestText(dir);
    const info = { ...INFO, epochs: 30, testAccuracy: 0.8125 };
    const weights = weightsOf(2);
    await attachTeacher(dir, info, weights);

    const b = await readBundleDir(dir);
    expect(b.teacher?.info).toEqual(info);
    expect(Array.from(b.teacher!.weights)).toEqual(Array.from(weights));
    const after = await manifestText(dir);
    expect(Object.keys(JSON.parse(after) as object)).toEqual(
      Object.keys(JSON.parse(first) as object),
    );
    expect(after).not.toBe(first);
    expect((await readdir(dir)).sort()).toEqual(
      [
        'features.f32',
        'images.u8',
        'labels.u8',
        'manifest.json',
        'scores.json',
        'teacher.bin',
        'test-images.u8',
        'test-labels.u8',
      ].sort(),
    );
  });

  it('refuses a bad teacher and leaves the folder exactly as it was', async () => {
    const dir = await tinyDir();
    await attachTeacher(dir, INFO, weightsOf(1));
    const before = await manifestText(dir);
    const teacherBefore = await readFile(join(dir, TEACHER_PATH));
    const wrongCount = await caught(attachTeacher(dir, INFO, weightsOf(3, COUNT - 1)));
    expect(wrongCount).toBeInstanceOf(BundleError);
    expect((wrongCount as BundleError).message).toMatch(/"files\.teacher\.bytes" is 1784/);
    const nan = weightsOf(3);
    nan[7] = NaN;
    const notFinite = await caught(attachTeacher(dir, INFO, nan));
    expect((notFinite as BundleError).message).toMatch(/^teacher\.bin: weight 7 .* is NaN/);
    const badInfo = await caught(attachTeacher(dir, { ...INFO, testAccuracy: 75 }, weightsOf(3)));
    expect((badInfo as BundleError).message).toMatch(
      /"teacher\.testAccuracy" must lie in \[0, 1\]/,
    );

    expect(await manifestText(dir)).toBe(before);
    expect(await readFile(join(dir, TEACHER_PATH))).toEqual(teacherBefore);
    expect((await readdir(dir)).some((f) => f.startsWith('.'))).toBe(false);
  });

  it('refuses to attach to a broken bundle, naming the broken file', async () => {
    const dir = await tinyDir();
    await writeFile(join(dir, 'labels.u8'), new Uint8Array([0, 0, 1, 1, 2, 1]));
    const err = await caught(attachTeacher(dir, INFO, weightsOf(1)));
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).file).toBe('labels.u8');
    expect(await readdir(dir)).not.toContain(TEACHER_PATH);
  });

  it('a folder stopped mid-replace (manifest naming the staging file) loads, and the next attach finishes it', async () => {
    const dir = await tinyDir();
    await attachTeacher(dir, INFO, weightsOf(1));
    // What a stop right after the staging step leaves: the manifest names teacher.next.bin.
    const m = JSON.parse(await manifestText(dir)) as { files: { teacher: { path: string } } };
    await writeFile(join(dir, TEACHER_STAGING_PATH), await readFile(join(dir, TEACHER_PATH)));
    m.files.teacher.path = TEACHER_STAGING_PATH;
    await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
    expect((await readBundleDir(dir)).teacher?.info).toEqual(INFO);

    await attachTeacher(dir, INFO, weightsOf(2));
    const b = await readBundleDir(dir);
    expect(b.manifest.files.teacher?.path).toBe(TEACHER_PATH);
    expect(Array.from(b.teacher!.weights)).toEqual(Array.from(weightsOf(2)));
    expect(await readdir(dir)).not.toContain(TEACHER_STAGING_PATH);
  });
});
