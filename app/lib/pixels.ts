// Converts one stored NHWC image (1 or 3 channels) to RGBA pixels for a canvas ImageData. uint8
// values are drawn as they are; float32 values (pixel/255 units, see the bundle manifest's
// imageDType) are clamped to [0, 1] for display, since a screen cannot show what lies outside.
import type { StoredImages } from '../../src/engine/types';

/** A float32 pixel (pixel/255) as a display byte: clamped to [0, 1], then rounded. */
function floatToByte(v: number): number {
  return Math.round(Math.min(1, Math.max(0, v)) * 255);
}

export function imageToRgba(
  images: StoredImages,
  index: number,
  h: number,
  w: number,
  c: number,
): Uint8ClampedArray<ArrayBuffer> {
  if (c !== 1 && c !== 3)
    throw new RangeError(`cannot draw images with ${c} channels (expected 1 or 3)`);
  const size = h * w;
  const offset = index * size * c;
  if (offset < 0 || offset + size * c > images.length) {
    throw new RangeError(`image ${index} is outside the ${images.length}-value image payload`);
  }
  const float = images instanceof Float32Array;
  const value = (i: number): number => (float ? floatToByte(images[i]!) : images[i]!);
  const out = new Uint8ClampedArray(size * 4);
  for (let p = 0; p < size; p++) {
    const src = offset + p * c;
    const o = p * 4;
    if (c === 1) {
      const v = value(src);
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    } else {
      out[o] = value(src);
      out[o + 1] = value(src + 1);
      out[o + 2] = value(src + 2);
    }
    out[o + 3] = 255;
  }
  return out;
}
