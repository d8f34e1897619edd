// Tests of the optional teacher payload (a trained ConvNet's weights, teacher.ts): round trip
// through the writer and the reader (in memory and over fetch), each kind of corrupt payload
// refused with a BundleError naming teacher.bin, and the manifest checks of `teacher`.
import { describe, it, expect } from 'vitest';
import { makeTinyBundle } from '../../../test-support/engine/tiny-bundle';
import {
  readFailure,
  withManifest,
  withPayload,
  type LooseManifest,
} from '../../../test-support/engine/bundle-edits';
import { unpackWeights, weightCount } from '../model/weights-file';
import { fetchBundleFile } from './fetch';
import { MAX_TEACHER_BYTES } from './limits';
import type { TeacherInfo } from './manifest';
import { getFileFromMap, readBundle } from './read';
import { teacherModelConfig } from './teacher';
import { buildBundleFiles, TEACHER_PATH } from './write';

const INFO: TeacherInfo = {
  architecture: 'ConvNet',
  width: 3,
  depth: 2,
  norm: 'instancenorm',
  trainedOn: { name: 'Tiny training set', count: 600 },
  epochs: 5,
  testAccuracy: 0.875,
  testImages: 8,
  command: 'yoco teacher tiny --width 3 --depth 2',
};

/** A 2-class 8×8×1 bundle with a width-3, depth-2 teacher of distinct, exactly stored weights. */
async function withTeacher(info: TeacherInfo = INFO) {
  const tiny = await makeTinyBundle({ classes: 2, ipc: 1, factor: 2, size: 8, channels: 1 });
  const loaded = await readBundle(tiny.getFile);
  const count = weightCount(teacherModelConfig(loaded.manifest, info));
  const weights = Float32Array.from({ length: count }, (_, i) => (i % 13) / 8 - 0.75);
  const { files, manifest } = await buildBundleFiles({
    manifest: (({ files: _f, ...rest }) => rest)(loaded.manifest),
    images: loaded.images,
    labels: loaded.labels,
    scores: loaded.scores,
    testImages: loaded.testImages,
    testLabels: loaded.testLabels,
    teacher: { info, weights },
  });
  return { files, manifest, weights, count };
}

/** The manifest error from reading the teacher bundle with its manifest `edit`ed. */
async function manifestFailure(edit: (m: LooseManifest) => void): Promise<string> {
  const { files } = await withTeacher();
  const err = await readFailure(withManifest(files, edit));
  expect(err.problem).toBe('manifest');
  expect(err.file).toBe('manifest.json');
  return err.message;
}

describe('teacher payload', () => {
  it('round-trips exactly: info in the manifest, weights in teacher.bin as float32 LE', async () => {
    const { files, manifest, weights, count } = await withTeacher();
    // 2 blocks of [3,3,1,3]+3·3 and [3,3,3,3]+3·3, then fc [2·2·3, 2] and its bias.
    expect(count).toBe(36 + 90 + 24 + 2);
    expect(manifest.teacher).toEqual(INFO);
    expect(manifest.files.teacher).toMatchObject({ path: TEACHER_PATH, bytes: count * 4 });
    const view = new DataView(files.get(TEACHER_PATH)!.buffer);
    expect(view.getFloat32(4 * 5, true)).toBe(weights[5]);

    const back = await readBundle(getFileFromMap(files));
    expect(back.teacher?.info).toEqual(INFO);
    expect(Array.from(back.teacher!.weights)).toEqual(Array.from(weights));
    const vars = unpackWeights(teacherModelConfig(back.manifest, INFO), back.teacher!.weights);
    expect(vars['block1/conv/w']!.shape).toEqual([3, 3, 3, 3]);
    expect(vars['fc/b']!.values[1]).toBe(weights[count - 1]);
  });

  it('a bundle without a teacher has none, and one with it loads over fetch too', async () => {
    const tiny = await makeTinyBundle({ classes: 2, ipc: 1, size: 8, channels: 1 });
    expect((await readBundle(tiny.getFile)).teacher).toBeUndefined();
    const { files, weights } = await withTeacher();
    const fetchFile = async (url: string): Promise<Response> => {
      const bytes = files.get(url.slice('/b/'.length));
      return bytes ? new Response(new Uint8Array(bytes)) : new Response('no', { status: 404 });
    };
    const back = await readBundle(fetchBundleFile('/b', { fetch: fetchFile }));
    expect(Array.from(back.teacher!.weights)).toEqual(Array.from(weights));
  });

  it('one changed byte is a digest error naming teacher.bin', async () => {
    const { files } = await withTeacher();
    const bytes = new Uint8Array(files.get(TEACHER_PATH)!);
    bytes[17]! ^= 0x40;
    const err = await readFailure(await withPayload(files, 'teacher', bytes, { resign: false }));
    expect(err.problem).toBe('digest');
    expect(err.file).toBe(TEACHER_PATH);
    expect(err.message).toMatch(/^teacher\.bin: SHA-256 mismatch/);
  });

  it('a wrong size is refused naming teacher.bin, unread or from the manifest', async () => {
    const { files, count } = await withTeacher();
    const short = files.get(TEACHER_PATH)!.slice(0, count * 4 - 4);
    const unsigned = await readFailure(
      await withPayload(files, 'teacher', short, { resign: false }),
    );
    expect(unsigned.problem).toBe('size');
    expect(unsigned.message).toBe(
      `teacher.bin: has ${count * 4 - 4} bytes but the manifest says ${count * 4}`,
    );
    // Re-signed, the manifest's own size no longer fits the model it describes.
    const signed = await readFailure(await withPayload(files, 'teacher', short));
    expect(signed.problem).toBe('manifest');
    expect(signed.message).toBe(
      `manifest.json: field "files.teacher.bytes" is ${count * 4 - 4} but "teacher.bin" must hold the ${count} float32 weights of a width-3, depth-2 ConvNet on 8×8×1 images with 2 classes (${count * 4} bytes)`,
    );
  });

  it('a non-finite weight is a value error naming teacher.bin and the variable', async () => {
    const { files } = await withTeacher();
    const bytes = new Uint8Array(files.get(TEACHER_PATH)!);
    new DataView(bytes.buffer).setFloat32(34 * 4, NaN, true);
    const err = await readFailure(await withPayload(files, 'teacher', bytes));
    expect(err.problem).toBe('score-value');
    expect(err.message).toBe(
      'teacher.bin: weight 34 (block0/norm/beta[1]) is NaN, not a finite number',
    );
    new DataView(bytes.buffer).setFloat32(34 * 4, 0, true);
    new DataView(bytes.buffer).setFloat32(151 * 4, -Infinity, true);
    const last = await readFailure(await withPayload(files, 'teacher', bytes));
    expect(last.message).toMatch(/weight 151 \(fc\/b\[1\]\) is -Infinity/);
  });

  it('files.teacher without teacher, or teacher without files.teacher, is refused', async () => {
    expect(await manifestFailure((m) => delete m.teacher)).toMatch(
      /fields "teacher" and "files.teacher" must be given together \("teacher" is missing\)/,
    );
    expect(await manifestFailure((m) => delete m.files.teacher)).toMatch(
      /must be given together \("files.teacher" is missing\)/,
    );
  });

  it('checks every field of teacher strictly, and ignores keys it does not know', async () => {
    const cases: Array<[(t: LooseManifest) => void, RegExp]> = [
      [
        (t) => (t.architecture = 'ResNet'),
        /"teacher.architecture" must be "ConvNet", got "ResNet"/,
      ],
      [(t) => (t.norm = 'batchnorm'), /"teacher.norm" must be "instancenorm"/],
      [(t) => (t.width = 0), /"teacher.width" must be an integer ≥ 1, got 0/],
      [(t) => (t.depth = 1.5), /"teacher.depth" must be an integer ≥ 1/],
      [(t) => (t.epochs = '5'), /"teacher.epochs" must be a finite number, got a string/],
      [(t) => (t.testAccuracy = 1.2), /"teacher.testAccuracy" must lie in \[0, 1\]/],
      [(t) => (t.testImages = 0), /"teacher.testImages" must be an integer ≥ 1/],
      [(t) => (t.command = ''), /"teacher.command" must not be empty/],
      [(t) => delete t.trainedOn.count, /missing field "teacher.trainedOn.count"/],
      [(t) => (t.trainedOn.name = 7), /"teacher.trainedOn.name" must be a string/],
      [(t) => (t.trainedOn = 'all'), /"teacher.trainedOn" must be an object/],
      [
        (t) => (t.depth = 4),
        /"teacher.depth" is 4, but a 8×8 image takes at most 3 ConvNet blocks/,
      ],
      [(t) => (t.depth = 1e300), /"teacher.depth" is 1e\+300, but a 8×8 image takes at most 3/],
      [
        (t) => (t.width = 1e6),
        /describes a width-1000000, depth-2 ConvNet .*more than a teacher may have \(67108864 bytes\)/,
      ],
    ];
    for (const [edit, pattern] of cases) {
      expect(await manifestFailure((m) => edit(m.teacher))).toMatch(pattern);
    }
    expect(MAX_TEACHER_BYTES).toBe(67108864);
    const { files, weights } = await withTeacher();
    const extra = withManifest(files, (m) => (m.teacher.optimizer = 'SGD'));
    expect(Array.from((await readBundle(getFileFromMap(extra))).teacher!.weights)).toEqual(
      Array.from(weights),
    );
  });
});
