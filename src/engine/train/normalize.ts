// Per-channel input normalisation (design.md §4): samples are pixel values in 0..255; the dataset's
// mean/std are in [0, 1] units (the torchvision convention, as the bundle manifest stores them),
// so a value v of channel c becomes (v / 255 − mean[c]) / std[c]. Also computes those statistics
// from uint8 images (population std over every pixel of the channel).
import { checkPositiveInteger, ConfigError } from '../errors';

export interface Normalization {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/** Precomputed affine form: normalised = v · scale[c] + shift[c]. */
export interface Normalizer {
  readonly channels: number;
  readonly scale: Float32Array;
  readonly shift: Float32Array;
}

/** Check `norm` against `channels` and precompute the per-channel affine map. */
export function createNormalizer(norm: Normalization, channels: number): Normalizer {
  if (norm.mean.length !== channels || norm.std.length !== channels) {
    throw new ConfigError(
      `normalization has ${norm.mean.length} means and ${norm.std.length} stds, expected ${channels} (one per channel)`,
    );
  }
  const scale = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const m = norm.mean[c]!;
    const s = norm.std[c]!;
    if (!Number.isFinite(m) || !Number.isFinite(s) || s <= 0) {
      throw new ConfigError(
        `normalization channel ${c}: mean ${m} and std ${s} must be finite with std > 0`,
      );
    }
    scale[c] = 1 / (255 * s);
    shift[c] = -m / s;
  }
  return { channels, scale, shift };
}

/**
 * Write the normalised values of `src[srcOffset .. srcOffset+length)` to `dst` at `dstOffset`.
 * `srcOffset` and `length` must be multiples of the channel count (whole pixels).
 */
export function normalizeInto(
  n: Normalizer,
  src: ArrayLike<number>,
  srcOffset: number,
  length: number,
  dst: Float32Array,
  dstOffset: number,
): void {
  const C = n.channels;
  const { scale, shift } = n;
  if (C === 1) {
    const a = scale[0]!;
    const b = shift[0]!;
    for (let i = 0; i < length; i++) dst[dstOffset + i] = src[srcOffset + i]! * a + b;
    return;
  }
  for (let i = 0; i < length; i += C) {
    for (let c = 0; c < C; c++) {
      dst[dstOffset + i + c] = src[srcOffset + i + c]! * scale[c]! + shift[c]!;
    }
  }
}

/** A normalised copy of a whole NHWC array (any length that is a multiple of `channels`). */
export function normalize(
  src: ArrayLike<number>,
  norm: Normalization,
  channels: number,
): Float32Array {
  if (src.length % channels !== 0) {
    throw new ConfigError(
      `image data has ${src.length} values, not a multiple of ${channels} channels`,
    );
  }
  const n = createNormalizer(norm, channels);
  const out = new Float32Array(src.length);
  normalizeInto(n, src, 0, src.length, out, 0);
  return out;
}

/** Per-channel mean and population std, in [0, 1] units, of NHWC uint8 images. */
export function computeNormalization(images: Uint8Array, channels: number): Normalization {
  checkPositiveInteger('channels', channels);
  if (images.length === 0 || images.length % channels !== 0) {
    throw new ConfigError(
      `image data has ${images.length} values, expected a non-zero multiple of ${channels} channels`,
    );
  }
  const pixels = images.length / channels;
  // Integer sums are exact for up to 2^53 / 255² ≈ 1.4e11 values per channel.
  const sum = new Float64Array(channels);
  const sumSq = new Float64Array(channels);
  for (let i = 0; i < images.length; i += channels) {
    for (let c = 0; c < channels; c++) {
      const v = images[i + c]!;
      sum[c]! += v;
      sumSq[c]! += v * v;
    }
  }
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < channels; c++) {
    const m = sum[c]! / pixels;
    const variance = Math.max(0, sumSq[c]! / pixels - m * m);
    mean.push(m / 255);
    std.push(Math.sqrt(variance) / 255);
  }
  return { mean, std };
}
