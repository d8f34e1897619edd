// Detects a ZCA-whitened condensed set (MTT and KIP publish some), which cannot be un-whitened
// without the whitening matrix of the dataset it was fitted on. The statistic: the correlation of
// horizontally and vertically neighbouring pixels, after removing each image's per-channel mean.
// Natural images are smooth (neighbours correlate strongly: 0.69 for the 8×8 fixture, higher at
// 28 to 32 px); whitening flattens the spectrum and leaves mostly edges (0.21 for the fixture after
// a ZCA with MTT's eps 0.1). The threshold is a heuristic, not a proof. A set below the threshold is refused unless the user says it is not whitened; only
// layouts whose reference code can whiten (MTT, KIP) are checked.
export const WHITENING_THRESHOLD = 0.3;

/** Lag-1 neighbour correlation of NHWC images (1 for constant images: nothing to judge). */
export function neighbourCorrelation(
  images: Float32Array,
  shape: readonly [number, number, number],
): number {
  const [H, W, C] = shape;
  const size = H * W * C;
  const count = images.length / size;
  let num = 0;
  let den = 0;
  const centred = new Float64Array(size);
  for (let n = 0; n < count; n++) {
    const base = n * size;
    for (let c = 0; c < C; c++) {
      let mean = 0;
      for (let p = c; p < size; p += C) mean += images[base + p]!;
      mean /= H * W;
      for (let p = c; p < size; p += C) centred[p] = images[base + p]! - mean;
    }
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        for (let c = 0; c < C; c++) {
          const v = centred[(y * W + x) * C + c]!;
          if (x + 1 < W) {
            const r = centred[(y * W + x + 1) * C + c]!;
            num += v * r;
            den += 0.5 * (v * v + r * r);
          }
          if (y + 1 < H) {
            const d = centred[((y + 1) * W + x) * C + c]!;
            num += v * d;
            den += 0.5 * (v * v + d * d);
          }
        }
      }
    }
  }
  return den > 0 ? num / den : 1;
}
