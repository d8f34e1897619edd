// Starts the tfjs backend: WebGPU, wasm, WebGL, cpu, by what the platform supports (detected
// through globalThis, so this runs in a browser, a Worker or Node), never a software GPU adapter
// unless named (software-adapters.ts; the measured choice is choose-backend.ts). Backend packages
// are imported lazily, so Node never loads webgpu or webgl.
// A backend that fails to start is skipped with its reason recorded; an explicitly requested
// backend that fails is a BackendError. The fallback policy is fallback.ts: when a backend fails
// (to start, or during a run), the next one in BACKEND_ORDER is tried (`startFrom`). A WebGPU
// backend whose device was lost is started afresh (device-loss.ts).
import * as tf from '@tensorflow/tfjs-core';
import { BackendError, errorMessage } from '../errors';
import { BACKEND_ORDER, type BackendName } from '../types';
import {
  markWebGpuGone,
  resetLostWebGpu,
  watchWebGpuDevice,
  webGpuGone,
  webGpuLoss,
} from './device-loss';
import { prepareConvKernel } from './conv-kernel';
import { softwareReason } from './software-adapters';

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');

export interface BackendOptions {
  /**
   * Where the tfjs wasm binaries are served (browser): a folder prefix ending in `/`, or a map from
   * binary file name to URL. Passed to `setWasmPaths`. Not needed in Node.
   */
  readonly wasmPaths?: string | Readonly<Record<string, string>>;
  /** Threads for the multi-threaded wasm build (needs cross-origin isolation in browsers). */
  readonly wasmThreads?: number;
  /** Force the multi-threaded wasm build on or off (default: tfjs's own detection). */
  readonly wasmMultithread?: boolean;
  /** Runs after the wasm package is imported and before it starts (Node installs its thread shim here). */
  readonly prepareWasm?: (wasm: WasmModule) => void | Promise<void>;
  /** Wraps the wasm start-up (Node uses it to report enough cores for `wasmThreads`). */
  readonly wrapWasmStart?: <T>(start: () => Promise<T>) => Promise<T>;
  /** Called for every backend that was tried and skipped, with the reason. */
  readonly onSkip?: (backend: BackendName, reason: string) => void;
}

export interface SkippedBackend {
  readonly backend: BackendName;
  readonly reason: string;
}

let lastSkipped: SkippedBackend[] = [];
/** Backends tried and skipped by the last `initBackend` call, with reasons. */
export function skippedBackends(): readonly SkippedBackend[] {
  return lastSkipped;
}

interface GlobalProbe {
  navigator?: { gpu?: unknown; hardwareConcurrency?: number };
  document?: { createElement?: (tag: string) => { getContext?: (kind: string) => unknown } };
  OffscreenCanvas?: new (w: number, h: number) => { getContext: (kind: string) => unknown };
  WebAssembly?: unknown;
  process?: { versions?: { node?: string } };
}

const g = globalThis as unknown as GlobalProbe;

/** True in Node (and not in browsers or Web Workers). */
export function isNode(): boolean {
  return typeof g.process?.versions?.node === 'string' && typeof g.document === 'undefined';
}

function hasWebGl(): boolean {
  if (isNode()) return false;
  try {
    if (typeof g.OffscreenCanvas === 'function') {
      const canvas = new g.OffscreenCanvas(1, 1);
      if (canvas.getContext('webgl2') || canvas.getContext('webgl')) return true;
    }
    const el = g.document?.createElement?.('canvas');
    return !!(el?.getContext?.('webgl2') || el?.getContext?.('webgl'));
  } catch {
    return false;
  }
}

/** Why a backend cannot run on this platform, or null when it might. */
function unsupportedReason(name: BackendName): string | null {
  switch (name) {
    case 'webgpu':
      return !(g.navigator && 'gpu' in g.navigator && g.navigator.gpu)
        ? 'WebGPU is not available (no navigator.gpu)'
        : webGpuGone();
    case 'wasm':
      return typeof g.WebAssembly === 'object' ? null : 'WebAssembly is not available';
    case 'webgl':
      return hasWebGl()
        ? null
        : isNode()
          ? 'WebGL needs a browser'
          : 'no WebGL context could be created';
    case 'cpu':
      return null;
  }
}

/** Backends this platform appears to support, in preference order (detection only, nothing starts). */
export function availableBackends(): BackendName[] {
  return BACKEND_ORDER.filter((name) => unsupportedReason(name) === null);
}

async function importBackend(name: BackendName, opts: BackendOptions): Promise<void> {
  switch (name) {
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (opts.wasmPaths !== undefined) wasm.setWasmPaths(opts.wasmPaths as string);
      if (opts.wasmMultithread !== undefined)
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', opts.wasmMultithread);
      if (opts.wasmThreads !== undefined) wasm.setThreadsCount(opts.wasmThreads);
      await opts.prepareWasm?.(wasm);
      return;
    }
  }
}

/**
 * In browsers the wasm build caps its pool at `navigator.hardwareConcurrency / 2` threads; when
 * more are asked for, report enough cores while it starts.
 */
async function withBrowserCores<T>(
  threads: number | undefined,
  start: () => Promise<T>,
): Promise<T> {
  const nav = g.navigator as Record<string, unknown> | undefined;
  const have = typeof nav?.hardwareConcurrency === 'number' ? nav.hardwareConcurrency : 0;
  if (isNode() || !nav || threads === undefined || have === 0 || have >= 2 * threads)
    return start();
  let patched = false;
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
    patched = true;
  } catch {
    // Read-only navigator: keep the platform's own thread count.
  }
  try {
    return await start();
  } finally {
    if (patched) delete nav.hardwareConcurrency;
  }
}

/**
 * tfjs-backend-wasm's Identity kernel copies its input; every tensor a custom gradient saves for
 * the backward pass is cloned through it. tfjs tensors are immutable and the wasm backend counts
 * references per data id, so Identity can share the data instead (as the cpu backend does).
 */
function shareIdentityOnWasm(): void {
  const current = tf.getKernel('Identity', 'wasm');
  if (!current || current.kernelFunc === sharedIdentity) return;
  const copying = current.kernelFunc;
  sharedIdentity = (args) => {
    const x = (args.inputs as { x: tf.TensorInfo }).x;
    if (x.dtype === 'string') return copying(args);
    (args.backend as unknown as { incRef(id: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({ ...current, kernelFunc: sharedIdentity });
}

let sharedIdentity: tf.KernelFunc | null = null;

/**
 * Starts `name`; resolves to null, or to why it could not start. WebGPU whose device was lost is
 * disposed of and registered again first, so a fresh device is requested (device-loss.ts); if none
 * can be had, it stays unavailable until reload.
 */
async function tryStart(name: BackendName, opts: BackendOptions): Promise<string | null> {
  const afterLoss = name === 'webgpu' && webGpuLoss() !== null;
  if (afterLoss) resetLostWebGpu();
  const why = await tryStartOnce(name, opts);
  if (why === null && name === 'webgpu') watchWebGpuDevice();
  if (why === null || !afterLoss) return why;
  markWebGpuGone(why);
  return webGpuGone();
}

async function tryStartOnce(name: BackendName, opts: BackendOptions): Promise<string | null> {
  const why = unsupportedReason(name);
  if (why) return why;
  try {
    await importBackend(name, opts);
    const start = async (): Promise<boolean> => {
      const ok = await tf.setBackend(name);
      if (ok) await tf.ready();
      return ok;
    };
    const ok =
      name === 'wasm'
        ? await withBrowserCores(opts.wasmThreads, () =>
            opts.wrapWasmStart ? opts.wrapWasmStart(start) : start(),
          )
        : await start();
    if (!ok || tf.engine().backendName !== name) {
      return name === 'wasm'
        ? 'tfjs could not initialise it (are the .wasm files served where wasmPaths points?)'
        : 'tfjs could not initialise it';
    }
    if (name === 'wasm') shareIdentityOnWasm();
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

let gradientsLoaded: Promise<boolean> | null = null;

/**
 * Registers tfjs's gradients for its built-in kernels (tfjs-core does not do it by itself). Works
 * wherever the package's per-file ES modules load (browsers through a bundler, Vitest); resolves to
 * false where they cannot (plain Node). The training step does not need them: every op on its
 * gradient path brings its own gradient.
 */
export function loadGradients(): Promise<boolean> {
  gradientsLoaded ??= import('@tensorflow/tfjs-core/dist/register_all_gradients').then(
    () => true,
    () => false,
  );
  return gradientsLoaded;
}

/**
 * Starts a backend and makes it active. With `preferred`, only that one is tried and a failure is a
 * BackendError; without, the platform's backends are tried in order WebGPU → wasm → WebGL → cpu,
 * skipping software GPU adapters. Resolves to the backend now active.
 */
export async function initBackend(
  preferred?: BackendName,
  opts: BackendOptions = {},
): Promise<BackendName> {
  lastSkipped = [];
  await loadGradients();
  await prepareConvKernel(); // the convolution kernels; tfjs's own are used if they fail to load
  if (preferred !== undefined) {
    if (!BACKEND_ORDER.includes(preferred)) {
      throw new BackendError(
        String(preferred),
        `unknown backend; choose one of ${BACKEND_ORDER.join(', ')}`,
      );
    }
    const lost = preferred === 'webgpu' && webGpuLoss() !== null;
    if (tf.engine().backendName === preferred && !lost) return preferred;
    const why = await tryStart(preferred, opts);
    if (why !== null) throw new BackendError(preferred, why);
    return preferred;
  }
  for (const name of BACKEND_ORDER) {
    const why = (await softwareReason(name)) ?? (await tryStart(name, opts));
    if (why === null) return name;
    lastSkipped.push({ backend: name, reason: why });
    opts.onSkip?.(name, why);
  }
  throw new BackendError('cpu', 'no tfjs backend could be started');
}

/** The active backend's name, or null before any backend started. */
export function activeBackend(): BackendName | null {
  const name = tf.engine().backendName;
  return (BACKEND_ORDER as readonly string[]).includes(name) ? (name as BackendName) : null;
}
