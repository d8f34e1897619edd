// Node support for the multi-threaded (pthreads + SIMD) build of @tensorflow/tfjs-backend-wasm.
//
// Out of the box tfjs-backend-wasm runs single-threaded in Node, for two reasons this module fixes:
// 1. tfjs hands emscripten a `blob:` URL for the pthread worker script and for the main script,
//    which Node's worker_threads cannot load. We write the worker script to a temporary `.cjs`
//    file (pointing its `importScripts` at the real main script on disk) and make
//    `URL.createObjectURL` return that path for the worker blob.
// 2. The wasm build sizes its thread pool at start-up as
//    `min(requested, 8, emscripten_num_logical_cores() / 2)`, and under Node emscripten counts
//    cores with `require('os').cpus().length`. On a 2-core machine that caps the pool at ONE
//    thread whatever `setThreadsCount` asks for (this is why `getThreadsCount()` reported 1).
//    While the backend starts we report `2 × threads` cores, so the cap becomes `threads`.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The wasm build pre-creates 8 pthread workers; pthreadpool never uses more. */
export const MAX_WASM_THREADS = 8;

interface WasmWorkerModule {
  wasmWorkerContents: string;
}

let installedWorkerFile: string | null = null;

function wasmPackageDir(): string {
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
}

/**
 * Writes the Node-loadable pthread worker script once per process and routes tfjs's worker blob
 * to it. Idempotent. Returns the worker file path.
 */
export function installWasmWorkerShim(): string {
  if (installedWorkerFile) return installedWorkerFile;
  const wasmDir = wasmPackageDir();
  const outDir = join(wasmDir, 'wasm-out');
  const mainScript = join(outDir, 'tfjs-backend-wasm-threaded-simd.js');
  const { wasmWorkerContents } = require(
    join(outDir, 'tfjs-backend-wasm-threaded-simd.worker.js'),
  ) as WasmWorkerModule;
  // tfjs escapes newlines the same way before it builds its Blob.
  const original = wasmWorkerContents.replace(/\n/g, '\\n');
  const loadMain = 'var objectUrl=URL.createObjectURL(e.data.urlOrBlob);';
  const revoke = 'URL.revokeObjectURL(objectUrl)';
  if (!original.includes(loadMain) || !original.includes(revoke)) {
    throw new Error(
      'tfjs-backend-wasm worker script has an unexpected shape; cannot enable wasm threads in Node',
    );
  }
  const patched = original
    .replace(loadMain, `var objectUrl=${JSON.stringify(mainScript)};`)
    .replace(revoke, '0');
  const version = (
    JSON.parse(readFileSync(join(wasmDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const dir = join(os.tmpdir(), `yoco-tfjs-wasm-${version}`);
  mkdirSync(dir, { recursive: true });
  const workerFile = join(dir, 'worker.cjs');
  if (!existsSync(workerFile) || readFileSync(workerFile, 'utf8') !== patched)
    writeFileSync(workerFile, patched);

  const originalCreate = URL.createObjectURL.bind(URL);
  URL.createObjectURL = ((obj: Blob) =>
    obj instanceof Blob && obj.type === 'application/javascript'
      ? workerFile
      : originalCreate(obj)) as typeof URL.createObjectURL;
  installedWorkerFile = workerFile;
  return workerFile;
}

/**
 * Runs `start` (which must start the wasm backend) while `os.cpus()` reports `2 × threads`
 * entries, so the wasm thread-pool cap equals `threads`. Restores `os.cpus` afterwards.
 */
export async function withReportedCores<T>(threads: number, start: () => Promise<T>): Promise<T> {
  const originalCpus = os.cpus;
  const real = originalCpus();
  const fake = (): os.CpuInfo[] =>
    Array.from({ length: 2 * threads }, (_, i) => real[i % real.length]!);
  (os as { cpus: () => os.CpuInfo[] }).cpus = fake;
  try {
    return await start();
  } finally {
    (os as { cpus: () => os.CpuInfo[] }).cpus = originalCpus;
  }
}

/** Default thread count in Node: every logical core, at most the build's 8. */
export function defaultWasmThreads(): number {
  return Math.max(1, Math.min(MAX_WASM_THREADS, os.availableParallelism?.() ?? os.cpus().length));
}
