// The 3×3 convolution kernels of the host backends (wasm, cpu): a small WebAssembly SIMD module
// built from wasm/conv3x3.c (wasm/build.sh) and embedded base64, so the worker and Node load it
// without a fetch. Two builds of it: relaxed SIMD (fused multiply-add, twice the plain peak
// where the CPU has FMA), chosen by feature detection, and plain SIMD128 as the fallback. It runs
// single-threaded in its own memory: each sample's input is copied in (the copy costs far less
// than the sums), and the result comes back. It computes the forward convolution (also the
// input gradient, through the rotated filter) and the filter gradient; `peak` measures this
// engine's SIMD multiply-add peak on one thread, which `yoco bench` reports beside the step.
import * as tf from '@tensorflow/tfjs-core';
import { errorMessage } from '../errors';
import { CONV3X3_RELAXED_WASM_BASE64, CONV3X3_WASM_BASE64 } from './wasm/conv3x3-wasm';

export interface KernelExports {
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
  pack_weights(w: number, packed: number, taps: number, cout: number): void;
  conv_sample(
    x: number,
    w: number,
    packed: number,
    bias: number,
    y: number,
    scratch: number,
    h: number,
    w_: number,
    cin: number,
    cout: number,
  ): void;
  peak(rounds: number, seed: number): number;
}

export type KernelVariant = 'relaxed' | 'plain';

interface Loaded {
  readonly exports: KernelExports;
  readonly variant: KernelVariant;
}

let loaded: Loaded | null = null;
/** Why the kernel could not be loaded (tfjs's own kernels are used then), or null. */
let failure: string | null = null;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Whether this engine validates the relaxed-SIMD build (Chrome ≥ 114, Node 22, Node 20 with the flag). */
export function relaxedSimdValidates(): boolean {
  return WebAssembly.validate(bytesOf(CONV3X3_RELAXED_WASM_BASE64));
}

/** The build this engine runs: relaxed SIMD where it validates, else plain SIMD128. */
function pick(): { bytes: Uint8Array<ArrayBuffer>; variant: KernelVariant } {
  const variant: KernelVariant = relaxedSimdValidates() ? 'relaxed' : 'plain';
  const base64 = variant === 'relaxed' ? CONV3X3_RELAXED_WASM_BASE64 : CONV3X3_WASM_BASE64;
  return { bytes: bytesOf(base64), variant };
}

const instantiate = (module: WebAssembly.Module, variant: KernelVariant): Loaded => ({
  exports: new WebAssembly.Instance(module, {}).exports as unknown as KernelExports,
  variant,
});

/**
 * Compiles the module asynchronously. Backends call this before training: a browser's main thread
 * refuses to compile a module this size synchronously, and a worker or Node then skips a step.
 */
export async function prepareConvKernel(): Promise<boolean> {
  if (loaded || failure !== null) return loaded !== null;
  try {
    const { bytes, variant } = pick();
    loaded = instantiate(await WebAssembly.compile(bytes), variant);
  } catch (e) {
    failure = errorMessage(e);
  }
  return loaded !== null;
}

/** The loaded kernel, compiling it synchronously on first use; null where this engine cannot. */
export function convKernel(): KernelExports | null {
  if (loaded || failure !== null) return loaded?.exports ?? null;
  try {
    const { bytes, variant } = pick();
    loaded = instantiate(new WebAssembly.Module(bytes), variant);
  } catch (e) {
    failure = errorMessage(e);
  }
  return loaded?.exports ?? null;
}

/** Which build is loaded ('relaxed': fused multiply-add), or null before it is. */
export function convKernelVariant(): KernelVariant | null {
  return loaded?.variant ?? null;
}

/** Null when the kernel is loaded (or not tried yet), else why it could not be. */
export function convKernelFailure(): string | null {
  return failure;
}

/** A build of the module by name, compiled afresh (tests and benchmarks compare the two). */
export function kernelBuild(variant: KernelVariant): KernelExports {
  const bytes = bytesOf(variant === 'relaxed' ? CONV3X3_RELAXED_WASM_BASE64 : CONV3X3_WASM_BASE64);
  return instantiate(new WebAssembly.Module(bytes), variant).exports;
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

/** Float offsets, 64-byte aligned, of consecutive arrays of `sizes` floats after the kernel's stack. */
function layout(k: KernelExports, sizes: readonly number[]): { at: number[]; mem: Float32Array } {
  const at: number[] = [];
  let next = Math.ceil((k.__heap_base.value as number) / 64) * 16;
  for (const n of sizes) {
    at.push(next);
    next += Math.ceil(n / 16) * 16;
  }
  const have = k.memory.buffer.byteLength;
  if (have < 4 * next) k.memory.grow(Math.ceil((4 * next - have) / 65536));
  return { at, mem: new Float32Array(k.memory.buffer) };
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
  const { at, mem } = layout(k, [xSize, dySize, dwSize, k.scratch_floats(cin)]);
  const [xAt, dyAt, dwAt, scratchAt] = at as [number, number, number, number];
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

/**
 * y [N, H, W, Cout] = conv2d(x [N, H, W, Cin], filter [3, 3, Cin, Cout], stride 1, pad 1) + bias,
 * by the kernel `k`, one sample at a time.
 */
export function convByKernel(
  k: KernelExports,
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias?: tf.Tensor1D,
): tf.Tensor4D {
  const [n, h, w, cin] = x.shape;
  const cout = filter.shape[3];
  const taps = 9 * cin;
  const xSize = h * w * cin;
  const ySize = h * w * cout;
  const sizes = [xSize, taps * cout, taps * cout, cout, ySize, k.scratch_floats(cin)];
  const { at, mem } = layout(k, sizes);
  const [xAt, wAt, packedAt, biasAt, yAt, scratchAt] = at as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  mem.set(hostValues(filter), wAt);
  if (bias) mem.set(hostValues(bias), biasAt);
  const xs = hostValues(x); // read last: the views above are copied at once
  k.pack_weights(4 * wAt, 4 * packedAt, taps, cout);
  const out = new Float32Array(n * ySize);
  for (let s = 0; s < n; s++) {
    mem.set(xs.subarray(s * xSize, (s + 1) * xSize), xAt);
    k.conv_sample(
      4 * xAt,
      4 * wAt,
      4 * packedAt,
      bias ? 4 * biasAt : 0,
      4 * yAt,
      4 * scratchAt,
      h,
      w,
      cin,
      cout,
    );
    out.set(mem.subarray(yAt, yAt + ySize), s * ySize);
  }
  return tf.tensor4d(out, [n, h, w, cout]);
}
