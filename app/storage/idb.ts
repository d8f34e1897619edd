// Promise wrappers over IndexedDB. `openStore`: one database with one object store keyed by `id`
// (the stored training runs). `openSplitStore`: a database with two stores under the same keys,
// small metadata records and large payloads (the cache of imported sets), so that a listing reads
// only the metadata and a payload is read only when it is opened.

export interface KeyValueStore {
  getAll(): Promise<unknown[]>;
  put(value: { id: string }): Promise<void>;
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
}

/** A stored record with the key it is stored under (a malformed record still has its key). */
export interface StoredRecord {
  readonly key: IDBValidKey;
  readonly value: unknown;
}

export interface SplitStore {
  /** Every metadata record and every payload's key (not its value), read in one transaction. */
  scan(): Promise<{ metas: StoredRecord[]; payloadKeys: IDBValidKey[] }>;
  /** One entry's metadata and payload by key, read in one transaction (undefined: none). */
  read(key: IDBValidKey): Promise<{ meta: unknown; payload: unknown }>;
  /** Rewrites a metadata record alone (its last use). */
  putMeta<M extends { id: string }>(meta: M): Promise<void>;
  /**
   * Deletes the entries under `evict`, then writes a metadata record and its payload, all in one
   * transaction: both records or neither, and nothing evicted when the write fails.
   */
  put<M extends { id: string }, P extends { id: string }>(
    meta: M,
    payload: P,
    evict: readonly IDBValidKey[],
  ): Promise<void>;
  /** Deletes the metadata and payloads under these keys, in one transaction. */
  delete(keys: readonly IDBValidKey[]): Promise<void>;
  /** How many records an upgrade from an older layout dropped; 0 after the first call. */
  takeDropped(): Promise<number>;
}

type Upgrade = (db: IDBDatabase, tx: IDBTransaction, oldVersion: number) => void;

function openDb(name: string, version: number, upgrade: Upgrade): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = (e) =>
      upgrade(request.result, request.transaction!, (e as IDBVersionChangeEvent).oldVersion);
    request.onsuccess = () => {
      // A newer version opened in another tab must not stay blocked by this one.
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => reject(request.error ?? new Error(`cannot open IndexedDB "${name}"`));
    request.onblocked = () => reject(new Error(`IndexedDB "${name}" is blocked by another tab`));
  });
}

/**
 * Runs `body` in one transaction: it issues its requests synchronously and returns a function
 * that reads their results, called once the transaction has committed. A failed request aborts
 * the transaction, and its error (e.g. QuotaExceededError) is what the promise rejects with.
 */
function transact<T>(
  db: IDBDatabase,
  stores: readonly string[],
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction) => () => T,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction([...stores], mode);
    let failed: DOMException | null = null;
    const result = body(tx);
    tx.onerror = (e) => {
      failed ??= (e.target as IDBRequest | null)?.error ?? null;
    };
    tx.oncomplete = () => resolve(result());
    tx.onabort = () => reject(tx.error ?? failed ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The result of a request, read after its transaction committed. */
const resultOf =
  <T>(request: IDBRequest<T>) =>
  () =>
    request.result;

export function openStore(dbName: string, storeName: string): KeyValueStore {
  let db: Promise<IDBDatabase> | null = null;
  const tx = async <T>(mode: IDBTransactionMode, body: (s: IDBObjectStore) => () => T) => {
    db ??= openDb(dbName, 1, (handle) => {
      if (!handle.objectStoreNames.contains(storeName)) {
        handle.createObjectStore(storeName, { keyPath: 'id' });
      }
    });
    return transact(await db, [storeName], mode, (t) => body(t.objectStore(storeName)));
  };
  const write = (body: (s: IDBObjectStore) => unknown) =>
    tx('readwrite', (s) => {
      body(s);
      return () => undefined;
    });
  return {
    getAll: () => tx('readonly', (s) => resultOf(s.getAll())),
    put: (value) => write((s) => s.put(value)),
    delete: (id) => write((s) => s.delete(id)),
    clear: () => write((s) => s.clear()),
  };
}

export interface SplitStoreNames {
  readonly version: number;
  readonly meta: string;
  readonly payload: string;
}

/**
 * The two stores of `dbName`, created on first use. Upgrading from an older version drops every
 * other store of the database (an older layout) and counts its records for `takeDropped`.
 */
export function openSplitStore(dbName: string, names: SplitStoreNames): SplitStore {
  const { meta, payload } = names;
  let db: Promise<IDBDatabase> | null = null;
  let dropped = 0;
  const open = () =>
    (db ??= openDb(dbName, names.version, (handle, upgrade) => {
      for (const old of Array.from(handle.objectStoreNames)) {
        if (old === meta || old === payload) continue;
        const count = upgrade.objectStore(old).count();
        count.onsuccess = () => {
          dropped += count.result;
          handle.deleteObjectStore(old);
        };
      }
      for (const name of [meta, payload]) {
        if (!handle.objectStoreNames.contains(name)) {
          handle.createObjectStore(name, { keyPath: 'id' });
        }
      }
    }));
  const both = [meta, payload];
  return {
    scan: async () =>
      transact(await open(), both, 'readonly', (tx) => {
        const keys = tx.objectStore(meta).getAllKeys();
        const values = tx.objectStore(meta).getAll();
        const payloadKeys = tx.objectStore(payload).getAllKeys();
        // getAllKeys and getAll list the same records in the same (key) order.
        return () => ({
          metas: keys.result.map((key, i) => ({ key, value: values.result[i] })),
          payloadKeys: payloadKeys.result,
        });
      }),
    read: async (key) =>
      transact(await open(), both, 'readonly', (tx) => {
        const m = tx.objectStore(meta).get(key);
        const p = tx.objectStore(payload).get(key);
        return () => ({ meta: m.result as unknown, payload: p.result as unknown });
      }),
    putMeta: async (record) =>
      transact(await open(), [meta], 'readwrite', (tx) => {
        tx.objectStore(meta).put(record);
        return () => undefined;
      }),
    put: async (record, data, evict) =>
      transact(await open(), both, 'readwrite', (tx) => {
        for (const key of evict) for (const s of both) tx.objectStore(s).delete(key);
        tx.objectStore(meta).put(record);
        tx.objectStore(payload).put(data);
        return () => undefined;
      }),
    delete: async (keys) =>
      transact(await open(), both, 'readwrite', (tx) => {
        for (const key of keys) for (const s of both) tx.objectStore(s).delete(key);
        return () => undefined;
      }),
    takeDropped: async () => {
      await open();
      const n = dropped;
      dropped = 0;
      return n;
    },
  };
}
