// What cross-origin isolation (SharedArrayBuffer, so the wasm backend runs threaded) needs: the
// response headers, sent by the dev server and `vite preview` (vite.config.ts), and the service
// worker that adds them on static hosts that cannot send headers (src/serving/coi-sw.ts, built by
// src/serving/coi-sw-plugin.ts, registered by src/serving/register-isolation.ts).
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The built service worker's file name, at the site's base URL. */
export const COI_SW_FILE = 'coi-sw.js';
