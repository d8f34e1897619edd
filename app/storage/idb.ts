// A tiny promise wrapper over IndexedDB: one database, one object store keyed by `id`.

export interface KeyValueStore {
  getAll(): Promise<unknown[]>;
  put(value: { id: string }): Promise<void>;
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(name: string, store: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(store)) {
        request.result.createObjectStore(store, { keyPath: 'id' });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`cannot open IndexedDB "${name}"`));
    request.onblocked = () => reject(new Error(`IndexedDB "${name}" is blocked by another tab`));
  });
}

export function openStore(dbName: string, storeName: string): KeyValueStore {
  let db: Promise<IDBDatabase> | null = null;
  const tx = async <T>(
    mode: IDBTransactionMode,
    run: (s: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> => {
    db ??= openDb(dbName, storeName);
    const handle = await db;
    const transaction = handle.transaction(storeName, mode);
    const committed = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () =>
        reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () =>
        reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
    const result = await done(run(transaction.objectStore(storeName)));
    await committed;
    return result;
  };
  return {
    getAll: () => tx('readonly', (s) => s.getAll()),
    put: async (value) => {
      await tx('readwrite', (s) => s.put(value));
    },
    delete: async (id) => {
      await tx('readwrite', (s) => s.delete(id));
    },
    clear: async () => {
      await tx('readwrite', (s) => s.clear());
    },
  };
}
