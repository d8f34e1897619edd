// The backend fallback policy (design.md §0, tf/backends.ts starts each one): when a
// backend fails to start, or fails during a run, the next one in BACKEND_ORDER is tried.
import { BACKEND_ORDER, type BackendName } from '../types';
import { initBackend, type BackendOptions } from './backends';

/** The backend tried after `failed` fails (BACKEND_ORDER), or null when none is left. */
export function nextBackend(failed: BackendName): BackendName | null {
  const i = BACKEND_ORDER.indexOf(failed);
  return i < 0 ? null : (BACKEND_ORDER[i + 1] ?? null);
}

/**
 * Starts `preferred`, else each backend after it in BACKEND_ORDER until one starts, calling
 * `onFail` for every one that does not (with the one tried next, or null). Rejects with the last
 * failure when none is left.
 */
export async function startFrom(
  preferred: BackendName,
  opts: BackendOptions,
  onFail: (failed: BackendName, error: unknown, next: BackendName | null) => void,
): Promise<BackendName> {
  for (let name: BackendName | null = preferred; ;) {
    try {
      return await initBackend(name, opts);
    } catch (e) {
      const next: BackendName | null = nextBackend(name);
      onFail(name, e, next);
      if (!next) throw e;
      name = next;
    }
  }
}
