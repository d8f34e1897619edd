// The records of the cache of imported sets (import-cache.ts) and their validation. What IndexedDB
// hands back may have been written by an older version of the app, cut short, or edited by hand,
// so every field is checked before it is used: a record that fails is removed with a notice, and
// its reason says which field was wrong.
import type { BundleFiles } from '../../src/engine/api';

/** One cached entry's metadata: all that the reopen list and the eviction need. */
export interface ImportMeta {
  readonly id: string;
  /** The source file's (or folder's) name, and the bundle's title, for the reopen list. */
  readonly name: string;
  readonly title: string;
  readonly savedAt: number;
  /** When it was last saved or reopened: the least recently used entries are evicted first. */
  readonly usedAt: number;
  /** Each file of the payload: its path and byte length. */
  readonly sizes: readonly (readonly [string, number])[];
  /** The payload's bytes: the sum of `sizes`. */
  readonly bytes: number;
}

/** One cached entry's payload, stored under the same key: the in-memory bundle's files. */
export interface ImportPayload {
  readonly id: string;
  readonly files: BundleFiles;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The name a notice gives a record: its own name where it has one, else its key. */
export function recordName(key: IDBValidKey, value: unknown): string {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : String(key);
}

/** The metadata stored under `key`, or why it cannot be used. */
export function parseMeta(key: IDBValidKey, value: unknown): ImportMeta | string {
  if (typeof value !== 'object' || value === null) return 'not a record';
  const m = value as Record<string, unknown>;
  if (typeof m.id !== 'string' || m.id === '' || m.id !== key) return 'its id is missing';
  if (typeof m.name !== 'string') return 'its name is not text';
  if (typeof m.title !== 'string') return 'its title is not text';
  if (!isTime(m.savedAt)) return 'its save time is not a finite number';
  if (!isTime(m.usedAt)) return 'its last use is not a finite number';
  if (!isCount(m.bytes)) return 'its size is not a whole number of bytes';
  if (!Array.isArray(m.sizes)) return 'its file list is missing';
  const sizes: [string, number][] = [];
  const paths = new Set<string>();
  let sum = 0;
  for (const s of m.sizes as unknown[]) {
    const [path, length] = Array.isArray(s) && s.length === 2 ? (s as unknown[]) : [];
    if (typeof path !== 'string' || !isCount(length) || paths.has(path)) {
      return 'its file list is malformed';
    }
    paths.add(path);
    sizes.push([path, length]);
    sum += length;
  }
  if (sum !== m.bytes) return `its files add up to ${sum} bytes, not the ${m.bytes} it records`;
  const { id, name, title, savedAt, usedAt, bytes } = m;
  return { id, name, title, savedAt, usedAt, sizes, bytes };
}

/** The payload's files, checked against the metadata's file list, or why they cannot be used. */
export function parsePayload(value: unknown, meta: ImportMeta): BundleFiles | string {
  if (value === undefined) return 'its files are missing';
  if (typeof value !== 'object' || value === null) return 'its files are not a record';
  const p = value as Record<string, unknown>;
  if (p.id !== meta.id) return 'its files are stored under another id';
  const files = p.files;
  if (!(files instanceof Map)) return 'its files are not a map of paths to bytes';
  // Every listed path present with its length, and no other: so every key is one of the paths.
  if (files.size !== meta.sizes.length) {
    return `it holds ${files.size} files, not the ${meta.sizes.length} it records`;
  }
  for (const [path, length] of meta.sizes) {
    const bytes: unknown = files.get(path);
    if (!(bytes instanceof Uint8Array)) return `its file ${path} is not bytes`;
    if (bytes.length !== length) {
      return `its file ${path} has ${bytes.length} bytes, not the ${length} it records`;
    }
  }
  return files as BundleFiles;
}

/** The metadata of `files`, as the cache stores it. */
export function sizesOf(files: BundleFiles): { sizes: [string, number][]; bytes: number } {
  const sizes = [...files].map(([path, b]): [string, number] => [path, b.length]);
  return { sizes, bytes: sizes.reduce((a, [, n]) => a + n, 0) };
}
