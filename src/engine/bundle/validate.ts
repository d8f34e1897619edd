// Parsing and validation of manifest.json (design.md §7). Every missing or ill-typed field becomes a
// BundleError on 'manifest.json' that names the field; inconsistent values are caught here too,
// before any payload is read, and so are values that would validate but poison a run or the
// app: nesting or strings beyond json-limits.ts, an implausible normalisation std, a payload too
// big for one typed array, reference-table accuracies outside [0, 1], empty or repeated class
// names, a source URL that is not http(s), and a teacher model (teacher.ts) that does not fit the
// images or its payload's size.
import { BundleError } from '../errors';
import { describeJsonValue, findJsonLimitViolation } from './json-limits';
import { MAX_PAYLOAD_BYTES } from './limits';
import { prefixesProblem } from './multisize';
import { validateTeacher } from './teacher';
import {
  FORMAT_VERSION,
  IMAGE_DTYPES,
  MANIFEST_FILE,
  OPTIONAL_PAYLOAD_KEYS,
  PAYLOAD_KEYS,
  REFERENCE_TABLE_KEYS,
  type Manifest,
} from './manifest';
import {
  accuracy,
  arr,
  fail,
  field,
  int,
  isObj,
  obj,
  optStr,
  str,
  typeName,
  type Obj,
} from './manifest-fields';

/** Labels are stored as uint8, so a bundle holds at most this many classes. */
export const MAX_CLASSES = 256;

/**
 * Range of `normalization.std` (pixel/255 units). Real datasets lie near 0.2–0.4 and no data in
 * [0, 1] has a std above 0.5; far outside, float32 inputs underflow to a constant or overflow,
 * and a run trains at chance without a word.
 */
export const NORM_STD_RANGE = [1e-3, 1] as const;

/** An absolute http: or https: URL (anything else, such as javascript:, is refused). */
function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** True for a safe relative path inside the bundle folder ('a/b.bin'; no '..', no absolute). */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.includes('\\') || path.includes('\0')) return false;
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path) || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(path)) {
    return false;
  }
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** Parse and validate manifest.json text. Throws BundleError('manifest.json', …) on any problem. */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new BundleError(MANIFEST_FILE, 'json', `not valid JSON (${(e as Error).message})`);
  }
  if (!isObj(raw)) {
    throw new BundleError(MANIFEST_FILE, 'json', `must be a JSON object, got ${typeName(raw)}`);
  }
  validateManifestObject(raw);
  return raw as unknown as Manifest;
}

/** Validate an already-parsed manifest object (same checks and errors as parseManifest). */
export function validateManifestObject(m: Obj): void {
  // Version first: a future format may legitimately have a different shape.
  const version = field(m, 'formatVersion', '');
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    fail(`field "formatVersion" must be an integer, got ${typeName(version)}`);
  }
  if (version !== FORMAT_VERSION) {
    throw new BundleError(
      MANIFEST_FILE,
      'version',
      `unsupported formatVersion ${version} (this app reads version ${FORMAT_VERSION})`,
    );
  }

  const tooBig = findJsonLimitViolation(m);
  if (tooBig) fail(tooBig.path === '' ? tooBig.detail : `field "${tooBig.path}" ${tooBig.detail}`);

  str(m, 'id');
  str(m, 'title');

  const source = obj(m, 'source');
  str(source, 'name', 'source.');
  str(source, 'licence', 'source.');
  optStr(source, 'url', 'source.');
  if (source.url !== undefined && !isHttpUrl(source.url as string)) {
    fail(`field "source.url" must be an http(s) URL, got ${describeJsonValue(source.url)}`);
  }
  for (const k of ['trainCount', 'testCount'])
    if (source[k] !== undefined) int(source, k, 0, 'source.');

  const classes = arr(m, 'classes');
  if (classes.length < 2)
    fail(`field "classes" must name at least 2 classes, got ${classes.length}`);
  if (classes.length > MAX_CLASSES) {
    fail(
      `field "classes" names ${classes.length} classes; labels are uint8, so at most ${MAX_CLASSES}`,
    );
  }
  const firstIndex = new Map<string, number>();
  classes.forEach((c, i) => {
    if (typeof c !== 'string') fail(`field "classes[${i}]" must be a string, got ${typeName(c)}`);
    if (c.trim() === '')
      fail(`field "classes[${i}]" must name the class, got ${JSON.stringify(c)}`);
    const first = firstIndex.get(c);
    if (first !== undefined) {
      fail(`field "classes[${i}]" repeats ${describeJsonValue(c)}, already classes[${first}]`);
    }
    firstIndex.set(c, i);
  });

  const shape = arr(m, 'imageShape');
  if (shape.length !== 3) fail(`field "imageShape" must be [H, W, C], got ${shape.length} entries`);
  shape.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
      fail(`field "imageShape[${i}]" must be a positive integer, got ${JSON.stringify(d)}`);
    }
  });
  const [H, W, C] = shape as number[];

  const dtype = m.imageDType;
  if (dtype !== undefined && !(IMAGE_DTYPES as readonly unknown[]).includes(dtype)) {
    fail(
      `field "imageDType" must be ${IMAGE_DTYPES.map((d) => `"${d}"`).join(' or ')} (or absent for uint8), got ${JSON.stringify(dtype)}`,
    );
  }

  int(m, 'ipc', 1);
  const factor = int(m, 'factor', 1);
  if (H! % factor !== 0 || W! % factor !== 0) {
    fail(`imageShape ${H}×${W} is not divisible by factor ${factor}`);
  }

  const flip = field(m, 'flip', '');
  if (typeof flip !== 'boolean') fail(`field "flip" must be a boolean, got ${typeName(flip)}`);

  const norm = obj(m, 'normalization');
  for (const key of ['mean', 'std'] as const) {
    const values = arr(norm, key, 'normalization.');
    if (values.length !== C) {
      fail(
        `field "normalization.${key}" must have one entry per channel (${C}), got ${values.length}`,
      );
    }
    values.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        fail(`field "normalization.${key}[${i}]" must be a finite number, got ${typeName(v)}`);
      }
      if (key === 'mean' && (v < 0 || v > 1)) {
        fail(`field "normalization.mean[${i}]" must lie in [0, 1] (pixel/255 units), got ${v}`);
      }
      const [lo, hi] = NORM_STD_RANGE;
      if (key === 'std' && !(v >= lo && v <= hi)) {
        fail(
          `field "normalization.std[${i}]" must lie in [${lo}, ${hi}] (pixel/255 units; real data lie near 0.2–0.4), got ${v}`,
        );
      }
    });
  }

  const cond = obj(m, 'condensation');
  str(cond, 'method', 'condensation.');
  const condParams = obj(cond, 'params', 'condensation.');
  const prefixes = prefixesProblem(condParams['prefixes'], m['ipc'] as number);
  if (prefixes) fail(prefixes);

  const scoring = obj(m, 'scoring');
  str(scoring, 'model', 'scoring.');
  obj(scoring, 'params', 'scoring.');

  const files = obj(m, 'files');
  const seen = new Map<string, string>();
  for (const key of [...PAYLOAD_KEYS, ...OPTIONAL_PAYLOAD_KEYS]) {
    if ((OPTIONAL_PAYLOAD_KEYS as readonly string[]).includes(key) && files[key] === undefined)
      continue;
    const where = `files.${key}.`;
    const f = obj(files, key, 'files.');
    const path = str(f, 'path', where);
    if (!isSafeRelativePath(path)) {
      fail(
        `field "${where}path" must be a relative path inside the bundle without "..", got "${path}"`,
      );
    }
    if (path === MANIFEST_FILE) fail(`field "${where}path" must not be ${MANIFEST_FILE}`);
    const other = seen.get(path);
    if (other) fail(`files.${other} and files.${key} both point to "${path}"`);
    seen.set(path, key);
    const bytes = int(f, 'bytes', 0, where);
    if (bytes > MAX_PAYLOAD_BYTES) {
      fail(
        `field "${where}bytes" is ${bytes}, more than one payload may have (${MAX_PAYLOAD_BYTES})`,
      );
    }
    const digest = str(f, 'sha256', where);
    if (!/^[0-9a-f]{64}$/.test(digest)) {
      fail(`field "${where}sha256" must be 64 lowercase hex digits, got "${digest}"`);
    }
  }

  if ((files.features === undefined) !== (m.features === undefined)) {
    fail('fields "features" and "files.features" must be given together');
  }
  if (m.features !== undefined) {
    const feat = obj(m, 'features');
    int(feat, 'dim', 1, 'features.');
    str(feat, 'model', 'features.');
  }
  validateTeacher(m);

  if (m.testOrder !== undefined) {
    const order = obj(m, 'testOrder');
    const shuffled = field(order, 'shuffled', 'testOrder.');
    if (typeof shuffled !== 'boolean') {
      fail(`field "testOrder.shuffled" must be a boolean, got ${typeName(shuffled)}`);
    }
    if (shuffled || order.seed !== undefined) int(order, 'seed', 0, 'testOrder.');
  }

  // The hard-label table and the teacher-label one (each with its own protocol).
  for (const key of REFERENCE_TABLE_KEYS) if (m[key] !== undefined) validateTable(m, key);

  const tool = obj(m, 'tool');
  str(tool, 'name', 'tool.');
  str(tool, 'version', 'tool.');
  optStr(tool, 'command', 'tool.');
  optStr(m, 'createdAt');
}

/** A reference table at `m[key]`: a protocol object and rows of accuracies over seeds. */
function validateTable(m: Obj, key: string): void {
  const table = obj(m, key);
  obj(table, 'protocol', `${key}.`);
  const rows = arr(table, 'rows', `${key}.`);
  rows.forEach((row, i) => {
    const where = `${key}.rows[${i}].`;
    if (!isObj(row)) fail(`field "${key}.rows[${i}]" must be an object, got ${typeName(row)}`);
    str(row, 'method', where);
    const ipc = field(row, 'ipc', where);
    if (ipc !== null && (typeof ipc !== 'number' || !(ipc > 0))) {
      fail(`field "${where}ipc" must be a positive number or null, got ${JSON.stringify(ipc)}`);
    }
    accuracy(row, 'mean', where);
    accuracy(row, 'std', where);
    const seeds = int(row, 'seeds', 1, where);
    if (row.runs !== undefined) {
      const runs = arr(row, 'runs', where);
      if (runs.length !== seeds) {
        fail(`field "${where}runs" holds ${runs.length} runs but "${where}seeds" is ${seeds}`);
      }
      runs.forEach((r, k) => {
        if (typeof r !== 'number' || !Number.isFinite(r)) {
          fail(`field "${where}runs[${k}]" must be a finite number, got ${typeName(r)}`);
        }
        if (r < 0 || r > 1)
          fail(`field "${where}runs[${k}]" must be an accuracy in [0, 1], got ${r}`);
      });
    }
  });
}
