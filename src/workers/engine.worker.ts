// The engine's Web Worker: the in-thread engine (session.ts) served through comlink, its API
// derived from the Engine interface (protocol.ts).
import * as Comlink from 'comlink';
import { createSession } from '../engine/session';
import { serveEngine } from './protocol';
import { WASM_PATHS } from './wasm-paths';

const engine = createSession({ backend: { wasmPaths: WASM_PATHS } });
Comlink.expose(serveEngine(engine, () => self.crossOriginIsolated));
