// An in-memory key-value store with the IndexedDB store's contract (idb.ts), for the store tests:
// values are cloned on the way in, as IndexedDB would, and `initial` may hold malformed records.
import type { KeyValueStore } from './idb';

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
