// Writes the app's setup back to the URL as it changes (settings, method, size, bundle; see
// lib/url-params.ts), so that a reload or a shared link opens the same setup.
import { settingsToSearch } from '../lib/url-params';
import type { AppStore, AppStoreState } from './types';

/** The query string (without `?`) that reproduces the state's setup. */
export function searchOf(s: AppStoreState): string {
  const size = s.view ? { perClass: s.perClass, factor: s.view.manifest.factor } : null;
  return settingsToSearch(s.settings, size);
}

/**
 * Calls `write` with the new query string whenever the setup changes (not for the setup the
 * store starts with); returns the function that stops it.
 */
export function syncUrl(store: AppStore, write: (search: string) => void): () => void {
  let last = searchOf(store.getState());
  return store.subscribe((s) => {
    const search = searchOf(s);
    if (search === last) return;
    last = search;
    write(search);
  });
}
