// The linear pixel maps on distribution matching's input path, computed on the host with their
// exact adjoints: multi-formation decoding (one patch of a stored image → a full-size sample,
// bilinear as in decode.ts) and the training augmentation's colour step and warp (train/augment.ts:
// flip and geometry resampled bilinearly with zero fill, as tf.image.transform does). Synthetic
// images get their gradient through these adjoints, so the path needs nothing from tfjs's gradient
// registry (which Node lacks); the images are small, so the host is fast enough.
import { axisTable } from '../decode';
import { transformRows, type AugmentParams } from '../train/augment';
import type { ImageShape } from '../types';

/**
 * Bilinear taps of a spatial map: output pixel o reads source pixels `idx[4o + k]` (−1: outside,
 * reads 0) with weights `w[4o + k]`, the same for every channel.
 */
export interface Taps {
  readonly pixels: number;
  readonly idx: Int32Array;
  readonly w: Float32Array;
}

/** out[o] = Σ_k w·src[idx]: `pixels` output pixels of `channels` each, from `src` at `srcOffset`. */
export function applyTaps(
  taps: Taps,
  channels: number,
  src: Float32Array,
  srcOffset: number,
  out: Float32Array,
  outOffset: number,
): void {
  const { idx, w, pixels } = taps;
  for (let o = 0; o < pixels; o++) {
    for (let ch = 0; ch < channels; ch++) {
      let v = 0;
      for (let k = 4 * o; k < 4 * o + 4; k++) {
        const i = idx[k]!;
        if (i >= 0) v += w[k]! * src[srcOffset + i * channels + ch]!;
      }
      out[outOffset + o * channels + ch] = v;
    }
  }
}

/** The adjoint of applyTaps: grad[idx] += w·dOut[o] (accumulates into `grad`). */
export function adjointTaps(
  taps: Taps,
  channels: number,
  dOut: Float32Array,
  dOutOffset: number,
  grad: Float32Array,
  gradOffset: number,
): void {
  const { idx, w, pixels } = taps;
  for (let o = 0; o < pixels; o++) {
    for (let ch = 0; ch < channels; ch++) {
      const g = dOut[dOutOffset + o * channels + ch]!;
      if (g === 0) continue;
      for (let k = 4 * o; k < 4 * o + 4; k++) {
        const i = idx[k]!;
        if (i >= 0) grad[gradOffset + i * channels + ch]! += w[k]! * g;
      }
    }
  }
}

/**
 * Decoding taps of every patch position of an H×W image stored at factor f: entry p maps the
 * stored image to sample p (row-major patch p, resized to H×W; decode.ts's resampling).
 */
export function decodeTaps(height: number, width: number, factor: number): Taps[] {
  const ph = height / factor;
  const pw = width / factor;
  const rows = axisTable(ph, height);
  const cols = axisTable(pw, width);
  const out: Taps[] = [];
  for (let p = 0; p < factor * factor; p++) {
    const gy = Math.floor(p / factor);
    const gx = p % factor;
    const idx = new Int32Array(4 * height * width);
    const w = new Float32Array(4 * height * width);
    for (let y = 0; y < height; y++) {
      const r0 = gy * ph + rows.i0[y]!;
      const r1 = gy * ph + rows.i1[y]!;
      const wy = rows.w1[y]!;
      for (let x = 0; x < width; x++) {
        const c0 = gx * pw + cols.i0[x]!;
        const c1 = gx * pw + cols.i1[x]!;
        const wx = cols.w1[x]!;
        const k = 4 * (y * width + x);
        idx.set([r0 * width + c0, r0 * width + c1, r1 * width + c0, r1 * width + c1], k);
        w.set([(1 - wy) * (1 - wx), (1 - wy) * wx, wy * (1 - wx), wy * wx], k);
      }
    }
    out.push({ pixels: height * width, idx, w });
  }
  return out;
}

/**
 * Warp taps of one projective row `[a0, a1, a2, b0, b1, b2, …]`: output (x, y) reads the input
 * bilinearly at (a0·x + a1·y + a2, b0·x + b1·y + b2); neighbours outside the image read 0.
 */
export function warpTaps(height: number, width: number, row: ArrayLike<number>): Taps {
  const idx = new Int32Array(4 * height * width).fill(-1);
  const w = new Float32Array(4 * height * width);
  const [a0, a1, a2, b0, b1, b2] = [row[0]!, row[1]!, row[2]!, row[3]!, row[4]!, row[5]!];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = a0 * x + a1 * y + a2;
      const sy = b0 * x + b1 * y + b2;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const k = 4 * (y * width + x);
      const inY0 = y0 >= 0 && y0 < height;
      const inY1 = y0 + 1 >= 0 && y0 + 1 < height;
      const inX0 = x0 >= 0 && x0 < width;
      const inX1 = x0 + 1 >= 0 && x0 + 1 < width;
      const set = (j: number, ok: boolean, source: number, weight: number): void => {
        if (!ok) return;
        idx[k + j] = source;
        w[k + j] = weight;
      };
      set(0, inY0 && inX0, y0 * width + x0, (1 - fy) * (1 - fx));
      set(1, inY0 && inX1, y0 * width + x0 + 1, (1 - fy) * fx);
      set(2, inY1 && inX0, (y0 + 1) * width + x0, fy * (1 - fx));
      set(3, inY1 && inX1, (y0 + 1) * width + x0 + 1, fy * fx);
    }
  }
  return { pixels: height * width, idx, w };
}

/**
 * The augmentation of train/augment.ts for the first `count` entries of `params`, as host maps
 * with adjoints: colour (brightness, saturation, contrast) then flip and geometry.
 */
export class AugmentMaps {
  private readonly warps: Taps[];

  constructor(
    private readonly params: AugmentParams,
    private readonly shape: readonly [number, number, number],
    readonly count: number,
  ) {
    if (count > params.geometry.length) {
      throw new Error(`AugmentMaps: ${count} samples but ${params.geometry.length} draws`);
    }
    const [H, W] = shape;
    const rows = transformRows(
      params.flip.subarray(0, count),
      params.geometry.slice(0, count),
      H,
      W,
    );
    this.warps = Array.from({ length: count }, (_, b) => warpTaps(H, W, rows.subarray(8 * b)));
  }

  /** Augmented copies of `count` normalised images (NHWC). */
  forward(x: Float32Array): Float32Array {
    const [H, W, C] = this.shape;
    const size = H * W * C;
    const colored = new Float32Array(size);
    const out = new Float32Array(this.count * size);
    for (let b = 0; b < this.count; b++) {
      this.colour(x, b * size, colored);
      applyTaps(this.warps[b]!, C, colored, 0, out, b * size);
    }
    return out;
  }

  /** Gradient with respect to forward's input, from the gradient `g` of its output. */
  backward(g: Float32Array): Float32Array {
    const [H, W, C] = this.shape;
    const size = H * W * C;
    const dColored = new Float32Array(size);
    const dx = new Float32Array(this.count * size);
    for (let b = 0; b < this.count; b++) {
      dColored.fill(0);
      adjointTaps(this.warps[b]!, C, g, b * size, dColored, 0);
      this.colourAdjoint(dColored, b, dx, b * size);
    }
    return dx;
  }

  /** out = c·(s·x + (1 − s)·mean_channels(x)) + brightness + (1 − c)·mean(x) (colorJitter). */
  private colour(x: Float32Array, offset: number, out: Float32Array): void {
    const [H, W, C] = this.shape;
    const b = offset / (H * W * C);
    const s = C > 1 ? this.params.saturation[b]! : 1;
    const c = this.params.contrast[b]!;
    const size = H * W * C;
    let mu = 0;
    for (let i = 0; i < size; i++) mu += x[offset + i]!;
    mu /= size;
    const add = this.params.brightness[b]! + (1 - c) * mu;
    for (let p = 0; p < H * W; p++) {
      let mc = 0;
      for (let ch = 0; ch < C; ch++) mc += x[offset + p * C + ch]!;
      mc /= C;
      for (let ch = 0; ch < C; ch++) {
        out[p * C + ch] = c * (s * x[offset + p * C + ch]! + (1 - s) * mc) + add;
      }
    }
  }

  /** Adjoint of colour for sample `b`: writes dx at `offset`. */
  private colourAdjoint(g: Float32Array, b: number, dx: Float32Array, offset: number): void {
    const [H, W, C] = this.shape;
    const s = C > 1 ? this.params.saturation[b]! : 1;
    const c = this.params.contrast[b]!;
    const size = H * W * C;
    let total = 0;
    for (let i = 0; i < size; i++) total += g[i]!;
    const fromMean = ((1 - c) * total) / size;
    for (let p = 0; p < H * W; p++) {
      let gc = 0;
      for (let ch = 0; ch < C; ch++) gc += g[p * C + ch]!;
      const fromChannels = (c * (1 - s) * gc) / C;
      for (let ch = 0; ch < C; ch++) {
        dx[offset + p * C + ch] = c * s * g[p * C + ch]! + fromChannels + fromMean;
      }
    }
  }
}

/** Decodes stored images into their f² samples each, and back (the adjoint), on the host. */
export class StoredDecoder {
  private readonly taps: Taps[];
  constructor(
    private readonly shape: ImageShape,
    private readonly factor: number,
  ) {
    this.taps = decodeTaps(shape[0], shape[1], factor);
  }
  forward(stored: Float32Array, count: number): Float32Array {
    const size = this.shape[0] * this.shape[1] * this.shape[2];
    const f2 = this.factor * this.factor;
    const out = new Float32Array(count * f2 * size);
    for (let i = 0; i < count; i++) {
      for (let p = 0; p < f2; p++)
        applyTaps(this.taps[p]!, this.shape[2], stored, i * size, out, (i * f2 + p) * size);
    }
    return out;
  }
  backward(g: Float32Array, count: number): Float32Array {
    const size = this.shape[0] * this.shape[1] * this.shape[2];
    const f2 = this.factor * this.factor;
    const dx = new Float32Array(count * size);
    for (let i = 0; i < count; i++) {
      for (let p = 0; p < f2; p++)
        adjointTaps(this.taps[p]!, this.shape[2], g, (i * f2 + p) * size, dx, i * size);
    }
    return dx;
  }
}
