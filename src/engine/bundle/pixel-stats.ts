// Value range of float32 stored pixels (pixel/255 units): what `yoco inspect` prints and the
// gallery's note reports, so a reader knows how much a display clamped to [0, 1] hides.

export interface FloatPixelStats {
  readonly min: number;
  readonly max: number;
  /** Values below 0 or above 1, as a fraction of all values (0 for an empty array). */
  readonly outsideFraction: number;
}

export function floatPixelStats(values: Float32Array): FloatPixelStats {
  let min = Infinity;
  let max = -Infinity;
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v < 0 || v > 1) outside++;
  }
  return { min, max, outsideFraction: values.length > 0 ? outside / values.length : 0 };
}
