// Converts one stored uint8 NHWC image (1 or 3 channels) to RGBA pixels for a canvas ImageData.

export function imageToRgba(
  images: Uint8Array,
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
    throw new RangeError(`image ${index} is outside the ${images.length}-byte image payload`);
  }
  const out = new Uint8ClampedArray(size * 4);
  for (let p = 0; p < size; p++) {
    const src = offset + p * c;
    const o = p * 4;
    if (c === 1) {
      const v = images[src]!;
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    } else {
      out[o] = images[src]!;
      out[o + 1] = images[src + 1]!;
      out[o + 2] = images[src + 2]!;
    }
    out[o + 3] = 255;
  }
  return out;
}
