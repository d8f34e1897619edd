// The built app's Content-Security-Policy, and the Vite plugin that applies it (vite.config.ts).
//
// Two policies, because a dedicated worker does not inherit its page's policy: it gets the one
// sent with its own script.
// - The page: `default-src 'self'`; scripts, styles, workers and fetches from this origin only
//   (connect-src 'self': bundles come from this origin, app/lib/bundle-source.ts); images also
//   from data: URLs (the gallery draws each stored image into a PNG data URL; the favicon is
//   one); no inline script, no eval, no plugins, no <base> elsewhere, no form posts.
// - The engine worker (its script only): the page's rules plus 'wasm-unsafe-eval', which the wasm
//   backend needs to compile its WebAssembly, and blob: for scripts and workers, because the
//   multi-threaded wasm backend starts its threads from a worker script that tfjs builds from its
//   own source text as a blob: URL (tfjs-backend-wasm backend_wasm.js, locateFile). The worker
//   has no DOM, and a blob: URL can only be made by script already running there.
//
// Where it is set: the build writes the page policy into index.html as a <meta> tag, so any
// static host serves it; `vite preview` (which the browser tests run on) also sends both as
// headers, the page's with `frame-ancestors 'none'`, which a <meta> tag cannot carry (neither can
// it carry report-to or sandbox). A host that should give the worker its policy, or forbid
// framing, sends the same headers (`cspHeaderFor`). The dev server (`npm run dev`) sets none:
// Vite's dev client injects inline styles and talks over a WebSocket.
import type { Plugin } from 'vite';

type Policy = Readonly<Record<string, readonly string[]>>;

const SELF = "'self'";

export const PAGE_POLICY: Policy = {
  'default-src': [SELF],
  'script-src': [SELF],
  'style-src': [SELF],
  'img-src': [SELF, 'data:'],
  'worker-src': [SELF],
  'connect-src': [SELF],
  'object-src': ["'none'"],
  'base-uri': [SELF],
  'form-action': ["'none'"],
};

export const WORKER_POLICY: Policy = {
  'default-src': [SELF],
  'script-src': [SELF, "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': [SELF, 'blob:'],
  'connect-src': [SELF],
  'object-src': ["'none'"],
  'base-uri': [SELF],
};

/** Directives a <meta> tag cannot carry: sent as a header only. */
export const HEADER_ONLY_POLICY: Policy = { 'frame-ancestors': ["'none'"] };

export function policyText(...policies: Policy[]): string {
  return policies
    .flatMap((p) => Object.entries(p).map(([name, sources]) => `${name} ${sources.join(' ')}`))
    .join('; ');
}

/** The engine worker's script as the build emits it (vite.config.ts names it). */
export const WORKER_SCRIPT = /\/assets\/engine\.worker-[\w-]+\.js$/;

/** The Content-Security-Policy header for a response to `path` (no query). */
export function cspHeaderFor(path: string): string {
  return WORKER_SCRIPT.test(path)
    ? policyText(WORKER_POLICY)
    : policyText(PAGE_POLICY, HEADER_ONLY_POLICY);
}

/** Writes the page policy into the built index.html and sends both as headers in `vite preview`. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'yoco-content-security-policy',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) =>
        ctx.server
          ? []
          : [
              {
                tag: 'meta',
                attrs: {
                  'http-equiv': 'Content-Security-Policy',
                  content: policyText(PAGE_POLICY),
                },
                injectTo: 'head-prepend',
              },
            ],
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0]!;
        res.setHeader('Content-Security-Policy', cspHeaderFor(path));
        next();
      });
    },
  };
}
