// The cache of condensed sets scored on this device and of bundle folders opened from disk
// (design.md §9), in IndexedDB: a reload reopens one instead of scoring or picking it again. Keyed by
// the source files' SHA-256, the scoring settings and the bundle whose test set it was paired with.
// Metadata and payloads (the in-memory bundle's files, up to 512 MB for a folder) live in separate
// stores, so the reopen list at start-up reads only metadata and a payload is read only when it
// is reopened. The cache is bounded by count and bytes and evicts the least recently used
// entries; every record is validated (import-records.ts), and one that fails is removed with a
// notice, never blocking start-up. What it did is returned as notices for the UI to show.
import type { BundleFiles } from '../../src/engine/api';
import { describeBytes } from '../../src/engine/import/limits';
import type { ScoreParams } from '../../src/engine/scores/score-set';
import { briefError } from '../lib/error-info';
import { openSplitStore, type SplitStore, type StoredRecord } from './idb';
import {
  parseMeta,
  parsePayload,
  recordName,
  sizesOf,
  type ImportMeta,
  type ImportPayload,
} from './import-records';

export type { ImportMeta } from './import-records';

/**
 * What the cache keeps at most. 8 entries: the reopen list stays short enough to scan, and one
 * file scored with a few settings (each a separate entry) still finds the last ones. 1 GiB: two
 * of the largest bundle folders (512 MB, lib/bundle-folder.ts) or hundreds of scored sets (a few
 * MB each) fit, and it stays well inside what browsers grant a site without asking (Safari starts
 * an origin near 1 GB; Chromium and Firefox allow a share of the disk), so a full cache leaves
 * room for the stored runs and the bundles' HTTP cache.
 */
export const IMPORT_CACHE_BOUNDS = { maxEntries: 8, maxBytes: 2 ** 30 } as const;

export interface CacheBounds {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/** The database: version 1 kept whole records in one store ('scored'); 2 splits them. */
export const IMPORT_CACHE_DB = {
  name: 'yoco-imports',
  version: 2,
  meta: 'meta',
  payload: 'payload',
} as const;

/** What to cache: the entry's names and the in-memory bundle's files. */
export interface CachedImport {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly savedAt: number;
  readonly files: BundleFiles;
}

export interface CacheNotice {
  readonly level: 'info' | 'warn';
  readonly text: string;
}

export interface ImportCache {
  /** Every usable entry's metadata, most recently used first (no payload is read). */
  list(): Promise<{ entries: ImportMeta[]; notices: CacheNotice[] }>;
  /** One entry with its files (null: gone or unreadable), marked as just used. */
  get(id: string): Promise<{ entry: CachedImport | null; notices: CacheNotice[] }>;
  /**
   * Saves an entry, evicting the least recently used ones it does not fit beside. Rejects with an
   * error that names the browser's storage quota when that is what refused the write.
   */
  put(entry: CachedImport): Promise<{ notices: CacheNotice[] }>;
}

export interface ImportCacheOptions {
  readonly bounds?: CacheBounds;
  readonly now?: () => number;
}

/** The cache key: what the scores depend on. */
export const importKey = (sha256: readonly string[], params: ScoreParams, pairedWith: string) =>
  `${sha256.join('+')}|${pairedWith}|${JSON.stringify(params)}`;

const CACHE = "this browser's cache of imported sets";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const quoted = (names: readonly string[]) =>
  names.length <= 4
    ? names.map((n) => `"${n}"`).join(', ')
    : `${names
        .slice(0, 3)
        .map((n) => `"${n}"`)
        .join(', ')} and ${names.length - 3} more`;

const isQuotaError = (e: unknown) => {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
};

/** Most recently used first; ties (same millisecond) by save time, then id, for a stable order. */
const byRecentUse = (a: ImportMeta, b: ImportMeta) =>
  b.usedAt - a.usedAt || b.savedAt - a.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Splits `entries` (most recently used first) into those kept within `bounds`, beside `room`
 * (the entry about to be written), and those evicted: once one does not fit, it and every older
 * one go, so the survivors are always the most recently used.
 */
function fit(entries: readonly ImportMeta[], bounds: CacheBounds, room = { count: 0, bytes: 0 }) {
  let bytes = room.bytes;
  let kept = 0;
  for (const e of entries) {
    if (kept + room.count >= bounds.maxEntries || bytes + e.bytes > bounds.maxBytes) break;
    kept++;
    bytes += e.bytes;
  }
  return { kept: entries.slice(0, kept), evicted: entries.slice(kept) };
}

export function createImportCache(
  store: SplitStore = openSplitStore(IMPORT_CACHE_DB.name, IMPORT_CACHE_DB),
  options: ImportCacheOptions = {},
): ImportCache {
  const bounds = options.bounds ?? IMPORT_CACHE_BOUNDS;
  const now = options.now ?? Date.now;
  let last = -Infinity;
  // Strictly increasing, so two uses in one millisecond still have an order.
  const tick = () => (last = Math.max(now(), last + 1));

  const evictedNotice = (evicted: readonly ImportMeta[]): CacheNotice => ({
    level: 'info',
    text:
      `This browser's cache of imported sets keeps at most ` +
      `${plural(bounds.maxEntries, 'set')} and ${describeBytes(bounds.maxBytes)}: the least ` +
      `recently used ${evicted.length === 1 ? 'was' : 'were'} removed ` +
      `(${quoted(evicted.map((e) => e.name))}).`,
  });

  const unreadableNotice = (reasons: readonly string[]): CacheNotice => ({
    level: 'warn',
    text:
      `${plural(reasons.length, 'unreadable record')} ${reasons.length === 1 ? 'was' : 'were'} ` +
      `skipped and removed from ${CACHE} (${reasons.slice(0, 3).join('; ')}` +
      `${reasons.length > 3 ? '; …' : ''}).`,
  });

  /** Every usable entry, and the keys of the records that are not (reported in `notices`). */
  const scan = async () => {
    const notices: CacheNotice[] = [];
    const dropped = await store.takeDropped();
    if (dropped > 0) {
      notices.push({
        level: 'info',
        text:
          `${plural(dropped, 'set')} cached by an older version of this app ` +
          `${dropped === 1 ? 'was' : 'were'} cleared from ${CACHE}; open the files again to reopen them.`,
      });
    }
    const { metas, payloadKeys } = await store.scan();
    const withPayload = new Set(payloadKeys.filter((k): k is string => typeof k === 'string'));
    const entries: ImportMeta[] = [];
    const bad: IDBValidKey[] = [];
    const reasons: string[] = [];
    const refuse = ({ key, value }: StoredRecord, why: string) => {
      bad.push(key);
      reasons.push(`"${recordName(key, value)}": ${why}`);
    };
    for (const record of metas) {
      const meta = parseMeta(record.key, record.value);
      if (typeof meta === 'string') refuse(record, meta);
      else if (!withPayload.has(meta.id)) refuse(record, 'its files are missing');
      else entries.push(meta);
    }
    // A payload without usable metadata is never listed: its bytes would be held for nothing.
    const listed = new Set(entries.map((e) => e.id));
    const orphans = payloadKeys.filter((k) => !(typeof k === 'string' && listed.has(k)));
    for (const key of orphans) {
      if (!bad.includes(key)) refuse({ key, value: null }, 'files without a record');
    }
    if (reasons.length > 0) notices.push(unreadableNotice(reasons));
    return { entries: entries.sort(byRecentUse), bad, notices };
  };

  /** Deletes records; a failure is reported, not thrown, as the listing is still good. */
  const remove = async (keys: readonly IDBValidKey[], notices: CacheNotice[]) => {
    if (keys.length === 0) return;
    await store.delete(keys).catch((e: unknown) =>
      notices.push({
        level: 'warn',
        text: `Records of ${CACHE} could not be removed (${briefError(e)}).`,
      }),
    );
  };

  return {
    async list() {
      const { entries, bad, notices } = await scan();
      const { kept, evicted } = fit(entries, bounds);
      if (evicted.length > 0) notices.push(evictedNotice(evicted));
      await remove([...bad, ...evicted.map((e) => e.id)], notices);
      return { entries: kept, notices };
    },

    async get(id) {
      const { meta, payload } = await store.read(id);
      if (meta === undefined && payload === undefined) return { entry: null, notices: [] };
      const parsed = parseMeta(id, meta);
      const files = typeof parsed === 'string' ? parsed : parsePayload(payload, parsed);
      if (typeof files === 'string') {
        const notices = [unreadableNotice([`"${recordName(id, meta)}": ${files}`])];
        await remove([id], notices);
        return { entry: null, notices };
      }
      const { name, title, savedAt } = parsed as ImportMeta;
      // Best effort: a failed touch only makes the entry look older to the eviction.
      await store.putMeta({ ...(parsed as ImportMeta), usedAt: tick() }).catch(() => undefined);
      return { entry: { id, name, title, savedAt, files }, notices: [] };
    },

    async put(entry) {
      const { id, name, title, savedAt, files } = entry;
      const { sizes, bytes } = sizesOf(files);
      if (bytes > bounds.maxBytes) {
        const text = `"${name}" (${describeBytes(bytes)}) is larger than ${CACHE} (${describeBytes(bounds.maxBytes)}) and was not cached.`;
        return { notices: [{ level: 'info', text }] };
      }
      const { entries, bad, notices } = await scan();
      const others = entries.filter((e) => e.id !== id);
      const { evicted } = fit(others, bounds, { count: 1, bytes });
      const meta: ImportMeta = { id, name, title, savedAt, usedAt: tick(), sizes, bytes };
      try {
        await store.put(meta, { id, files } satisfies ImportPayload, [
          ...bad,
          ...evicted.map((e) => e.id),
        ]);
      } catch (e) {
        if (!isQuotaError(e)) throw e;
        throw new Error(
          `the browser's storage quota is full: "${name}" (${describeBytes(bytes)}) could not ` +
            `be written (${briefError(e)}); clearing this site's data frees it`,
          { cause: e },
        );
      }
      if (evicted.length > 0) notices.push(evictedNotice(evicted));
      return { notices };
    },
  };
}
