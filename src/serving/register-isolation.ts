// Cross-origin isolation on any static host: when the page is not isolated (the host sent no
// COOP/COEP headers), register the service worker that adds them (src/serving/coi-sw.ts) and
// reload once, so the page comes back through it. Runs before the app starts (main.tsx).
// - Already isolated (headers from the host, or the worker from an earlier visit): nothing to do.
// - No service workers (not a secure context: plain http to a LAN address; or turned off): the
//   app runs without isolation, wasm single-threaded, and says so (isolationNotice).
// - Reload loops: a flag in sessionStorage marks the reload; a page that comes back still not
//   isolated (a browser without COEP support) does not reload again in this tab.
import { COI_SW_FILE } from './isolation';

export type IsolationOutcome =
  /** The page is cross-origin isolated. */
  | 'isolated'
  /** The service worker is in place; the page is reloading into it (start nothing). */
  | 'reloading'
  /** Not a secure context (plain http to a LAN address): no service workers, no WebGPU. */
  | 'insecure'
  /** No service workers in this browser (or turned off). */
  | 'unavailable'
  /** The service worker could not be registered, or did not make the page isolated. */
  | 'failed';

/** What ensureIsolation needs from the browser (window, navigator, sessionStorage, location). */
export interface IsolationEnv {
  readonly crossOriginIsolated: boolean;
  readonly isSecureContext: boolean;
  readonly serviceWorker:
    | {
        register(url: string, options: { scope: string }): Promise<unknown>;
        readonly ready: Promise<unknown>;
      }
    | undefined;
  /** Null where sessionStorage cannot be used (then no reload: a loop could not be ruled out). */
  readonly session: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  reload(): void;
}

/** How long the service worker may take to become active before the app starts without it. */
const READY_MS = 10_000;

async function withinMs(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not active after ${ms / 1000} s`)), ms);
  });
  try {
    await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The sessionStorage key that marks the one reload into the service worker. */
export const RELOAD_FLAG = 'yoco-coi-reload';

export async function ensureIsolation(
  env: IsolationEnv,
  baseUrl: string,
): Promise<IsolationOutcome> {
  if (env.crossOriginIsolated) {
    env.session?.removeItem(RELOAD_FLAG);
    return 'isolated';
  }
  if (!env.isSecureContext) return 'insecure';
  if (!env.serviceWorker) return 'unavailable';
  // Reloaded once already and still not isolated: stop here (the flag stays for this tab).
  if (env.session !== null && env.session.getItem(RELOAD_FLAG) !== null) return 'failed';
  try {
    await env.serviceWorker.register(new URL(COI_SW_FILE, baseUrl).href, { scope: baseUrl });
    // Resolves once the worker is active; the reload's request then goes through it. A worker
    // that never activates must not keep the app from starting.
    await withinMs(env.serviceWorker.ready, READY_MS);
  } catch (e) {
    console.warn(`cross-origin isolation: the service worker could not be registered: ${e}`);
    return 'failed';
  }
  if (env.session === null) return 'failed';
  env.session.setItem(RELOAD_FLAG, '1');
  env.reload();
  return 'reloading';
}

/** The browser's side of IsolationEnv. */
export function browserIsolationEnv(): IsolationEnv {
  let session: Storage | null = null;
  try {
    session = window.sessionStorage;
  } catch {
    // Storage disabled (privacy settings): no reload, see RELOAD_FLAG.
  }
  return {
    crossOriginIsolated: window.crossOriginIsolated,
    isSecureContext: window.isSecureContext,
    serviceWorker: 'serviceWorker' in navigator ? navigator.serviceWorker : undefined,
    session,
    reload: () => window.location.reload(),
  };
}

/** What the notices say when the page is not isolated, or null when it is. */
export function isolationNotice(outcome: IsolationOutcome): string | null {
  switch (outcome) {
    case 'isolated':
    case 'reloading':
      return null;
    case 'insecure':
      return 'Not a secure context (plain http to a network address): wasm runs single-threaded and WebGPU is off. Open it over HTTPS (README: “Open it on a phone”).';
    case 'unavailable':
      return 'Service workers are off in this browser, so the page is not cross-origin isolated: wasm runs single-threaded.';
    case 'failed':
      return 'This browser did not make the page cross-origin isolated: wasm runs single-threaded.';
  }
}
