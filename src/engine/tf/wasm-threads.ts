// How many threads the wasm backend computes with: the count the browser worker asks for, and the
// count it got (shown in the backend badge, checked by the browser tests, and the conv gradient's
// choice of filter-gradient method, conv2d.ts).
import * as tf from '@tensorflow/tfjs-core';

/**
 * Threads to ask for in a browser with `cores` logical cores. tfjs's own default is half the cores,
 * which is one thread (no parallelism at all) on a 2- or 3-core machine; ask for at least two
 * there. From 4 cores up this is tfjs's default, leaving the other half to the page and the GPU.
 */
export function browserWasmThreads(cores: number): number {
  return cores >= 2 ? Math.max(2, Math.floor(cores / 2)) : 1;
}

/**
 * Threads the wasm backend computes with, while it is the active backend; else null. Read from the
 * running backend itself, synchronously: the conv gradient asks on every call (conv2d.ts).
 */
export function wasmThreadCount(): number | null {
  if (tf.engine().backendName !== 'wasm') return null;
  const backend = tf.engine().backend as unknown as {
    wasm?: { tfjs?: { getThreadsCount?(): number } };
  };
  return backend.wasm?.tfjs?.getThreadsCount?.() ?? null;
}
