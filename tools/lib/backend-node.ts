// Starts a tfjs backend for the Node CLIs: wasm (multi-threaded through wasm-node.ts, one thread
// per logical core by default) or cpu; and, for benchmarks only, webgpu through Dawn
// (dawn-node.ts) when asked for by name. Node never loads the webgl package. The wasm
// thread count can change between calls (the wasm backend is then rebuilt, so tensors held on it
// become unusable), which the bench uses to compare thread counts.
import * as tf from '@tensorflow/tfjs-core';
import { setFlagsFromString } from 'node:v8';
import { BackendError } from '../../src/engine/errors';
import { relaxedSimdValidates } from '../../src/engine/tf/conv-kernel';
import { installDawnWebGpu } from './dawn-node';
import { initBackend } from '../../src/engine/tf/backends';
import type { BackendName } from '../../src/engine/types';
import {
  defaultWasmThreads,
  installWasmWorkerShim,
  MAX_WASM_THREADS,
  withReportedCores,
} from './wasm-node';

/**
 * Relaxed SIMD (the convolution kernels' fused multiply-add, twice the plain peak where the CPU
 * has FMA) is on in Chrome since 114 but behind a V8 flag in Node 20: set it before any module is
 * compiled, where the engine does not already validate the relaxed build (Node 22 does); a
 * validation, not a compile, so the check costs next to nothing at start-up.
 */
if (!relaxedSimdValidates()) setFlagsFromString('--experimental-wasm-relaxed-simd');

/** The backends a Node command uses unless told otherwise. */
export const NODE_BACKENDS = ['wasm', 'cpu'] as const;
/** Also accepted by name: webgpu needs Dawn (tools/gpu/fetch-dawn.sh) and a Vulkan loader. */
const BY_NAME_ONLY = ['webgpu'] as const;
export type NodeBackendName = (typeof NODE_BACKENDS)[number] | (typeof BY_NAME_ONLY)[number];

export interface NodeBackendOptions {
  /** wasm threads (default: every logical core, at most 8); 1 uses the single-threaded SIMD build. */
  readonly threads?: number;
}

export interface NodeBackendInfo {
  readonly backend: BackendName;
  /** Threads the backend computes with (the wasm thread pool's real size; 1 for cpu). */
  readonly threads: number;
}

let wasmStartedWith: number | null = null;

export function isNodeBackend(name: string): name is NodeBackendName {
  return [...NODE_BACKENDS, ...BY_NAME_ONLY].includes(name as NodeBackendName);
}

/** Rebuilds the wasm backend from its registered factory so a new thread count takes effect. */
function resetWasm(): void {
  const factory = tf.findBackendFactory('wasm');
  if (!factory) return;
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', factory, 2);
}

export async function initNodeBackend(
  name: NodeBackendName = 'wasm',
  opts: NodeBackendOptions = {},
): Promise<NodeBackendInfo> {
  if (!isNodeBackend(name))
    throw new BackendError(
      name,
      `not available in Node; choose one of ${[...NODE_BACKENDS, ...BY_NAME_ONLY].join(', ')}`,
    );
  if (name === 'cpu') {
    return { backend: await initBackend('cpu'), threads: 1 };
  }
  if (name === 'webgpu') {
    await installDawnWebGpu();
    return { backend: await initBackend('webgpu'), threads: 1 };
  }
  const threads = opts.threads ?? defaultWasmThreads();
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
    throw new BackendError(
      'wasm',
      `threads must be an integer in [1, ${MAX_WASM_THREADS}], got ${threads}`,
    );
  }
  // A new thread count needs a new wasm module; tensors held on the old one become unusable.
  if (wasmStartedWith !== null && wasmStartedWith !== threads) resetWasm();
  const backend = await initBackend('wasm', {
    wasmMultithread: threads > 1,
    wasmThreads: threads,
    prepareWasm: () => {
      if (threads > 1) installWasmWorkerShim();
    },
    wrapWasmStart: (start) => withReportedCores(threads, start),
  });
  wasmStartedWith = threads;
  const actual = (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount();
  return { backend, threads: actual };
}
