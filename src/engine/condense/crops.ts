// Seeded random-resized crops for RDED patch selection (design.md §6a step 3).
//
// Box sampling follows torchvision's RandomResizedCrop.get_params: up to 10 tries of an area
// fraction s ~ U(scale) and an aspect ratio r = exp(U(log ratio)), w = round(√(A·s·r)),
// h = round(√(A·s/r)), accepted when it fits, at a uniform position; otherwise a central crop
// clamped to the ratio range. Defaults are those of RDED's official MultiRandomCrop: scale
// (0.08, 1) (torchvision's default) and ratio (1, 1), i.e. square crops; the paper text gives none.
//
// The box is resized to the patch size (H/f)×(W/f) with antialiased bilinear filtering
// (resize-region.ts), rounded to uint8 because that is what a stored image holds, and for scoring
// resized back to H×W with the decoder's own bilinear resize (src/engine/decode.ts), so the
// observer scores exactly the sample training will see.
import { resizeBilinearInto } from '../decode';
import { checkPositiveInteger, ConfigError } from '../errors';
import type { Rng } from '../rng';
import type { ImageShape } from '../types';
import { resizeRegion, type CropBox } from './resize-region';

export type { CropBox } from './resize-region';

export interface CropOptions {
  /** Range of the crop's area as a fraction of the image area. */
  readonly scale?: readonly [number, number];
  /** Range of the crop's width/height ratio. */
  readonly ratio?: readonly [number, number];
}

/** RDED's crop parameters (official implementation): torchvision's default scale, square crops. */
export const RDED_CROP = { scale: [0.08, 1] as const, ratio: [1, 1] as const };

function checkRange(name: string, r: readonly [number, number], lo: number, hi: number): void {
  if (!(r[0] > lo && r[0] <= r[1] && r[1] <= hi)) {
    throw new ConfigError(
      `crop ${name} must satisfy ${lo} < min ≤ max ≤ ${hi}, got [${r[0]}, ${r[1]}]`,
    );
  }
}

/** One random-resized-crop box inside an `height×width` image (torchvision semantics). */
export function sampleCropBox(
  rng: Rng,
  height: number,
  width: number,
  options: CropOptions = {},
): CropBox {
  const scale = options.scale ?? RDED_CROP.scale;
  const ratio = options.ratio ?? RDED_CROP.ratio;
  checkRange('scale', scale, 0, 1);
  checkRange('ratio', ratio, 0, Infinity);
  const area = height * width;
  const logLo = Math.log(ratio[0]);
  const logHi = Math.log(ratio[1]);
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * rng.uniform(scale[0], scale[1]);
    const aspect = Math.exp(rng.uniform(logLo, logHi));
    const w = Math.round(Math.sqrt(target * aspect));
    const h = Math.round(Math.sqrt(target / aspect));
    if (w > 0 && w <= width && h > 0 && h <= height) {
      const top = rng.int(height - h + 1);
      const left = rng.int(width - w + 1);
      return { top, left, height: h, width: w };
    }
  }
  const inRatio = width / height;
  let w: number;
  let h: number;
  if (inRatio < ratio[0]) {
    w = width;
    h = Math.round(w / ratio[0]);
  } else if (inRatio > ratio[1]) {
    h = height;
    w = Math.round(h * ratio[1]);
  } else {
    w = width;
    h = height;
  }
  return {
    top: Math.floor((height - h) / 2),
    left: Math.floor((width - w) / 2),
    height: h,
    width: w,
  };
}

/** `[H/f, W/f, C]`, or a ConfigError when the image does not divide into an f×f grid. */
export function patchShapeFor(shape: ImageShape, factor: number): [number, number, number] {
  const [H, W, C] = shape;
  checkPositiveInteger('factor', factor);
  if (H % factor !== 0 || W % factor !== 0) {
    throw new ConfigError(
      `image ${H}×${W} is not divisible by factor ${factor} (patches are H/f × W/f)`,
    );
  }
  return [H / factor, W / factor, C];
}

/** Round and clamp float pixel values to uint8 (round half up). */
export function toUint8(
  values: Float32Array,
  out: Uint8Array = new Uint8Array(values.length),
  offset = 0,
): Uint8Array {
  for (let i = 0; i < values.length; i++) {
    const v = Math.floor(values[i]! + 0.5);
    out[offset + i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}

/** Cut `box` from image `index` of a uint8 NHWC set and resize it to a uint8 patch. */
export function cropPatch(
  images: Uint8Array,
  shape: ImageShape,
  index: number,
  box: CropBox,
  patchShape: readonly [number, number, number],
): Uint8Array {
  const size = shape[0] * shape[1] * shape[2];
  if (!Number.isInteger(index) || index < 0 || (index + 1) * size > images.length) {
    throw new ConfigError(
      `image index ${index} is out of range (${Math.floor(images.length / size)} images)`,
    );
  }
  return toUint8(resizeRegion(images, index * size, shape, box, patchShape[0], patchShape[1]));
}

/** Crops of a set of source images: `count` uint8 patches and their boxes. */
export interface CropSet {
  /** `count × ph × pw × C` uint8. */
  readonly patches: Uint8Array;
  /** `count × 4`: top, left, height, width in the source image. */
  readonly boxes: Int32Array;
  /** Source image index of each crop. */
  readonly sources: Int32Array;
  readonly patchShape: [number, number, number];
  readonly count: number;
}

/**
 * `perImage` random-resized crops of each image in `indices` (crops of image `indices[i]` are
 * `i·perImage … i·perImage + perImage − 1`), resized to the patch size of `factor`.
 */
export function randomResizedCrops(
  images: Uint8Array,
  shape: ImageShape,
  indices: ArrayLike<number>,
  perImage: number,
  factor: number,
  rng: Rng,
  options: CropOptions = {},
): CropSet {
  checkPositiveInteger('crops per image', perImage);
  const patchShape = patchShapeFor(shape, factor);
  const patchSize = patchShape[0] * patchShape[1] * patchShape[2];
  const count = indices.length * perImage;
  const patches = new Uint8Array(count * patchSize);
  const boxes = new Int32Array(count * 4);
  const sources = new Int32Array(count);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i]!;
    for (let k = 0; k < perImage; k++) {
      const n = i * perImage + k;
      const box = sampleCropBox(rng, shape[0], shape[1], options);
      patches.set(cropPatch(images, shape, src, box, patchShape), n * patchSize);
      boxes.set([box.top, box.left, box.height, box.width], 4 * n);
      sources[n] = src;
    }
  }
  return { patches, boxes, sources, patchShape, count };
}

/**
 * Upsample crops `from … from + count − 1` of a uint8 patch array back to `H×W×C` float32 in
 * [0, 255] with the decoder's bilinear resize (what the observer scores).
 */
export function upsamplePatches(
  patches: Uint8Array,
  patchShape: readonly [number, number, number],
  shape: ImageShape,
  from: number,
  count: number,
): Float32Array {
  const [ph, pw, C] = patchShape;
  const [H, W] = shape;
  if (C !== shape[2]) throw new ConfigError(`patch has ${C} channels but images have ${shape[2]}`);
  const patchSize = ph * pw * C;
  if ((from + count) * patchSize > patches.length) {
    throw new ConfigError(`patches ${from}…${from + count - 1} are out of range`);
  }
  const out = new Float32Array(count * H * W * C);
  for (let i = 0; i < count; i++) {
    resizeBilinearInto(patches, (from + i) * patchSize, ph, pw, C, H, W, out, i * H * W * C);
  }
  return out;
}
