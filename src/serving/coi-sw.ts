// The service worker that makes the built app cross-origin isolated on a static host that cannot
// send COOP/COEP headers (the coi-serviceworker approach; src/serving/register-isolation.ts registers it and
// reloads the page once). Every same-origin response is re-served with those headers, and with
// the app's Content-Security-Policy where the host sent none (coi-response.ts). It caches nothing:
// each request still goes to the network, so a new deployment is seen at once.
// Built as a classic script at the site's root, coi-sw.js (src/serving/coi-sw-plugin.ts): a service
// worker's scope cannot be above its own folder, and module service workers are not everywhere.
import { isolatedResponse } from './coi-response';

declare const self: ServiceWorkerGlobalScope;

// Take over at once, without waiting for open tabs to close: the page reloads into it right away.
self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Other origins are left to the browser (the app's policy allows none anyway).
  if (url.origin !== self.location.origin) return;
  // fetch() rejects an only-if-cached request outside same-origin mode (DevTools sends them).
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(fetch(request).then((response) => isolatedResponse(response, url.pathname)));
});
