// Decoding of multi-formation images into training samples (design.md §1), and sample-index maths.
//
// A stored image is an f×f grid of patches of size (H/f)×(W/f). Patch p (row-major: grid row
// ⌊p/f⌋, grid column p mod f) of stored image i becomes sample i·f² + p, resized back to H×W.
// With class-major storage (stored image j of class c at c·IPC_F + j) this is exactly
// sample ((c·IPC_F) + j)·f² + p.
//
// Resizing is bilinear with half-pixel centres and edge clamping, the semantics of PyTorch's
// F.interpolate(mode='bilinear', align_corners=False) (no antialiasing): output pixel x reads the
// source coordinate s = (x + 0.5)·(in/out) − 0.5, clamped below at 0; x0 = ⌊s⌋,
// x1 = min(x0 + 1, in − 1), weight λ = s − x0; rows likewise; the value is
// (1−λy)((1−λx)·v00 + λx·v01) + λy((1−λx)·v10 + λx·v11).
// Decoded samples are float32 in 0…255 units, unnormalised, whatever the stored type: uint8 values
// are used as they are, float32 stored pixels (pixel/255 units, see bundle/manifest.ts) are
// multiplied by 255, so the normaliser, trainer and evaluators see one convention. Float32 values
// outside [0, 1] stay outside [0, 255]; nothing is clamped.
import { checkPositiveInteger, ConfigError } from './errors';
import type { ImageShape, StoredImages } from './types';

/** Factor from stored units to decoded 0…255 units. */
function unitScale(images: StoredImages): number {
  return images instanceof Float32Array ? 255 : 1;
}

export interface AxisTable {
  readonly i0: Int32Array;
  readonly i1: Int32Array;
  readonly w1: Float64Array;
}

export function axisTable(inSize: number, outSize: number): AxisTable {
  const i0 = new Int32Array(outSize);
  const i1 = new Int32Array(outSize);
  const w1 = new Float64Array(outSize);
  const scale = inSize / outSize;
  for (let x = 0; x < outSize; x++) {
    const s = Math.max(0, (x + 0.5) * scale - 0.5);
    const lo = Math.min(Math.floor(s), inSize - 1);
    i0[x] = lo;
    i1[x] = Math.min(lo + 1, inSize - 1);
    w1[x] = s - lo;
  }
  return { i0, i1, w1 };
}

/**
 * Bilinear resize (align_corners=False semantics, see header) of one `h×w×c` image stored at
 * `src[srcOffset…]` into `out[outOffset…]` as `outH×outW×c` float32, each value times `scale`
 * (applied after interpolation, which is linear, so only rounding differs from scaling first).
 */
export function resizeBilinearInto(
  src: ArrayLike<number>,
  srcOffset: number,
  h: number,
  w: number,
  c: number,
  outH: number,
  outW: number,
  out: Float32Array,
  outOffset: number,
  tables?: { rows: AxisTable; cols: AxisTable },
  srcRowStride = w * c,
  scale = 1,
): void {
  const rows = tables?.rows ?? axisTable(h, outH);
  const cols = tables?.cols ?? axisTable(w, outW);
  let o = outOffset;
  for (let y = 0; y < outH; y++) {
    const r0 = srcOffset + rows.i0[y]! * srcRowStride;
    const r1 = srcOffset + rows.i1[y]! * srcRowStride;
    const wy = rows.w1[y]!;
    for (let x = 0; x < outW; x++) {
      const c0 = cols.i0[x]! * c;
      const c1 = cols.i1[x]! * c;
      const wx = cols.w1[x]!;
      for (let k = 0; k < c; k++) {
        const top = src[r0 + c0 + k]! * (1 - wx) + src[r0 + c1 + k]! * wx;
        const bottom = src[r1 + c0 + k]! * (1 - wx) + src[r1 + c1 + k]! * wx;
        out[o++] = (top * (1 - wy) + bottom * wy) * scale;
      }
    }
  }
}

/** Bilinear resize of one `h×w×c` image to `outH×outW×c` float32 (align_corners=False). */
export function resizeBilinear(
  src: ArrayLike<number>,
  h: number,
  w: number,
  c: number,
  outH: number,
  outW: number,
): Float32Array {
  for (const [n, v] of [
    ['h', h],
    ['w', w],
    ['c', c],
    ['outH', outH],
    ['outW', outW],
  ] as const) {
    checkPositiveInteger(n, v);
  }
  if (src.length !== h * w * c) {
    throw new ConfigError(
      `resizeBilinear: expected ${h * w * c} values (${h}×${w}×${c}), got ${src.length}`,
    );
  }
  const out = new Float32Array(outH * outW * c);
  resizeBilinearInto(src, 0, h, w, c, outH, outW, out, 0);
  return out;
}

function checkDecodeArgs(
  images: StoredImages,
  shape: ImageShape,
  count: number,
  factor: number,
): void {
  const [H, W, C] = shape;
  checkPositiveInteger('H', H);
  checkPositiveInteger('W', W);
  checkPositiveInteger('C', C);
  checkPositiveInteger('factor', factor);
  if (!Number.isInteger(count) || count < 0)
    throw new ConfigError(`count must be an integer ≥ 0, got ${count}`);
  if (H % factor !== 0 || W % factor !== 0) {
    throw new ConfigError(`image ${H}×${W} is not divisible by factor ${factor}`);
  }
  if (images.length < count * H * W * C) {
    throw new ConfigError(
      `decode: ${count} images of ${H}×${W}×${C} need ${count * H * W * C} values, got ${images.length}`,
    );
  }
}

/**
 * Decode samples of stored images (uint8, or float32 in pixel/255 units) into float32 H×W×C images
 * in 0…255 units, in the order of `sampleIds` (global sample indices: stored image ⌊s/f²⌋, patch
 * s mod f²).
 */
export function decodeSelectedSamples(
  images: StoredImages,
  shape: ImageShape,
  count: number,
  factor: number,
  sampleIds: ArrayLike<number>,
): Float32Array {
  checkDecodeArgs(images, shape, count, factor);
  const [H, W, C] = shape;
  const f2 = factor * factor;
  const ph = H / factor;
  const pw = W / factor;
  const tables = { rows: axisTable(ph, H), cols: axisTable(pw, W) };
  const imageSize = H * W * C;
  const scale = unitScale(images);
  const out = new Float32Array(sampleIds.length * imageSize);
  for (let k = 0; k < sampleIds.length; k++) {
    const s = sampleIds[k]!;
    if (!Number.isInteger(s) || s < 0 || s >= count * f2) {
      throw new ConfigError(`sample index ${s} is out of range 0…${count * f2 - 1}`);
    }
    const i = Math.floor(s / f2);
    const p = s - i * f2;
    const gy = Math.floor(p / factor);
    const gx = p - gy * factor;
    const origin = i * imageSize + (gy * ph * W + gx * pw) * C;
    resizeBilinearInto(images, origin, ph, pw, C, H, W, out, k * imageSize, tables, W * C, scale);
  }
  return out;
}

/**
 * Decode `count` stored images (NHWC, uint8 or float32 pixel/255) into `count·f²` samples of
 * H×W×C float32 in 0…255 units, in sample-index order: stored image i gives samples i·f² … i·f² +
 * f² − 1.
 */
export function decodeSamples(
  images: StoredImages,
  shape: ImageShape,
  count: number,
  factor: number,
): Float32Array {
  const n = count * factor * factor;
  const ids = new Int32Array(n);
  for (let s = 0; s < n; s++) ids[s] = s;
  return decodeSelectedSamples(images, shape, count, factor, ids);
}

/** Per-sample labels: every patch carries its stored image's label. */
export function sampleLabels(labels: ArrayLike<number>, factor: number): Int32Array {
  checkPositiveInteger('factor', factor);
  const f2 = factor * factor;
  const out = new Int32Array(labels.length * f2);
  for (let i = 0; i < labels.length; i++) out.fill(labels[i]!, i * f2, (i + 1) * f2);
  return out;
}

/** Sample index of patch `p` of stored image `j` of class `c`: ((c·ipc) + j)·f² + p. */
export function sampleIndex(c: number, j: number, p: number, ipc: number, factor: number): number {
  const f2 = factor * factor;
  if (j < 0 || j >= ipc) throw new ConfigError(`stored image ${j} is out of range 0…${ipc - 1}`);
  if (p < 0 || p >= f2) throw new ConfigError(`patch ${p} is out of range 0…${f2 - 1}`);
  if (c < 0) throw new ConfigError(`class ${c} must be ≥ 0`);
  return (c * ipc + j) * f2 + p;
}
