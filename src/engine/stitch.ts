// Multi-formation stitching for the bundle builder (design.md §6a step 4): f² patches of
// (H/f)×(W/f)×C are placed row-major on an f×f grid to make one H×W×C stored image, so that
// decoding (decode.ts) gives each patch back, resized to H×W. Also the inverse cut (extractPatch).
// Both keep the element type: uint8 patches give uint8 images, float32 (synthesized) give float32.
import { checkPositiveInteger, ConfigError } from './errors';
import type { ImageShape, StoredImages } from './types';

/** An empty array of `length` values with the element type of `like`. */
function sameType<T extends StoredImages>(like: T, length: number): T {
  return (like instanceof Float32Array ? new Float32Array(length) : new Uint8Array(length)) as T;
}

function patchGeometry(
  shape: ImageShape,
  factor: number,
): { ph: number; pw: number; C: number; W: number } {
  const [H, W, C] = shape;
  checkPositiveInteger('factor', factor);
  if (![H, W, C].every((d) => Number.isInteger(d) && d > 0)) {
    throw new ConfigError(`image shape must be positive integers, got [${shape.join(', ')}]`);
  }
  if (H % factor !== 0 || W % factor !== 0) {
    throw new ConfigError(`image ${H}×${W} is not divisible by factor ${factor}`);
  }
  return { ph: H / factor, pw: W / factor, C, W };
}

/**
 * One stored image from f² patches. `patches` holds the patches one after another, each
 * (H/f)×(W/f)×C row-major; patch p goes to grid row ⌊p/f⌋, grid column p mod f.
 */
export function stitchPatches<T extends StoredImages>(
  patches: T,
  shape: ImageShape,
  factor: number,
): T {
  const { ph, pw, C, W } = patchGeometry(shape, factor);
  const patchSize = ph * pw * C;
  const f2 = factor * factor;
  if (patches.length !== f2 * patchSize) {
    throw new ConfigError(
      `stitchPatches: expected ${f2} patches of ${ph}×${pw}×${C} (${f2 * patchSize} values), got ${patches.length}`,
    );
  }
  const out = sameType(patches, shape[0] * W * C);
  const rowBytes = pw * C;
  for (let p = 0; p < f2; p++) {
    const gy = Math.floor(p / factor);
    const gx = p % factor;
    for (let y = 0; y < ph; y++) {
      const from = p * patchSize + y * rowBytes;
      out.set(patches.subarray(from, from + rowBytes), ((gy * ph + y) * W + gx * pw) * C);
    }
  }
  return out;
}

/** Cut patch `p` (row-major on the f×f grid) out of one stored H×W×C image. */
export function extractPatch<T extends StoredImages>(
  image: T,
  shape: ImageShape,
  factor: number,
  p: number,
): T {
  const { ph, pw, C, W } = patchGeometry(shape, factor);
  if (image.length !== shape[0] * W * C) {
    throw new ConfigError(`extractPatch: expected ${shape[0] * W * C} values, got ${image.length}`);
  }
  if (!Number.isInteger(p) || p < 0 || p >= factor * factor) {
    throw new ConfigError(`patch ${p} is out of range 0…${factor * factor - 1}`);
  }
  const gy = Math.floor(p / factor);
  const gx = p % factor;
  const rowBytes = pw * C;
  const out = sameType(image, ph * rowBytes);
  for (let y = 0; y < ph; y++) {
    const from = ((gy * ph + y) * W + gx * pw) * C;
    out.set(image.subarray(from, from + rowBytes), y * rowBytes);
  }
  return out;
}
