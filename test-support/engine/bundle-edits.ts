// Shared by the bundle tests: copies of a bundle's files with manifest.json edited, or with one
// payload replaced (its manifest entry re-signed to match, unless told not to), so that each kind
// of corruption takes one line; and the BundleError that reading such a copy must end in. Also
// the tiny bundle the readBundle tests start from.
import { expect } from 'vitest';
import { BundleError, type BundleProblem } from '../../src/engine/errors';
import type { OptionalPayloadKey, PayloadKey } from '../../src/engine/bundle/manifest';
import { getFileFromMap, readBundle, type GetFile } from '../../src/engine/bundle/read';
import { sha256Hex } from '../../src/engine/bundle/sha256';
import { makeTinyBundle, type TinyBundle } from './tiny-bundle';

export type BundleFiles = ReadonlyMap<string, Uint8Array>;

/**
 * The bundle the readBundle tests corrupt: 3 classes × ipc 2 of 8×8×3, f = 2 (24 samples), and
 * 12 test images.
 */
export const corruptibleBundle = (): Promise<TinyBundle> =>
  makeTinyBundle({ classes: 3, ipc: 2, size: 8, testPerClass: 4, seed: 9 });

/** A parsed manifest open to free-form edits, as corruption tests need. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseManifest = Record<string, any>;

export const encodeText = (s: string): Uint8Array => new TextEncoder().encode(s);
export const decodeText = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The parsed manifest.json of `files`. */
export function manifestOf(files: BundleFiles): LooseManifest {
  return JSON.parse(decodeText(files.get('manifest.json')!)) as LooseManifest;
}

/** A copy of `files` whose manifest.json is `edit`ed (and written compactly). */
export function withManifest(
  files: BundleFiles,
  edit: (m: LooseManifest) => void,
): Map<string, Uint8Array> {
  const m = manifestOf(files);
  edit(m);
  return new Map(files).set('manifest.json', encodeText(JSON.stringify(m)));
}

/**
 * A copy of `files` with payload `key` replaced by `bytes`. The manifest's entry for it gets the
 * new size and SHA-256 (unless `resign` is false: then the manifest is left as it was), and
 * `edit` may change the manifest further.
 */
export async function withPayload(
  files: BundleFiles,
  key: PayloadKey | OptionalPayloadKey,
  bytes: Uint8Array,
  { resign = true, edit }: { resign?: boolean; edit?: (m: LooseManifest) => void } = {},
): Promise<Map<string, Uint8Array>> {
  const path = manifestOf(files).files[key].path as string;
  const out = new Map(files).set(path, bytes);
  if (!resign) return out;
  const sha256 = await sha256Hex(bytes);
  return withManifest(out, (m) => {
    m.files[key] = { path, bytes: bytes.length, sha256 };
    edit?.(m);
  });
}

/** Reads `source` and returns the BundleError it must fail with (anything else fails the test). */
export async function readFailure(source: BundleFiles | GetFile): Promise<BundleError> {
  const getFile = typeof source === 'function' ? source : getFileFromMap(source);
  const caught = await readBundle(getFile).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(caught).toBeInstanceOf(BundleError);
  return caught as BundleError;
}

/** Reading `source` fails with `problem` on `file`, and the message names the file and matches. */
export async function expectBundleError(
  source: BundleFiles | GetFile,
  file: string,
  problem: BundleProblem,
  pattern: RegExp,
): Promise<void> {
  const err = await readFailure(source);
  expect(err.problem).toBe(problem);
  expect(err.file).toBe(file);
  expect(err.message).toContain(file);
  expect(err.message).toMatch(pattern);
}
