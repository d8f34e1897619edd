// The cache of imported sets (import-cache.ts) over the in-memory two-store fake: listing reads no
// payload; the cache is bounded by count and by bytes and evicts the least recently used entries
// (reopening one touches it), saying which; every bad record (a field of the wrong type, sizes
// that do not match, missing or orphaned files) is skipped, removed and reported; a full storage
// quota is named; the records of an older layout are reported as cleared.
import { describe, expect, it } from 'vitest';
import { createImportCache, type CachedImport, type CacheBounds } from './import-cache';
import { memorySplitStore } from './memory-kv';

const entry = (id: string, bytes = 10): CachedImport => ({
  id,
  name: `${id}.pt`,
  title: `Set ${id}`,
  savedAt: 1,
  files: new Map([
    ['manifest.json', new Uint8Array(2)],
    ['images.u8', new Uint8Array(bytes - 2)],
  ]),
});

function cacheOf(bounds: CacheBounds, store = memorySplitStore()) {
  let t = 1000;
  return { store, cache: createImportCache(store, { bounds, now: () => t++ }) };
}

const ids = async (cache: ReturnType<typeof cacheOf>['cache']) =>
  (await cache.list()).entries.map((e) => e.id);

describe('the cache of imported sets', () => {
  it('lists metadata only, most recently used first, and reopens an entry by its key', async () => {
    const { store, cache } = cacheOf({ maxEntries: 8, maxBytes: 1000 });
    for (const id of ['a', 'b', 'c']) await cache.put(entry(id));
    const listed = await cache.list();
    expect(listed.entries.map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect(listed.entries[0]).toMatchObject({ name: 'c.pt', title: 'Set c', bytes: 10 });
    expect(listed.notices).toEqual([]);
    expect(store.payloadReads).toBe(0);
    const { entry: got } = await cache.get('a');
    expect(store.payloadReads).toBe(1);
    expect([...got!.files.keys()]).toEqual(['manifest.json', 'images.u8']);
    expect(await ids(cache)).toEqual(['a', 'c', 'b']);
  });

  it('evicts the least recently used entries beyond the count, and says which', async () => {
    const { store, cache } = cacheOf({ maxEntries: 3, maxBytes: 1000 });
    for (const id of ['a', 'b', 'c']) expect((await cache.put(entry(id))).notices).toEqual([]);
    await cache.get('a'); // reopened: now b is the least recently used
    const { notices } = await cache.put(entry('d'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('info');
    expect(notices[0]!.text).toMatch(/at most 3 sets and 1000 bytes: .*removed \("b\.pt"\)/);
    expect(await ids(cache)).toEqual(['d', 'a', 'c']);
    expect([...store.payloads.keys()].sort()).toEqual(['a', 'c', 'd']);
    // Saving an entry again replaces it rather than evicting another.
    expect((await cache.put(entry('c'))).notices).toEqual([]);
    expect(await ids(cache)).toEqual(['c', 'd', 'a']);
  });

  it('evicts by bytes, and leaves out an entry larger than the whole cache', async () => {
    const { store, cache } = cacheOf({ maxEntries: 8, maxBytes: 100 });
    await cache.put(entry('a', 40));
    await cache.put(entry('b', 40));
    const { notices } = await cache.put(entry('c', 30));
    expect(notices[0]!.text).toContain('"a.pt"');
    expect(await ids(cache)).toEqual(['c', 'b']);
    const big = await cache.put(entry('huge', 101));
    expect(big.notices[0]!.text).toMatch(/"huge\.pt" \(101 bytes\) is larger than .* not cached/);
    expect(await ids(cache)).toEqual(['c', 'b']);
    expect(store.payloads.has('huge')).toBe(false);
  });

  it('trims a cache already over its bounds when listing (e.g. bounds lowered)', async () => {
    const wide = cacheOf({ maxEntries: 8, maxBytes: 1000 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await wide.cache.put(entry(id));
    const narrow = cacheOf({ maxEntries: 2, maxBytes: 1000 }, wide.store);
    const listed = await narrow.cache.list();
    expect(listed.entries.map((e) => e.id)).toEqual(['e', 'd']);
    expect(listed.notices[0]!.text).toContain('"c.pt", "b.pt", "a.pt"');
    expect([...wide.store.metas.keys()].sort()).toEqual(['d', 'e']);
    expect([...wide.store.payloads.keys()].sort()).toEqual(['d', 'e']);
    expect(wide.store.payloadReads).toBe(0);
  });

  it('skips and removes every bad record with a notice, keeping the good ones', async () => {
    const good = entry('good');
    const meta = (id: string, patch: object = {}) => ({
      id,
      name: `${id}.pt`,
      title: 'T',
      savedAt: 1,
      usedAt: 2,
      sizes: [['images.u8', 4]],
      bytes: 4,
      ...patch,
    });
    const files = (id: string, value: unknown = new Uint8Array(4)) => ({
      id,
      files: new Map([['images.u8', value]]),
    });
    const store = memorySplitStore(
      [
        meta('nan', { savedAt: NaN }),
        meta('liar', { bytes: 5 }),
        meta('nofiles'),
        meta('untyped'),
        meta('short'),
        'garbage',
      ],
      [
        files('nan'),
        files('liar'),
        files('untyped', [1, 2, 3, 4]),
        files('short'),
        files('orphan'),
      ],
    );
    store.payloads.set('short', files('short', new Uint8Array(3)));
    const { cache } = cacheOf({ maxEntries: 8, maxBytes: 1000 }, store);
    await cache.put(good);
    // put() already removed the records it could tell were bad without reading payloads.
    expect([...store.metas.keys()].sort()).toEqual(['good', 'short', 'untyped']);
    expect([...store.payloads.keys()].sort()).toEqual(['good', 'short', 'untyped']);

    const fresh = memorySplitStore(
      [meta('nan', { savedAt: NaN }), meta('liar', { bytes: 5 }), meta('nofiles'), 'garbage'],
      [files('nan'), files('liar'), files('orphan')],
    );
    const listed = await cacheOf({ maxEntries: 8, maxBytes: 1000 }, fresh).cache.list();
    expect(listed.entries).toEqual([]);
    expect(listed.notices).toHaveLength(1);
    const { level, text } = listed.notices[0]!;
    expect(level).toBe('warn');
    expect(text).toMatch(/^5 unreadable records were skipped and removed/);
    expect(text).toContain('"nan.pt": its save time is not a finite number');
    expect(text).toContain('"liar.pt": its files add up to 4 bytes, not the 5 it records');
    expect(text).toContain('"nofiles.pt": its files are missing');
    expect(fresh.metas.size + fresh.payloads.size).toBe(0);

    // A payload that does not match its metadata is only seen when opened: null, removed, said.
    const { cache: c2 } = cacheOf({ maxEntries: 8, maxBytes: 1000 }, store);
    expect(await ids(c2)).toEqual(['good', 'short', 'untyped']);
    for (const [id, why] of [
      ['untyped', 'its file images.u8 is not bytes'],
      ['short', 'its file images.u8 has 3 bytes, not the 4 it records'],
    ] as const) {
      const got = await c2.get(id);
      expect(got.entry).toBeNull();
      expect(got.notices[0]!.text).toContain(`"${id}.pt": ${why}`);
    }
    expect(await ids(c2)).toEqual(['good']);
    expect((await c2.get('good')).entry?.name).toBe('good.pt');
  });

  it('names a full storage quota, and evicts nothing when the write fails', async () => {
    const { store, cache } = cacheOf({ maxEntries: 1, maxBytes: 1000 });
    await cache.put(entry('a'));
    store.failNextPut = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    await expect(cache.put(entry('b'))).rejects.toThrow(
      /^the browser's storage quota is full: "b\.pt" \(10 bytes\) could not be written/,
    );
    expect(await ids(cache)).toEqual(['a']);
    store.failNextPut = new Error('disk on fire');
    await expect(cache.put(entry('b'))).rejects.toThrow('disk on fire');
  });

  it('reports the sets an older layout held as cleared', async () => {
    const { cache } = cacheOf({ maxEntries: 8, maxBytes: 1000 }, memorySplitStore([], [], 3));
    const { notices } = await cache.list();
    expect(notices).toEqual([
      {
        level: 'info',
        text: expect.stringMatching(/^3 sets cached by an older version of this app were cleared/),
      },
    ]);
    expect((await cache.list()).notices).toEqual([]);
  });
});
