// The engine's Web Worker: the in-thread engine (session.ts) served through comlink, its API
// derived from the Engine interface (protocol.ts). Whatever the worker's Content-Security-Policy
// (src/serving/csp.ts) blocks is said on the console, naming the directive and what was blocked: a
// worker's violations are not reported to its page, and a blocked wasm thread would otherwise
// only show as a backend that never starts.
import * as Comlink from 'comlink';
import { createSession } from '../engine/session';
import { browserWasmThreads, wasmThreadCount } from '../engine/tf/wasm-threads';
import { serveEngine } from './protocol';
import { WASM_PATHS } from './wasm-paths';

self.addEventListener('securitypolicyviolation', (event) => {
  const e = event as SecurityPolicyViolationEvent; // WebWorker's event map omits this event
  const what = e.blockedURI || 'inline code';
  console.error(
    `Content-Security-Policy: the engine worker's ${e.effectiveDirective} blocked ${what}`,
  );
});

const engine = createSession({
  backend: {
    wasmPaths: WASM_PATHS,
    wasmThreads: browserWasmThreads(navigator.hardwareConcurrency),
  },
});
Comlink.expose(
  serveEngine(
    engine,
    () => self.crossOriginIsolated,
    () => Promise.resolve(wasmThreadCount()),
  ),
);
