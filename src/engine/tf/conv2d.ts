// 3×3 convolution, stride 1, 'same' padding (pad 1), NHWC, optional bias, with a hand-written
// gradient that uses only kernels the wasm backend runs fast (it has no Conv2DBackpropFilter, and
// its Conv2DBackpropInput and transposed-A matMul are naive loops). On the host backends the
// forward convolution and dx run on our SIMD kernel (conv-kernel.ts: im2col bands, 4×8 register
// tiles, fused multiply-add where the engine has relaxed SIMD) up to FORWARD_KERNEL_MAX_THREADS
// wasm threads, beyond that on XNNPACK (tf.conv2d), which uses every thread:
//   y  = conv(x, W) + b
//   dx = conv(dy, W rotated 180° with in/out channels swapped)
//   dW = the SIMD filter-gradient kernel (conv-kernel.ts), or where it cannot load, conv2d(xᵀ padded [Cin, H+2, W+2, N],
//        dyᵀ [H, W, N, Cout], 'valid') (XNNPACK; batch and channel roles swapped, so the sum over
//        N·H·W is the conv's reduction). Single-threaded, the kernel takes ConvNet-D3's dW
//        (batch 64, 32×32×3) in 157 ms, where the XNNPACK paths took 390 on one thread and 222
//        on two; beyond KERNEL_MAX_THREADS wasm threads the 128-channel layers use the swapped
//        conv (autoFilterGrad).
//   db = Σ over N, H, W of dy, through a global average pool (no big transposes).
// On the GPU backends the native tf.conv2d gradient is used unless `mode: 'custom'` is asked for.
import * as tf from '@tensorflow/tfjs-core';
import { convByKernel, convKernel, filterGradByKernel } from './conv-kernel';
import { stage } from './stages';
import { wasmThreadCount } from './wasm-threads';

export type ConvGradMode = 'auto' | 'native' | 'custom';
/** How the custom gradient computes dW: 'auto' is autoFilterGrad's choice. */
export type FilterGradMethod = 'auto' | 'kernel' | 'swapped';

export interface Conv3x3Options {
  /** 'auto' (default): the custom gradient on wasm and cpu, tfjs's own on the GPU backends. */
  readonly mode?: ConvGradMode;
  /**
   * Set false when nothing needs the gradient with respect to `x` (the first layer): it is then
   * returned as zeros instead of being computed.
   */
  readonly inputGrad?: boolean;
  /**
   * Set true when the output feeds a per-sample, per-channel normalisation (instance norm): the
   * norm removes any per-channel shift, so the bias gradient is exactly zero and is returned as
   * zeros instead of being summed.
   */
  readonly zeroBiasGrad?: boolean;
  /** Filter-gradient method of the custom gradient (default 'auto'). */
  readonly filterGrad?: FilterGradMethod;
  /**
   * Set false when nothing needs the filter and bias gradients (a fixed embedder whose input is
   * optimised, as in distribution matching): they are returned as zeros instead of being computed.
   */
  readonly weightGrad?: boolean;
}

function checkShapes(x: tf.Tensor4D, filter: tf.Tensor4D, bias?: tf.Tensor1D): void {
  const [kh, kw, cin, cout] = filter.shape;
  if (kh !== 3 || kw !== 3) throw new Error(`conv3x3: filter must be 3×3, got ${kh}×${kw}`);
  if (x.shape[3] !== cin)
    throw new Error(`conv3x3: input has ${x.shape[3]} channels, filter expects ${cin}`);
  if (bias && (bias.rank !== 1 || bias.shape[0] !== cout)) {
    throw new Error(`conv3x3: bias must have shape [${cout}], got [${bias.shape.join(', ')}]`);
  }
}

/**
 * The filter for dx: rotated 180° spatially, in/out channels swapped. Built on the host (it is
 * small, and this path only runs on backends whose data the host reads synchronously), which is
 * several times faster on wasm than tf.reverse + tf.transpose.
 */
export function backpropFilter(filter: tf.Tensor4D): tf.Tensor4D {
  const [kh, kw, cin, cout] = filter.shape;
  const w = filter.dataSync() as Float32Array;
  const out = new Float32Array(w.length);
  for (let p = 0; p < kh; p++) {
    for (let q = 0; q < kw; q++) {
      const src = ((kh - 1 - p) * kw + (kw - 1 - q)) * cin * cout;
      const dst = (p * kw + q) * cout * cin;
      for (let i = 0; i < cin; i++) {
        for (let o = 0; o < cout; o++) out[dst + o * cin + i] = w[src + i * cout + o]!;
      }
    }
  }
  return tf.tensor4d(out, [kh, kw, cout, cin]);
}

/** dW via a convolution whose batch is the input channel and whose kernel is dy. */
function filterGradSwapped(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  const xt = tf.pad(tf.transpose(x, [3, 1, 2, 0]), [
    [0, 0],
    [1, 1],
    [1, 1],
    [0, 0],
  ]) as tf.Tensor4D; // [Cin, H+2, W+2, N]
  const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [H, W, N, Cout]
  const out = tf.conv2d(xt, dyt, 1, 'valid'); // [Cin, 3, 3, Cout]
  return tf.transpose(out, [1, 2, 0, 3]);
}

/** Σ over batch and space of dy, shape [C]. */
export function sumOverBatchAndSpace(dy: tf.Tensor4D): tf.Tensor1D {
  const [, h, w, c] = dy.shape;
  const perSample = tf.avgPool(dy, [h, w], [h, w], 'valid'); // [N, 1, 1, C]
  return tf.mul(tf.sum(tf.reshape(perSample, [-1, c]), 0), h * w) as tf.Tensor1D;
}

/**
 * Most wasm threads at which 'auto' uses the kernel for many input channels. It runs on one
 * thread while XNNPACK uses them all: on 2 threads the kernel still took about three quarters of
 * the swapped convolution's time on ConvNet-D3's 128-channel layers (batch 64), and from 3
 * threads on XNNPACK's scaling would overtake it. For few input channels (the first layer) the
 * swapped convolution was 12× slower than the kernel on 2 threads (32×32×3), so the kernel is
 * used at any count.
 */
export const KERNEL_MAX_THREADS = 2;
/** Input channels up to which 'auto' always uses the kernel. */
const FEW_CHANNELS = 16;

/** The method 'auto' resolves to for `cin` input channels on a backend computing with `threads`. */
export function autoFilterGrad(threads: number, cin: number): 'kernel' | 'swapped' {
  return cin <= FEW_CHANNELS || threads <= KERNEL_MAX_THREADS ? 'kernel' : 'swapped';
}

/**
 * dW for a 3×3 'same' stride-1 convolution of `x` with output gradient `dy`. 'kernel' throws
 * where the kernel cannot load; 'auto' then falls back to the swapped convolution. The two differ
 * in float rounding only (summation order), so a run's numbers depend on which one 'auto' picks.
 */
export function conv3x3FilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  method: FilterGradMethod = 'auto',
): tf.Tensor4D {
  const chosen = method === 'auto' ? autoFilterGrad(wasmThreadCount() ?? 1, x.shape[3]) : method;
  const k = chosen === 'kernel' ? convKernel() : null;
  if (k) return filterGradByKernel(k, x, dy);
  if (method === 'kernel') throw new Error('conv3x3: the filter-gradient kernel did not load');
  return tf.tidy(() => filterGradSwapped(x, dy));
}

/** tfjs's own convolution (XNNPACK on wasm; the native kernels on the GPU backends). */
function forward(x: tf.Tensor4D, filter: tf.Tensor4D, bias?: tf.Tensor1D): tf.Tensor4D {
  return bias
    ? tf.fused.conv2d({ x, filter, strides: 1, pad: 'same', bias })
    : tf.conv2d(x, filter, 1, 'same');
}

/** How forward convolutions (and dx) run on the host backends: 'auto' is autoForward's choice. */
export type ForwardMethod = 'auto' | 'kernel' | 'tfjs';

/**
 * Most wasm threads at which 'auto' runs forward convolutions and dx on the kernel, which is
 * single-threaded; XNNPACK's tf.conv2d uses every thread. Measured with `yoco bench` (figures in
 * docs/performance.md): see autoForward.
 */
export const FORWARD_KERNEL_MAX_THREADS = 2;
/** Output channels below which the kernel's 8-wide tiles do not pay (a 1-channel dx). */
const FEW_OUTPUTS = 8;

let forwardMethod: ForwardMethod = 'auto';
/** Force the forward method of every later convolution ('auto' restores the default); benchmarks compare them. */
export function setForwardMethod(method: ForwardMethod): void {
  forwardMethod = method;
}

/** The method 'auto' resolves to for `cout` output channels on a backend computing with `threads`. */
export function autoForward(threads: number, cout: number): 'kernel' | 'tfjs' {
  return cout >= FEW_OUTPUTS && threads <= FORWARD_KERNEL_MAX_THREADS ? 'kernel' : 'tfjs';
}

/** conv(x, filter) + bias on the host backend: the kernel or tf.conv2d, by forwardMethod. */
function hostConv(x: tf.Tensor4D, filter: tf.Tensor4D, bias?: tf.Tensor1D): tf.Tensor4D {
  const chosen =
    forwardMethod === 'auto' ? autoForward(wasmThreadCount() ?? 1, filter.shape[3]) : forwardMethod;
  const k = chosen === 'kernel' ? convKernel() : null;
  if (k) return convByKernel(k, x, filter, bias);
  return forward(x, filter, bias);
}

/** dx for a 3×3 'same' stride-1 convolution with `filter` and output gradient `dy`. */
export function conv3x3InputGrad(dy: tf.Tensor4D, filter: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => hostConv(dy, backpropFilter(filter)));
}

/** The custom-gradient convolution for fixed options; with `bias`, its third input is the bias. */
const customConv = (
  bias: boolean,
  inputGrad: boolean,
  zeroBiasGrad: boolean,
  method: FilterGradMethod,
  weightGrad: boolean,
) =>
  tf.customGrad((...args) => {
    const [x, filter] = args as [tf.Tensor4D, tf.Tensor4D];
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const value = hostConv(x, filter, bias ? (args[2] as tf.Tensor1D) : undefined);
    save([x, filter]); // after the value: a forward that throws strands no kept copies (tape.ts)
    return {
      value,
      gradFunc: (dy, saved) => {
        const [sx, sf] = saved as [tf.Tensor4D, tf.Tensor4D];
        const d = dy as tf.Tensor4D;
        const grads: tf.Tensor[] = [
          stage('conv dx', () => (inputGrad ? conv3x3InputGrad(d, sf) : tf.zerosLike(sx))),
          stage('conv dW', () =>
            weightGrad ? conv3x3FilterGrad(sx, d, method) : tf.zerosLike(sf),
          ),
        ];
        if (bias) {
          grads.push(
            zeroBiasGrad || !weightGrad ? tf.zeros([d.shape[3]]) : sumOverBatchAndSpace(d),
          );
        }
        return grads;
      },
    };
  });

type CustomOp = (...args: tf.Tensor[]) => tf.Tensor;
const opCache = new Map<string, CustomOp>();

/** One customGrad op per combination of options (they are fixed at creation). */
function customOp(
  bias: boolean,
  inputGrad: boolean,
  zeroBiasGrad: boolean,
  method: FilterGradMethod,
  weightGrad: boolean,
): CustomOp {
  const key = `${bias}/${inputGrad}/${zeroBiasGrad}/${method}/${weightGrad}`;
  let op = opCache.get(key);
  if (!op) {
    op = customConv(bias, inputGrad, zeroBiasGrad, method, weightGrad);
    opCache.set(key, op);
  }
  return op;
}

/**
 * Whether `mode` resolves to the custom gradient on the active backend. 'auto' uses it on wasm
 * (no Conv2DBackpropFilter kernel) and cpu (whose Conv2DBackpropFilter runs some 50× slower than
 * its forward convolution); the GPU backends keep their native gradient kernels.
 */
export function usesCustomGrad(mode: ConvGradMode = 'auto'): boolean {
  const backend = tf.getBackend();
  return mode === 'custom' || (mode === 'auto' && (backend === 'wasm' || backend === 'cpu'));
}

/**
 * y = conv2d(x, filter, stride 1, pad 1) + bias, NHWC. `filter` is [3, 3, Cin, Cout], `bias` [Cout].
 * Differentiable with respect to all inputs on every backend.
 */
export function conv3x3(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias?: tf.Tensor1D,
  opts: Conv3x3Options = {},
): tf.Tensor4D {
  checkShapes(x, filter, bias);
  if (!usesCustomGrad(opts.mode)) {
    return forward(x, filter, bias);
  }
  const op = customOp(
    !!bias,
    opts.inputGrad !== false,
    opts.zeroBiasGrad === true,
    opts.filterGrad ?? 'auto',
    opts.weightGrad !== false,
  );
  return (bias ? op(x, filter, bias) : op(x, filter)) as tf.Tensor4D;
}
