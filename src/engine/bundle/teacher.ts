// A bundle's optional teacher model (design.md §7): a trained ConvNet whose weights ship as one
// payload, `files.teacher`, beside the `teacher` object that says what it is. The payload is
// float32 little-endian, every variable's values one after another in weights-file.ts's order, for
// the model { inputShape: imageShape, numClasses: classes.length, width, depth }, so the manifest
// fixes its exact size before it is read. Here: that model config, the manifest checks of
// `teacher` (validate.ts calls them; errors name the field), the payload's content check
// (check-payloads.ts; errors name the file) and its serialisation. Pure.
import { BundleError } from '../errors';
import { weightCount, weightLayout } from '../model/weights-file';
import type { ModelConfig } from '../types';
import { describeJsonValue } from './json-limits';
import { MAX_TEACHER_BYTES } from './limits';
import type { Manifest, TeacherInfo } from './manifest';
import { accuracy, fail, field, int, obj, str, typeName, type Obj } from './manifest-fields';

/** The model a bundle's teacher is: the bundle's image shape and classes, the teacher's size. */
export function teacherModelConfig(
  manifest: Pick<Manifest, 'imageShape' | 'classes'>,
  info: Pick<TeacherInfo, 'width' | 'depth'>,
): ModelConfig {
  return {
    inputShape: manifest.imageShape,
    numClasses: manifest.classes.length,
    width: info.width,
    depth: info.depth,
  };
}

/** The most 2×2 poolings (ConvNet blocks) an h×w image takes before a side would reach 0. */
function maxDepth(h: number, w: number): number {
  let depth = 0;
  for (let s = Math.min(h, w); s >= 2; s = Math.floor(s / 2)) depth++;
  return depth;
}

function oneOf(o: Obj, key: string, allowed: readonly string[], where: string): void {
  const v = field(o, key, where);
  if (typeof v !== 'string' || !allowed.includes(v)) {
    const got = typeof v === 'string' ? describeJsonValue(v) : typeName(v);
    fail(`field "${where}${key}" must be ${allowed.map((a) => `"${a}"`).join(' or ')}, got ${got}`);
  }
}

/**
 * Checks `teacher` and `files.teacher` of a manifest object whose classes, imageShape and files
 * are already valid: both or neither, every field of `teacher` (other keys are ignored, as
 * everywhere in the manifest), a depth the image size allows, at most MAX_TEACHER_BYTES of
 * weights, and `files.teacher.bytes` exactly the weights' size.
 */
export function validateTeacher(m: Obj): void {
  const files = m.files as Obj;
  if ((files.teacher === undefined) !== (m.teacher === undefined)) {
    fail(
      `fields "teacher" and "files.teacher" must be given together (${m.teacher === undefined ? '"teacher"' : '"files.teacher"'} is missing)`,
    );
  }
  if (m.teacher === undefined) return;
  const where = 'teacher.';
  const t = obj(m, 'teacher');
  oneOf(t, 'architecture', ['ConvNet'], where);
  const width = int(t, 'width', 1, where);
  const depth = int(t, 'depth', 1, where);
  oneOf(t, 'norm', ['instancenorm'], where);
  const trainedOn = obj(t, 'trainedOn', where);
  str(trainedOn, 'name', 'teacher.trainedOn.');
  int(trainedOn, 'count', 1, 'teacher.trainedOn.');
  int(t, 'epochs', 1, where);
  accuracy(t, 'testAccuracy', where);
  int(t, 'testImages', 1, where);
  str(t, 'command', where);

  const [h, w, c] = m.imageShape as [number, number, number];
  const most = maxDepth(h, w);
  if (depth > most) {
    fail(
      `field "teacher.depth" is ${depth}, but a ${h}×${w} image takes at most ${most} ConvNet blocks (each halves it)`,
    );
  }
  const classes = m.classes as string[];
  const model = `a width-${width}, depth-${depth} ConvNet on ${h}×${w}×${c} images with ${classes.length} classes`;
  const weights = weightCount(
    teacherModelConfig({ imageShape: [h, w, c], classes }, { width, depth }),
  );
  const bytes = weights * 4;
  if (bytes > MAX_TEACHER_BYTES) {
    fail(
      `field "teacher" describes ${model}: ${weights} weights (${bytes} bytes), more than a teacher may have (${MAX_TEACHER_BYTES} bytes)`,
    );
  }
  const entry = files.teacher as Obj;
  if (entry.bytes !== bytes) {
    fail(
      `field "files.teacher.bytes" is ${String(entry.bytes)} but "${String(entry.path)}" must hold the ${weights} float32 weights of ${model} (${bytes} bytes)`,
    );
  }
}

/** The variable (weights-file.ts) that value `i` of a weights file belongs to, and its index in it. */
function locate(config: ModelConfig, i: number): string {
  let at = 0;
  for (const slot of weightLayout(config)) {
    if (i < at + slot.size) return `${slot.name}[${i - at}]`;
    at += slot.size;
  }
  return 'beyond the last variable';
}

/** The teacher payload's weights; BundleError on `path` for a wrong size or a non-finite value. */
export function parseTeacher(
  path: string,
  bytes: Uint8Array,
  manifest: Pick<Manifest, 'imageShape' | 'classes'>,
  info: TeacherInfo,
): Float32Array {
  const config = teacherModelConfig(manifest, info);
  const count = weightCount(config);
  if (bytes.length !== count * 4) {
    throw new BundleError(
      path,
      'shape',
      `holds ${bytes.length} bytes but a width-${info.width}, depth-${info.depth} ConvNet has ${count} float32 weights (${count * 4} bytes)`,
    );
  }
  const weights = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) {
    const v = view.getFloat32(i * 4, true);
    if (!Number.isFinite(v)) {
      throw new BundleError(
        path,
        'score-value',
        `weight ${i} (${locate(config, i)}) is ${v}, not a finite number`,
      );
    }
    weights[i] = v;
  }
  return weights;
}

/** The teacher payload's bytes: `weights` as float32 little-endian. */
export function serializeTeacher(weights: Float32Array): Uint8Array {
  const bytes = new Uint8Array(weights.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < weights.length; i++) view.setFloat32(i * 4, weights[i]!, true);
  return bytes;
}
