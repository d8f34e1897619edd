// The filter-gradient kernel of the 3×3 convolution on the host backends (wasm, cpu): a small
// WebAssembly SIMD module built from wasm/filter-grad.c (wasm/build.sh) and embedded base64, so
// the worker and Node load it without a fetch. It runs single-threaded in its own memory: each
// sample's x and dy are copied in (a copy costs far less than the sums), and dW comes back.
// Measured on ConvNet-D3 (batch 64, one thread): 35–47 GFLOP/s, where the swapped XNNPACK
// convolution it replaces reached 22 and the host im2col + GEMM of the first layer 4.
import * as tf from '@tensorflow/tfjs-core';
import { FILTER_GRAD_WASM_BASE64 } from './wasm/filter-grad-wasm';

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  readonly __heap_base: WebAssembly.Global;
  scratch_floats(cin: number): number;
  filter_grad_sample(
    x: number,
    dy: number,
    dw: number,
    scratch: number,
    h: number,
    w: number,
    cin: number,
    cout: number,
  ): void;
}

let compiled: WebAssembly.Module | null = null;
let kernel: KernelExports | null = null;
/** Why the kernel could not be loaded (the swapped convolution is used then), or null. */
let failure: string | null = null;

function moduleBytes(): Uint8Array {
  const text = atob(FILTER_GRAD_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function instantiate(module: WebAssembly.Module): KernelExports {
  return new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
}

/**
 * Compiles the module asynchronously. Backends call this before training: a browser's main thread
 * refuses to compile a module this size synchronously, and a worker or Node then skips a step.
 */
export async function prepareFilterGradKernel(): Promise<boolean> {
  if (kernel || failure !== null) return kernel !== null;
  try {
    compiled ??= await WebAssembly.compile(moduleBytes() as BufferSource);
    kernel = instantiate(compiled);
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  }
  return kernel !== null;
}

/** The loaded kernel, compiling it synchronously on first use; null where this engine cannot. */
export function filterGradKernel(): KernelExports | null {
  if (kernel || failure !== null) return kernel;
  try {
    compiled ??= new WebAssembly.Module(moduleBytes() as BufferSource);
    kernel = instantiate(compiled);
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  }
  return kernel;
}

/** Null when the kernel is loaded (or not tried yet), else why it could not be. */
export function filterGradKernelFailure(): string | null {
  return failure;
}

/**
 * A float32 tensor's values on the host, read before any other tfjs call. On wasm this is a view
 * of the backend's heap (no copy); it is only valid until the heap next grows, which the caller
 * rules out by copying from it at once.
 */
function hostValues(t: tf.Tensor): Float32Array {
  if (tf.getBackend() === 'wasm') {
    const backend = tf.engine().backend as unknown as {
      typedArrayFromHeap?(info: tf.TensorInfo): Float32Array;
    };
    const view = backend.typedArrayFromHeap?.(t);
    if (view) return view;
  }
  return t.dataSync() as Float32Array;
}

/** Grows `k`'s memory to at least `bytes` and returns a float view of all of it. */
function floatsOf(k: KernelExports, bytes: number): Float32Array {
  const have = k.memory.buffer.byteLength;
  if (have < bytes) k.memory.grow(Math.ceil((bytes - have) / 65536));
  return new Float32Array(k.memory.buffer);
}

/**
 * dW [3, 3, Cin, Cout] of a 3×3 'same' stride-1 convolution of x [N, H, W, Cin] with output
 * gradient dy [N, H, W, Cout], summed over the batch by the kernel `k`.
 */
export function filterGradByKernel(k: KernelExports, x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, cin] = x.shape;
  const cout = dy.shape[3];
  const xSize = h * w * cin;
  const dySize = h * w * cout;
  const dwSize = 9 * cin * cout;
  // Float offsets in the kernel's memory, 64-byte aligned, after its static data and stack.
  const xAt = Math.ceil((k.__heap_base.value as number) / 64) * 16;
  const dyAt = xAt + Math.ceil(xSize / 16) * 16;
  const dwAt = dyAt + Math.ceil(dySize / 16) * 16;
  const scratchAt = dwAt + Math.ceil(dwSize / 16) * 16;
  const mem = floatsOf(k, 4 * (scratchAt + k.scratch_floats(cin)));
  const xs = hostValues(x);
  const dys = hostValues(dy);
  mem.fill(0, dwAt, dwAt + dwSize);
  for (let s = 0; s < n; s++) {
    mem.set(xs.subarray(s * xSize, (s + 1) * xSize), xAt);
    mem.set(dys.subarray(s * dySize, (s + 1) * dySize), dyAt);
    k.filter_grad_sample(4 * xAt, 4 * dyAt, 4 * dwAt, 4 * scratchAt, h, w, cin, cout);
  }
  return tf.tensor4d(mem.slice(dwAt, dwAt + dwSize), [3, 3, cin, cout]);
}
