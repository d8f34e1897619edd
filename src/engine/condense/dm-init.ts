// DM's starting point and units: the mosaic initialisation (IDC's and IDM's: each stored image is
// f² distinct real images of its class, each shrunk by f with a box filter), the fresh state at
// iteration 0, and the conversion of optimised pixels back to the bundle's pixel/255 units.
import { ConfigError } from '../errors';
import { Rng } from '../rng';
import { sampleWithoutReplacement } from '../select/random';
import { groupByClass } from '../select/select';
import { createNormalizer, normalizeInto, type Normalization } from '../train/normalize';
import type { DmParams, DmRealSet, DmState } from './dm-types';

/**
 * The starting point (IDC's and IDM's initialisation): each stored image is an f×f mosaic of f²
 * distinct real images of its class, each shrunk by f with a box filter. Normalised units.
 */
export function mosaicInit(
  real: DmRealSet,
  p: DmParams,
  normalization: Normalization,
): Float32Array {
  const [H, W, C] = real.shape;
  const f = p.factor;
  if (H % f !== 0 || W % f !== 0)
    throw new ConfigError(`image ${H}×${W} is not divisible by factor ${f}`);
  const size = H * W * C;
  const normalizer = createNormalizer(normalization, C);
  const byClass = groupByClass(real.labels, real.numClasses);
  const rng = new Rng(p.seed).fork(0x1417);
  const out = new Float32Array(real.numClasses * p.ipc * size);
  const one = new Float32Array(size);
  const ph = H / f;
  const pw = W / f;
  for (let c = 0; c < real.numClasses; c++) {
    const need = p.ipc * f * f;
    if (byClass[c]!.length < need) {
      throw new ConfigError(
        `class ${c} has ${byClass[c]!.length} real images; the mosaic needs ${need}`,
      );
    }
    const picks = sampleWithoutReplacement(byClass[c]!, need, rng);
    for (let j = 0; j < p.ipc; j++) {
      const dst = (c * p.ipc + j) * size;
      for (let q = 0; q < f * f; q++) {
        normalizeInto(normalizer, real.images, picks[j * f * f + q]! * size, size, one, 0);
        const oy = Math.floor(q / f) * ph;
        const ox = (q % f) * pw;
        for (let y = 0; y < ph; y++) {
          for (let x = 0; x < pw; x++) {
            for (let ch = 0; ch < C; ch++) {
              let v = 0;
              for (let dy = 0; dy < f; dy++) {
                for (let dx = 0; dx < f; dx++) v += one[((y * f + dy) * W + x * f + dx) * C + ch]!;
              }
              out[dst + ((oy + y) * W + ox + x) * C + ch] = v / (f * f);
            }
          }
        }
      }
    }
  }
  return out;
}

/** Stored images from normalised units to pixel/255 units (the bundle's float32 convention). */
export function toPixelUnits(images: Float32Array, normalization: Normalization): Float32Array {
  const C = normalization.mean.length;
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) {
    const ch = i % C;
    out[i] = images[i]! * normalization.std[ch]! + normalization.mean[ch]!;
  }
  return out;
}

/** A fresh state at iteration 0 from the mosaic initialisation. */
export function initialDmState(
  real: DmRealSet,
  p: DmParams,
  normalization: Normalization,
): DmState {
  const images = mosaicInit(real, p, normalization);
  return {
    iteration: 0,
    images,
    velocity: new Float32Array(images.length),
    losses: new Float64Array(0),
  };
}
