// What the cross-origin-isolation service worker (coi-sw.ts) does to one response: the same
// status and body (streamed, not buffered), plus the isolation headers (COOP/COEP) and, when the
// host sent no policy, the Content-Security-Policy `vite preview` would send for that path
// (src/serving/csp.ts: the engine worker's script gets its own). Kept apart from the worker so it can
// be tested in Node.
import { cspHeaderFor } from './csp';
import { ISOLATION_HEADERS } from './isolation';

/** `response` to `path` (no query) as the isolated app needs it. */
export function isolatedResponse(response: Response, path: string): Response {
  // An opaque or error response has no readable headers or status to copy: pass it on as is.
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  if (!headers.has('Content-Security-Policy'))
    headers.set('Content-Security-Policy', cspHeaderFor(path));
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
