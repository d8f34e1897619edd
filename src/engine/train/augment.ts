// Per-sample training augmentation in the style of differentiable siamese augmentation (DSA/IDC,
// design.md §5), applied to normalised NHWC batches. Every random parameter is drawn in JS from the
// seeded Rng; the pixels are then transformed with plain tensor ops, so the same code runs on the
// cpu, wasm, webgl and webgpu backends.
//
// Per sample, in this order:
//   1. horizontal flip with p 0.5 (only when the dataset allows flips);
//   2. colour, always: brightness x + (U − 0.5); saturation (x − m_pixel)·U(0, 2) + m_pixel with
//      m_pixel the mean over channels (skipped for one-channel data); contrast
//      (x − m_image)·U(0.5, 1.5) + m_image with m_image the mean over the whole image;
//   3. one of, chosen uniformly: crop (integer translation by up to round(H/8) rows and
//      round(W/8) columns, independently), scale (×U(1/1.2, 1.2) per axis, about the centre) or
//      rotation (U(−15°, 15°) about the centre).
// Geometry uses bilinear sampling with zero fill outside the image (zero in normalised units, i.e.
// the dataset mean colour), pixel centres at integer coordinates and the image centre at
// ((W−1)/2, (H−1)/2), as DSA's affine_grid(align_corners=True) + grid_sample(padding 'zeros').
//
// Flip and geometry are folded into one projective map per image (flip is a pixel permutation, so
// it commutes with the colour step) and applied with tf.image.transform (bilinear, constant fill
// 0); its Transform kernel exists on every backend. tfjs 4.22's cpu Transform kernel returns after
// the first image of a batch, so on cpu the images are transformed one by one.
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng';
import type { ImageShape } from '../types';

export type Geometry =
  /** Output pixel (x, y) reads input pixel (x + dx, y + dy); dx, dy integers. */
  | { readonly kind: 'crop'; readonly dx: number; readonly dy: number }
  /** Output pixel reads the input at centre + (p − centre)·s, per axis. */
  | { readonly kind: 'scale'; readonly sx: number; readonly sy: number }
  /** Rotation by `angle` radians about the centre. */
  | { readonly kind: 'rotate'; readonly angle: number };

/** All random choices for one batch, one entry per sample. */
export interface AugmentParams {
  /** 1: mirror horizontally. */
  readonly flip: Uint8Array;
  /** Added to every value (normalised units). */
  readonly brightness: Float32Array;
  /** Saturation factor (1 for one-channel data). */
  readonly saturation: Float32Array;
  readonly contrast: Float32Array;
  readonly geometry: readonly Geometry[];
}

export interface AugmentOptions {
  /** Horizontal flips are allowed for this dataset. */
  readonly flip: boolean;
}

export const SCALE_RATIO = 1.2;
export const ROTATE_DEGREES = 15;
export const CROP_FRACTION = 1 / 8;

/** Largest crop translation, in pixels, along an axis of `size` pixels. */
export function cropRange(size: number): number {
  return Math.round(size * CROP_FRACTION);
}

/** Draw every random parameter for a batch of `batch` images of `shape`. */
export function drawAugmentParams(
  rng: Rng,
  batch: number,
  shape: ImageShape,
  options: AugmentOptions,
): AugmentParams {
  const [H, W, C] = shape;
  const flip = new Uint8Array(batch);
  const brightness = new Float32Array(batch);
  const saturation = new Float32Array(batch);
  const contrast = new Float32Array(batch);
  const geometry: Geometry[] = [];
  const ry = cropRange(H);
  const rx = cropRange(W);
  const maxAngle = (ROTATE_DEGREES * Math.PI) / 180;
  for (let i = 0; i < batch; i++) {
    flip[i] = options.flip && rng.next() < 0.5 ? 1 : 0;
    brightness[i] = rng.next() - 0.5;
    saturation[i] = C > 1 ? rng.uniform(0, 2) : 1;
    contrast[i] = rng.uniform(0.5, 1.5);
    const kind = rng.int(3);
    if (kind === 0) {
      geometry.push({ kind: 'crop', dx: rng.int(2 * rx + 1) - rx, dy: rng.int(2 * ry + 1) - ry });
    } else if (kind === 1) {
      const sx = rng.uniform(1 / SCALE_RATIO, SCALE_RATIO);
      const sy = rng.uniform(1 / SCALE_RATIO, SCALE_RATIO);
      geometry.push({ kind: 'scale', sx, sy });
    } else {
      geometry.push({ kind: 'rotate', angle: rng.uniform(-maxAngle, maxAngle) });
    }
  }
  return { flip, brightness, saturation, contrast, geometry };
}

/**
 * Per-image projective rows `[a0, a1, a2, b0, b1, b2, 0, 0]` for tf.image.transform: output pixel
 * (x, y) reads the input at (a0·x + a1·y + a2, b0·x + b1·y + b2). Each row is the geometry map
 * source = A·(p − c) + c + t, followed by the flip x ↦ W − 1 − x when the image is mirrored.
 */
export function transformRows(
  flip: Uint8Array,
  geometry: readonly Geometry[],
  height: number,
  width: number,
): Float32Array {
  const rows = new Float32Array(8 * geometry.length);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  geometry.forEach((g, b) => {
    let a00 = 1;
    let a01 = 0;
    let a10 = 0;
    let a11 = 1;
    let tx = 0;
    let ty = 0;
    if (g.kind === 'crop') {
      tx = g.dx;
      ty = g.dy;
    } else if (g.kind === 'scale') {
      a00 = g.sx;
      a11 = g.sy;
    } else {
      const cos = Math.cos(g.angle);
      const sin = Math.sin(g.angle);
      a00 = cos;
      a01 = sin;
      a10 = -sin;
      a11 = cos;
    }
    let row = [a00, a01, cx + tx - a00 * cx - a01 * cy, a10, a11, cy + ty - a10 * cx - a11 * cy];
    if (flip[b] === 1) row = [-row[0]!, -row[1]!, width - 1 - row[2]!, row[3]!, row[4]!, row[5]!];
    rows.set(row, 8 * b);
  });
  return rows;
}

/**
 * Flip and geometry: resample every image of `x` through its own map with bilinear sampling and
 * zero fill. Returns a new tensor; caller disposes. On the cpu backend images go through the
 * Transform kernel one at a time (its batched form only handles the first image).
 */
export function warp(x: tf.Tensor4D, flip: Uint8Array, geometry: readonly Geometry[]): tf.Tensor4D {
  const [B, H, W] = x.shape;
  if (geometry.length !== B || flip.length !== B) {
    throw new Error(`warp: ${geometry.length} maps and ${flip.length} flips for a batch of ${B}`);
  }
  const rows = transformRows(flip, geometry, H, W);
  return tf.tidy(() => {
    if (tf.getBackend() !== 'cpu' || B === 1) {
      return tf.image.transform(x, tf.tensor2d(rows, [B, 8]), 'bilinear', 'constant', 0);
    }
    const parts: tf.Tensor4D[] = [];
    for (let b = 0; b < B; b++) {
      const xi = tf.slice(x, [b, 0, 0, 0], [1, -1, -1, -1]);
      parts.push(
        tf.image.transform(
          xi,
          tf.tensor2d(rows.subarray(8 * b, 8 * b + 8), [1, 8]),
          'bilinear',
          'constant',
          0,
        ),
      );
    }
    return tf.concat(parts, 0);
  });
}

/**
 * Brightness, saturation (skipped for C = 1) and contrast, per image. All three are affine, so
 * they run as one batched matrix product: with μ the image mean of x,
 * out = c·(s·x + (1 − s)·mean_channels(x)) + b + (1 − c)·μ per pixel.
 * Returns a new tensor; caller disposes.
 */
export function colorJitter(
  x: tf.Tensor4D,
  brightness: Float32Array,
  saturation: Float32Array,
  contrast: Float32Array,
): tf.Tensor4D {
  const [B, H, W, C] = x.shape;
  // Per image, the [C, C] matrix c·(s·I + (1 − s)/C · 11ᵀ) (row = input channel).
  const mix = new Float32Array(B * C * C);
  for (let b = 0; b < B; b++) {
    const s = C > 1 ? saturation[b]! : 1;
    const c = contrast[b]!;
    for (let i = 0; i < C; i++) {
      for (let j = 0; j < C; j++) mix[(b * C + i) * C + j] = c * ((i === j ? s : 0) + (1 - s) / C);
    }
  }
  const keep = new Float32Array(B);
  for (let b = 0; b < B; b++) keep[b] = 1 - contrast[b]!;
  return tf.tidy(() => {
    const mu = tf.mean(x, [1, 2, 3]);
    const offset = tf.add(tf.tensor1d(brightness), tf.mul(tf.tensor1d(keep), mu));
    const offsetRow = tf.reshape(tf.tile(tf.reshape(offset, [B, 1]), [1, C]), [B, 1, C]);
    const matrix = tf.concat([tf.tensor3d(mix, [B, C, C]), offsetRow], 1);
    const pixels = tf.concat([tf.reshape(x, [B, H * W, C]), tf.ones([B, H * W, 1])], 2);
    return tf.reshape(tf.matMul(pixels, matrix), [B, H, W, C]);
  });
}

/** Apply drawn parameters to a normalised batch. Returns a new tensor; caller disposes both. */
export function applyAugment(x: tf.Tensor4D, params: AugmentParams): tf.Tensor4D {
  return tf.tidy(() => {
    const colored = colorJitter(x, params.brightness, params.saturation, params.contrast);
    return warp(colored, params.flip, params.geometry);
  });
}

/** Draw parameters from `rng` and augment `x` (normalised NHWC). Caller disposes the result. */
export function augmentBatch(x: tf.Tensor4D, rng: Rng, options: AugmentOptions): tf.Tensor4D {
  const [B, H, W, C] = x.shape;
  return applyAugment(x, drawAugmentParams(rng, B, [H, W, C], options));
}
