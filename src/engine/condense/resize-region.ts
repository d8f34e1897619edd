// Resizing one box of an image (RDED crops, crops.ts): separable bilinear filtering with a
// triangle filter widened by the downscale factor and normalised at the borders (torchvision's
// antialias=True; equal to plain bilinear with half-pixel centres when enlarging).
import { ConfigError } from '../errors';
import type { ImageShape } from '../types';

export interface CropBox {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

interface FilterTable {
  /** First source index of each output position. */
  readonly start: Int32Array;
  /** Number of taps of each output position. */
  readonly count: Int32Array;
  /** `taps` weights per output position, normalised to sum 1. */
  readonly weights: Float64Array;
  readonly taps: number;
}

/** Antialiased bilinear (triangle) filter taps mapping `inSize` source pixels to `outSize`. */
function filterTable(inSize: number, outSize: number, antialias: boolean): FilterTable {
  const scale = inSize / outSize;
  const support = antialias && scale > 1 ? scale : 1;
  const taps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * taps);
  for (let x = 0; x < outSize; x++) {
    const centre = (x + 0.5) * scale;
    const lo = Math.max(0, Math.floor(centre - support + 0.5));
    const hi = Math.min(inSize, Math.floor(centre + support + 0.5));
    let sum = 0;
    for (let j = lo; j < hi; j++) {
      const wgt = Math.max(0, 1 - Math.abs((j + 0.5 - centre) / support));
      weights[x * taps + (j - lo)] = wgt;
      sum += wgt;
    }
    if (sum <= 0) {
      // Cannot happen for support ≥ 1 (the nearest pixel is within half a pixel), kept safe.
      const nearest = Math.min(inSize - 1, Math.max(0, Math.floor(centre)));
      start[x] = nearest;
      count[x] = 1;
      weights[x * taps] = 1;
      continue;
    }
    for (let j = 0; j < hi - lo; j++) weights[x * taps + j]! /= sum;
    start[x] = lo;
    count[x] = hi - lo;
  }
  return { start, count, weights, taps };
}

/**
 * Resize the `box` of one `H×W×C` image at `src[offset…]` to `outH×outW×C` float32 (separable
 * antialiased bilinear; plain bilinear with half-pixel centres when `antialias` is false or when
 * enlarging).
 */
export function resizeRegion(
  src: ArrayLike<number>,
  offset: number,
  shape: ImageShape,
  box: CropBox,
  outH: number,
  outW: number,
  antialias = true,
): Float32Array {
  const [H, W, C] = shape;
  if (
    box.top < 0 ||
    box.left < 0 ||
    box.height < 1 ||
    box.width < 1 ||
    box.top + box.height > H ||
    box.left + box.width > W
  ) {
    throw new ConfigError(
      `crop box ${box.height}×${box.width} at (${box.top}, ${box.left}) does not fit a ${H}×${W} image`,
    );
  }
  const rows = filterTable(box.height, outH, antialias);
  const cols = filterTable(box.width, outW, antialias);
  // Horizontal pass: box.height × outW × C.
  const mid = new Float64Array(box.height * outW * C);
  for (let y = 0; y < box.height; y++) {
    const rowBase = offset + ((box.top + y) * W + box.left) * C;
    for (let x = 0; x < outW; x++) {
      const s = cols.start[x]!;
      const n = cols.count[x]!;
      const wBase = x * cols.taps;
      for (let k = 0; k < C; k++) {
        let acc = 0;
        for (let t = 0; t < n; t++)
          acc += cols.weights[wBase + t]! * src[rowBase + (s + t) * C + k]!;
        mid[(y * outW + x) * C + k] = acc;
      }
    }
  }
  // Vertical pass.
  const out = new Float32Array(outH * outW * C);
  for (let y = 0; y < outH; y++) {
    const s = rows.start[y]!;
    const n = rows.count[y]!;
    const wBase = y * rows.taps;
    for (let x = 0; x < outW; x++) {
      for (let k = 0; k < C; k++) {
        let acc = 0;
        for (let t = 0; t < n; t++)
          acc += rows.weights[wBase + t]! * mid[((s + t) * outW + x) * C + k]!;
        out[(y * outW + x) * C + k] = acc;
      }
    }
  }
  return out;
}
