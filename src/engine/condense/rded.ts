// RDED patch selection (design.md §6a step 3; Sun et al., CVPR 2024, Algorithm 1 stage 1), with the
// observer injected as a scoring function so this stays pure and model-free.
//
// Per class c: draw a seeded uniform pool T'_c of `poolSize` images from the candidates (what
// pre-pruning kept); cut `cropsPerImage` random-resized crops from each (crops.ts), resized to
// the patch size H/f × W/f; score each crop by the observer's cross-entropy on the crop resized
// back to H×W (lower = more realistic); keep each image's best crop (ties: lower crop number);
// keep the IPC_F·f² best of those (ties: lower source index).
//
// Output order (stage 2, ready for stitching): patch p of stored image j of class c sits at
// ((c·IPC_F) + j)·f² + p, and holds the crop of rank p·IPC_F + j (0 = lowest loss). This is the
// placement of RDED's official implementation (mix_images), which spreads the ranks over all
// stored images; the paper says "randomly retrieve N patches", the code does this.
//
// `select: 'random'` is the control condition for experiments (a less selective condensation):
// each pool image contributes its first random crop and the kept images are a seeded random
// choice, so the observer's losses are recorded but choose nothing.
import { checkPositiveInteger, ConfigError } from '../errors';
import { Rng } from '../rng';
import { stitchPatches } from '../stitch';
import type { ImageShape } from '../types';
import {
  patchShapeFor,
  RDED_CROP,
  randomResizedCrops,
  upsamplePatches,
  type CropOptions,
} from './crops';

/**
 * Cross-entropy of the observer on `count` images (`count × H × W × C` float32, raw pixel values
 * in [0, 255], not normalised) against `labels`; one loss per image.
 */
export type CropScorer = (
  images: Float32Array,
  count: number,
  labels: Int32Array,
) => Promise<Float32Array>;

export interface RdedOptions {
  /** Stored images per class (IPC_F). */
  readonly ipc: number;
  /** Multi-formation factor f (f² patches per stored image). */
  readonly factor: number;
  /** |T'_c|: images drawn per class (default 300). */
  readonly poolSize?: number;
  /** K: crops cut from each pool image (default 5). */
  readonly cropsPerImage?: number;
  readonly seed: number;
  readonly crop?: CropOptions;
  /** Crops per scorer call (default 256). */
  readonly batchSize?: number;
  /** 'lowest-loss' (RDED, default) or 'random' (control: ignore the observer's losses). */
  readonly select?: RdedSelect;
  /** Called after each scored batch with crops scored so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RdedResult {
  /** `count × ph × pw × C` uint8 patches, in stitching order (see header). */
  readonly patches: Uint8Array;
  readonly patchShape: [number, number, number];
  /** numClasses · ipc · f². */
  readonly count: number;
  /** Class of each patch. */
  readonly labels: Int32Array;
  /** Observer cross-entropy of each patch (resized to H×W). */
  readonly losses: Float32Array;
  /** Training-set index of the image each patch was cut from. */
  readonly sources: Int32Array;
  /** `count × 4`: top, left, height, width of each crop in its source image. */
  readonly boxes: Int32Array;
  /** Rank of each patch within its class (0 = lowest loss). */
  readonly ranks: Int32Array;
}

export type RdedSelect = 'lowest-loss' | 'random';
export const RDED_SELECTS: readonly RdedSelect[] = ['lowest-loss', 'random'];

export const RDED_DEFAULTS = { poolSize: 300, cropsPerImage: 5, batchSize: 256 } as const;

/**
 * Select RDED patches for every class. `candidates` are the training indices allowed into the
 * pools (e.g. prePrune(...).kept; all indices when not pre-pruning).
 */
export async function selectRdedPatches(
  images: Uint8Array,
  labels: ArrayLike<number>,
  shape: ImageShape,
  classes: readonly string[],
  candidates: ArrayLike<number>,
  scoreCrops: CropScorer,
  options: RdedOptions,
): Promise<RdedResult> {
  const poolSize = options.poolSize ?? RDED_DEFAULTS.poolSize;
  const perImage = options.cropsPerImage ?? RDED_DEFAULTS.cropsPerImage;
  const batchSize = options.batchSize ?? RDED_DEFAULTS.batchSize;
  checkPositiveInteger('ipc', options.ipc);
  checkPositiveInteger('factor', options.factor);
  checkPositiveInteger('pool size', poolSize);
  checkPositiveInteger('crops per image', perImage);
  checkPositiveInteger('batch size', batchSize);
  const [H, W, C] = shape;
  patchShapeFor(shape, options.factor);
  const imageSize = H * W * C;
  const numImages = labels.length;
  if (images.length !== numImages * imageSize) {
    throw new ConfigError(
      `RDED: ${numImages} labels need ${numImages * imageSize} image bytes, got ${images.length}`,
    );
  }
  const numClasses = classes.length;
  const f2 = options.factor * options.factor;
  const need = options.ipc * f2;
  const crop = {
    scale: options.crop?.scale ?? RDED_CROP.scale,
    ratio: options.crop?.ratio ?? RDED_CROP.ratio,
  };

  const select = options.select ?? 'lowest-loss';
  if (!RDED_SELECTS.includes(select))
    throw new ConfigError(`unknown RDED selection "${String(select)}"`);
  const random = select === 'random';

  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < candidates.length; i++) {
    const idx = candidates[i]!;
    if (!Number.isInteger(idx) || idx < 0 || idx >= numImages) {
      throw new ConfigError(`candidate index ${idx} is out of range (${numImages} images)`);
    }
    const y = labels[idx]!;
    if (y < 0 || y >= numClasses)
      throw new ConfigError(`label ${y} of image ${idx} is out of range`);
    byClass[y]!.push(idx);
  }
  for (let c = 0; c < numClasses; c++) {
    const n = Math.min(poolSize, byClass[c]!.length);
    if (n < need) {
      throw new ConfigError(
        `class ${c} ("${classes[c]}") has a pool of ${n} images (${byClass[c]!.length} candidates, pool size ` +
          `${poolSize}); RDED keeps one crop per image and needs ipc·f² = ${need}`,
      );
    }
  }

  const totalCrops = byClass.reduce((s, m) => s + Math.min(poolSize, m.length) * perImage, 0);
  let scored = 0;
  const root = new Rng(options.seed);
  const count = numClasses * need;
  const patchShape = patchShapeFor(shape, options.factor);
  const patchSize = patchShape[0] * patchShape[1] * C;
  const out: RdedResult = {
    patches: new Uint8Array(count * patchSize),
    patchShape,
    count,
    labels: new Int32Array(count),
    losses: new Float32Array(count),
    sources: new Int32Array(count),
    boxes: new Int32Array(count * 4),
    ranks: new Int32Array(count),
  };

  for (let c = 0; c < numClasses; c++) {
    const rng = root.fork(c);
    const members = byClass[c]!.sort((a, b) => a - b);
    const perm = rng.permutation(members.length);
    const pool = Int32Array.from(
      { length: Math.min(poolSize, members.length) },
      (_, i) => members[perm[i]!]!,
    );
    const crops = randomResizedCrops(images, shape, pool, perImage, options.factor, rng, crop);

    const losses = new Float32Array(crops.count);
    for (let from = 0; from < crops.count; from += batchSize) {
      const n = Math.min(batchSize, crops.count - from);
      const batch = upsamplePatches(crops.patches, crops.patchShape, shape, from, n);
      const got = await scoreCrops(batch, n, new Int32Array(n).fill(c));
      if (got.length !== n)
        throw new ConfigError(`crop scorer returned ${got.length} losses for ${n} crops`);
      for (let i = 0; i < n; i++) {
        const l = got[i]!;
        if (Number.isNaN(l))
          throw new ConfigError(`crop scorer returned NaN for crop ${from + i} of class ${c}`);
        losses[from + i] = l;
      }
      scored += n;
      options.onProgress?.(scored, totalCrops);
    }

    const order = random
      ? randomCropOrder(pool.length, perImage, rng)
      : lowestLossOrder(pool.length, perImage, losses, crops.sources);
    for (let rank = 0; rank < need; rank++) {
      const cropIndex = order[rank]!;
      const p = Math.floor(rank / options.ipc);
      const j = rank % options.ipc;
      const at = (c * options.ipc + j) * f2 + p;
      out.patches.set(
        crops.patches.subarray(cropIndex * patchSize, (cropIndex + 1) * patchSize),
        at * patchSize,
      );
      out.labels[at] = c;
      out.losses[at] = losses[cropIndex]!;
      out.sources[at] = crops.sources[cropIndex]!;
      out.boxes.set(crops.boxes.subarray(4 * cropIndex, 4 * cropIndex + 4), 4 * at);
      out.ranks[at] = rank;
    }
  }
  return out;
}

/** Stitch RDED patches (in their output order) into `count / f²` stored images and their labels. */
export function stitchRded(
  result: RdedResult,
  shape: ImageShape,
  factor: number,
): { images: Uint8Array; labels: Int32Array; count: number } {
  const f2 = factor * factor;
  const patchSize = result.patchShape[0] * result.patchShape[1] * result.patchShape[2];
  const stored = result.count / f2;
  if (!Number.isInteger(stored))
    throw new ConfigError(`${result.count} patches do not fill whole f×f grids`);
  const imageSize = shape[0] * shape[1] * shape[2];
  const images = new Uint8Array(stored * imageSize);
  const labels = new Int32Array(stored);
  for (let i = 0; i < stored; i++) {
    const group = result.patches.subarray(i * f2 * patchSize, (i + 1) * f2 * patchSize);
    images.set(stitchPatches(group, shape, factor), i * imageSize);
    labels[i] = result.labels[i * f2]!;
  }
  return { images, labels, count: stored };
}

/** RDED: each pool image's lowest-loss crop, images ordered by that loss (ties: lower source). */
function lowestLossOrder(
  poolLength: number,
  perImage: number,
  losses: Float32Array,
  sources: Int32Array,
): number[] {
  const best: number[] = [];
  for (let i = 0; i < poolLength; i++) {
    let b = i * perImage;
    for (let k = 1; k < perImage; k++)
      if (losses[i * perImage + k]! < losses[b]!) b = i * perImage + k;
    best.push(b);
  }
  return best.sort((a, b) => losses[a]! - losses[b]! || sources[a]! - sources[b]!);
}

/** Control: each pool image's first (random) crop, images in a seeded random order. */
function randomCropOrder(poolLength: number, perImage: number, rng: Rng): number[] {
  return Array.from(rng.permutation(poolLength), (i) => i * perImage);
}
