// CutMix for a training batch (design.md §5): with probability p (0.5) the batch is mixed; then
// λ ~ Beta(1, 1) = U(0, 1), every image i gets partner perm[i] from one random permutation of the
// batch, and one box (shared by the batch) of side floor(H·√(1−λ)) × floor(W·√(1−λ)) around a
// uniformly drawn integer centre, clipped to the image, is pasted from the partner. λ is then
// recomputed from the clipped box, so the loss weight of the own label is exactly the fraction of
// pixels that still come from the image itself.
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng';
import { TRAINING } from '../config';

export const CUTMIX_PROBABILITY = TRAINING.cutmix;

/** Half-open pixel box: rows y0..y1-1, columns x0..x1-1. */
export interface CutBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface CutMixDraw {
  /** Partner of batch row i. */
  readonly permutation: Int32Array;
  readonly box: CutBox;
  /** Weight of the own label: 1 − box area / image area. */
  readonly weightA: number;
}

export interface CutMixResult {
  /** The mixed batch; the input tensor itself when the batch was not mixed. */
  readonly x: tf.Tensor4D;
  /** Partner labels (the own labels when not mixed). */
  readonly labelsB: Int32Array;
  readonly weightA: number;
  readonly mixed: boolean;
}

/**
 * The box for a draw of `lambda` centred at integer pixel (cx, cy), clipped to `height × width`,
 * and the recomputed own-label weight.
 */
export function cutBox(
  lambda: number,
  height: number,
  width: number,
  cx: number,
  cy: number,
): { box: CutBox; weightA: number } {
  const ratio = Math.sqrt(1 - lambda);
  const cutW = Math.floor(width * ratio);
  const cutH = Math.floor(height * ratio);
  const left = cx - Math.floor(cutW / 2);
  const top = cy - Math.floor(cutH / 2);
  const box: CutBox = {
    x0: clamp(left, 0, width),
    x1: clamp(left + cutW, 0, width),
    y0: clamp(top, 0, height),
    y1: clamp(top + cutH, 0, height),
  };
  const area = (box.x1 - box.x0) * (box.y1 - box.y0);
  return { box, weightA: 1 - area / (height * width) };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Random draw for a batch; null when this batch is not mixed (probability 1 − p). */
export function drawCutMix(
  rng: Rng,
  batch: number,
  height: number,
  width: number,
  p: number = CUTMIX_PROBABILITY,
): CutMixDraw | null {
  if (!(rng.next() < p)) return null;
  const lambda = rng.next();
  const permutation = rng.permutation(batch);
  const cx = rng.int(width);
  const cy = rng.int(height);
  return { permutation, ...cutBox(lambda, height, width, cx, cy) };
}

/** Row-major `H × W` mask: 1 inside the box, 0 outside. */
export function boxMask(box: CutBox, height: number, width: number): Uint8Array {
  const mask = new Uint8Array(height * width);
  for (let y = box.y0; y < box.y1; y++) mask.fill(1, y * width + box.x0, y * width + box.x1);
  return mask;
}

/**
 * Paste each partner's box into each image. Returns a new tensor; caller disposes. The mask is
 * expanded to the full batch shape in JS so the select needs no broadcasting (slow on cpu).
 */
export function applyCutMix(x: tf.Tensor4D, draw: CutMixDraw): tf.Tensor4D {
  const [B, H, W, C] = x.shape;
  const plane = boxMask(draw.box, H, W);
  const full = new Uint8Array(B * H * W * C);
  const image = H * W * C;
  for (let p = 0; p < H * W; p++) if (plane[p] === 1) full.fill(1, p * C, p * C + C);
  for (let b = 1; b < B; b++) full.copyWithin(b * image, 0, image);
  return tf.tidy(() => {
    const partner = tf.gather(x, tf.tensor1d(draw.permutation, 'int32'));
    return tf.where(tf.tensor4d(full, [B, H, W, C], 'bool'), partner, x);
  });
}

/** Draw and apply CutMix to a batch with own labels `labels`. */
export function cutMix(
  x: tf.Tensor4D,
  labels: Int32Array,
  rng: Rng,
  p: number = CUTMIX_PROBABILITY,
): CutMixResult {
  const [B, H, W] = x.shape;
  const draw = drawCutMix(rng, B, H, W, p);
  if (draw === null) return { x, labelsB: labels.slice(), weightA: 1, mixed: false };
  const labelsB = new Int32Array(B);
  for (let i = 0; i < B; i++) labelsB[i] = labels[draw.permutation[i]!]!;
  return { x: applyCutMix(x, draw), labelsB, weightA: draw.weightA, mixed: true };
}
