// 3×3 convolution, stride 1, 'same' padding (pad 1), NHWC, optional bias, with a hand-written
// gradient that uses only kernels the wasm backend runs fast (it has no Conv2DBackpropFilter, and
// its Conv2DBackpropInput and transposed-A matMul are naive loops):
//   dx = conv2d(dy, W rotated 180° with in/out channels swapped, 'same')        (XNNPACK conv)
//   dW = conv2d(xᵀ padded [Cin, H+2, W+2, N], dyᵀ [H, W, N, Cout], 'valid')      (XNNPACK conv;
//        batch and channel roles swapped, so the sum over N·H·W is the conv's reduction), or,
//        for few input channels (the first layer), Σ over chunks of a few samples of
//        im2col(x)ᵀ [9·Cin, K] · dy [K, Cout] with K ≈ 8k rows, built on the host (one GEMM with
//        9·Cin rows reducing over all N·H·W rows at once streams its huge packed operand from
//        memory once per row tile; these cache-sized pieces took about half the time).
//   db = Σ over N, H, W of dy, through a global average pool (no big transposes).
// On the GPU backends the native tf.conv2d gradient is used unless `mode: 'custom'` is asked for.
import * as tf from '@tensorflow/tfjs-core';
import { stage } from './stages';

export type ConvGradMode = 'auto' | 'native' | 'custom';
/** How the custom gradient computes dW: 'auto' picks 'chunked' for few input channels. */
export type FilterGradMethod = 'auto' | 'swapped' | 'chunked';

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

/** Input-channel count up to which the filter gradient uses host-built im2col chunks. */
const SMALL_CIN = 16;
/** Rows (N·H·W) per chunk of the small-Cin filter gradient. */
const CHUNK_ROWS = 8192;

/** im2col(x)ᵀ for samples [n0, n0 + count): [(p, q, c), (sample, i, j)], zero padding 1. */
function im2colT(
  xv: Float32Array,
  h: number,
  w: number,
  cin: number,
  n0: number,
  count: number,
): Float32Array {
  const k = count * h * w;
  const out = new Float32Array(9 * cin * k);
  for (let p = 0; p < 3; p++) {
    for (let q = 0; q < 3; q++) {
      const j0 = Math.max(0, 1 - q);
      const j1 = Math.min(w, w + 1 - q);
      for (let c = 0; c < cin; c++) {
        const row = ((p * 3 + q) * cin + c) * k;
        for (let s = 0; s < count; s++) {
          for (let i = 0; i < h; i++) {
            const ii = i + p - 1;
            if (ii < 0 || ii >= h) continue;
            const dst = row + (s * h + i) * w;
            const src = ((n0 + s) * h + ii) * w * cin + c + (q - 1) * cin;
            for (let j = j0; j < j1; j++) out[dst + j] = xv[src + j * cin]!;
          }
        }
      }
    }
  }
  return out;
}

/**
 * Reads element ranges of a float32 tensor on the host. On the wasm backend with shared memory
 * (the multi-threaded build) this is a view of the heap — a SharedArrayBuffer is never detached
 * when the heap grows, so the view stays valid; with unshared memory its readSync copies just
 * the range. Elsewhere the whole tensor is read once.
 */
function rangeReader(t: tf.Tensor): (start: number, end: number) => Float32Array {
  if (tf.getBackend() === 'wasm') {
    const backend = tf.engine().backend as unknown as {
      readSync(id: object, start?: number, end?: number): unknown;
      typedArrayFromHeap?(info: tf.TensorInfo): Float32Array;
    };
    const heap = backend.typedArrayFromHeap?.(t);
    if (
      heap &&
      typeof SharedArrayBuffer !== 'undefined' &&
      heap.buffer instanceof SharedArrayBuffer
    ) {
      return (start, end) => heap.subarray(start, end);
    }
    return (start, end) => backend.readSync(t.dataId, start, end) as Float32Array;
  }
  const all = t.dataSync() as Float32Array;
  return (start, end) => all.subarray(start, end);
}

/** dW for few input channels: host-built im2col chunks, one cache-sized GEMM each, summed. */
function filterGradChunked(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, cin] = x.shape;
  const cout = dy.shape[3];
  const xv = x.dataSync() as Float32Array;
  const rowsOf = rangeReader(dy);
  const per = Math.max(1, Math.floor(CHUNK_ROWS / (h * w)));
  const parts: tf.Tensor2D[] = [];
  for (let n0 = 0; n0 < n; n0 += per) {
    const count = Math.min(per, n - n0);
    const k = count * h * w;
    const cols = tf.tensor2d(im2colT(xv, h, w, cin, n0, count), [9 * cin, k]);
    const rows = tf.tensor2d(rowsOf(n0 * h * w * cout, (n0 + count) * h * w * cout), [k, cout]);
    parts.push(tf.matMul(cols, rows));
  }
  return tf.reshape(parts.length === 1 ? parts[0]! : tf.addN(parts), [3, 3, cin, cout]);
}

/** Σ over batch and space of dy, shape [C]. */
export function sumOverBatchAndSpace(dy: tf.Tensor4D): tf.Tensor1D {
  const [, h, w, c] = dy.shape;
  const perSample = tf.avgPool(dy, [h, w], [h, w], 'valid'); // [N, 1, 1, C]
  return tf.mul(tf.sum(tf.reshape(perSample, [-1, c]), 0), h * w) as tf.Tensor1D;
}

/** dW for a 3×3 'same' stride-1 convolution of `x` with output gradient `dy`. */
export function conv3x3FilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  method: FilterGradMethod = 'auto',
): tf.Tensor4D {
  const chunked = method === 'chunked' || (method === 'auto' && x.shape[3] <= SMALL_CIN);
  return tf.tidy(() => (chunked ? filterGradChunked(x, dy) : filterGradSwapped(x, dy)));
}

/** dx for a 3×3 'same' stride-1 convolution with `filter` and output gradient `dy`. */
export function conv3x3InputGrad(dy: tf.Tensor4D, filter: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.conv2d(dy, backpropFilter(filter), 1, 'same'));
}

function forward(x: tf.Tensor4D, filter: tf.Tensor4D, bias?: tf.Tensor1D): tf.Tensor4D {
  return bias
    ? tf.fused.conv2d({ x, filter, strides: 1, pad: 'same', bias })
    : tf.conv2d(x, filter, 1, 'same');
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
    const value = forward(x, filter, bias ? (args[2] as tf.Tensor1D) : undefined);
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
