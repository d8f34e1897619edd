// In-memory stores with the IndexedDB wrappers' contracts (idb.ts), for the store and cache tests:
// values are cloned on the way in and out, as IndexedDB would, and the initial records may be
// malformed. The two-store fake can be told to fail its next write, as a full quota would.
import type { KeyValueStore, SplitStore } from './idb';

export function memoryKv(
  initial: unknown[] = [],
): KeyValueStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>(
    initial.map((v, i) => [String((v as { id?: unknown })?.id ?? `raw${i}`), v]),
  );
  return {
    values,
    getAll: async () => [...values.values()],
    put: async (v) => void values.set(v.id, structuredClone(v)),
    delete: async (id) => void values.delete(id),
    clear: async () => values.clear(),
  };
}

export interface MemorySplitStore extends SplitStore {
  readonly metas: Map<IDBValidKey, unknown>;
  readonly payloads: Map<IDBValidKey, unknown>;
  /** Thrown by the next `put` (which then changes nothing), e.g. a QuotaExceededError. */
  failNextPut: unknown;
  /** How many payloads were read: a listing must read none. */
  payloadReads: number;
}

/** Keys sort as IndexedDB sorts strings (by code unit), which is what the listings rely on. */
const byKey = <T>(entries: Iterable<[IDBValidKey, T]>) =>
  [...entries].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));

/** Records are stored under their `id`, as with `keyPath: 'id'`; `dropped` feeds takeDropped. */
export function memorySplitStore(
  metas: readonly unknown[] = [],
  payloads: readonly unknown[] = [],
  dropped = 0,
): MemorySplitStore {
  const keyed = (list: readonly unknown[]) =>
    new Map<IDBValidKey, unknown>(
      list.map((v, i) => [((v as { id?: IDBValidKey } | null)?.id ?? `raw${i}`) as IDBValidKey, v]),
    );
  const store: MemorySplitStore = {
    metas: keyed(metas),
    payloads: keyed(payloads),
    failNextPut: null,
    payloadReads: 0,
    scan: async () => ({
      metas: byKey(store.metas).map(([key, value]) => ({ key, value: structuredClone(value) })),
      payloadKeys: byKey(store.payloads).map(([key]) => key),
    }),
    read: async (key) => {
      store.payloadReads++;
      return {
        meta: structuredClone(store.metas.get(key)),
        payload: structuredClone(store.payloads.get(key)),
      };
    },
    putMeta: async (meta) => void store.metas.set(meta.id, structuredClone(meta)),
    put: async (meta, payload, evict) => {
      const failure = store.failNextPut;
      if (failure) {
        store.failNextPut = null;
        throw failure;
      }
      for (const key of evict) {
        store.metas.delete(key);
        store.payloads.delete(key);
      }
      store.metas.set(meta.id, structuredClone(meta));
      store.payloads.set(payload.id, structuredClone(payload));
    },
    delete: async (keys) => {
      for (const key of keys) {
        store.metas.delete(key);
        store.payloads.delete(key);
      }
    },
    takeDropped: async () => {
      const n = dropped;
      dropped = 0;
      return n;
    },
  };
  return store;
}
