// Adding or replacing the teacher model of a bundle folder on disk (Node; design.md §7,
// src/engine/bundle/teacher.ts). The result is checked through the normal reader before the folder
// is touched (the files on disk with the new manifest and weights in their place), and read back
// from disk at the end. The weights go to teacher.bin and manifest.json is written last, each
// through a temporary file renamed into place, so a stop at any point leaves a valid bundle: the
// old one until the manifest is renamed, the new one after. Replacing a teacher already in
// teacher.bin passes through TEACHER_STAGING_PATH, so the file a manifest names is never
// overwritten. The manifest keeps every other key, in its order, in the writer's JSON format.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleUtf8 } from '../../src/engine/bundle/check-payloads';
import { MAX_MANIFEST_BYTES } from '../../src/engine/bundle/limits';
import {
  MANIFEST_FILE,
  type PayloadFile,
  type TeacherInfo,
} from '../../src/engine/bundle/manifest';
import { readBundle, type GetFile } from '../../src/engine/bundle/read';
import { sha256Hex } from '../../src/engine/bundle/sha256';
import { serializeTeacher } from '../../src/engine/bundle/teacher';
import { parseManifest } from '../../src/engine/bundle/validate';
import { TEACHER_PATH } from '../../src/engine/bundle/write';
import { bundleDirFiles, readBundleDir } from './bundle-fs';

/** Where a replacement teacher waits while the manifest still names the old one in teacher.bin. */
export const TEACHER_STAGING_PATH = 'teacher.next.bin';

type Json = Record<string, unknown>;

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The manifest as the bundle writer formats it (write.ts). */
const manifestText = (m: Json): string => `${JSON.stringify(m, null, 2)}\n`;

/**
 * `m` with `teacher` and `files.teacher` set: in place where they are, otherwise `teacher` just
 * before `files` (where the writer puts it) and `files.teacher` last; every other key as it was.
 */
function withTeacher(m: Json, info: TeacherInfo, entry: PayloadFile): Json {
  const files = { ...(m.files as Json), teacher: entry };
  if ('teacher' in m) return { ...m, teacher: info, files };
  const out: Json = {};
  for (const [key, value] of Object.entries(m)) {
    if (key === 'files') out.teacher = info;
    out[key] = key === 'files' ? files : value;
  }
  return out;
}

/** Writes `bytes` as `<dir>/<path>` through a fresh temporary file, synced, then renamed. */
async function writeAtomically(dir: string, path: string, bytes: Uint8Array): Promise<void> {
  const target = join(dir, path);
  const temp = join(dir, `.${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** A GetFile over the folder with some files replaced by bytes in memory. */
function overlay(dir: string, replaced: ReadonlyMap<string, Uint8Array>): GetFile {
  const disk = bundleDirFiles(dir);
  return async (path, onBytes, limit) => {
    const bytes = replaced.get(path);
    if (!bytes) return disk(path, onBytes, limit);
    onBytes?.(bytes.length, bytes.length);
    return bytes;
  };
}

/**
 * Adds the teacher model `info` with `weights` (weights-file.ts's order) to the bundle folder
 * `dir`, or replaces the one it has: teacher.bin, `files.teacher` and `teacher` in manifest.json.
 * Throws (BundleError naming the file, ConfigError) and leaves the folder as it was when the
 * bundle is not valid, or would not be with this teacher (wrong weight count, a non-finite weight,
 * a field of `info` out of range).
 */
export async function attachTeacher(
  dir: string,
  info: TeacherInfo,
  weights: Float32Array,
): Promise<void> {
  const limit = { maxBytes: MAX_MANIFEST_BYTES, exact: false };
  const raw = await bundleDirFiles(dir)(MANIFEST_FILE, undefined, limit);
  const text = bundleUtf8(MANIFEST_FILE, raw);
  const old = parseManifest(text);
  const manifest = JSON.parse(text) as Json;
  const bytes = serializeTeacher(weights);
  const sha256 = await sha256Hex(bytes);
  const entry = (path: string): PayloadFile => ({ path, bytes: bytes.length, sha256 });

  const final = manifestText(withTeacher(manifest, info, entry(TEACHER_PATH)));
  await readBundle(
    overlay(
      dir,
      new Map([
        [MANIFEST_FILE, encode(final)],
        [TEACHER_PATH, bytes],
      ]),
    ),
  );

  let previous = old.files.teacher?.path;
  if (previous === TEACHER_PATH) {
    // The manifest names teacher.bin: stage the new weights under another name first.
    const staged = manifestText(withTeacher(manifest, info, entry(TEACHER_STAGING_PATH)));
    parseManifest(staged); // refuses a staging name another payload already uses
    await writeAtomically(dir, TEACHER_STAGING_PATH, bytes);
    await writeAtomically(dir, MANIFEST_FILE, encode(staged));
    previous = TEACHER_STAGING_PATH;
  }
  await writeAtomically(dir, TEACHER_PATH, bytes);
  await writeAtomically(dir, MANIFEST_FILE, encode(final));
  if (previous !== undefined && previous !== TEACHER_PATH) {
    await rm(join(dir, ...previous.split('/')), { force: true });
  }
  await readBundleDir(dir);
}
