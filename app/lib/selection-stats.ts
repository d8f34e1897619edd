// What a selection means for the gallery: a kept-flag per sample and the kept count per class.

/** 1 for every kept sample index, 0 otherwise. Throws RangeError on an index out of range. */
export function keptMask(indices: Int32Array, totalSamples: number): Uint8Array {
  const mask = new Uint8Array(totalSamples);
  for (const i of indices) {
    if (i < 0 || i >= totalSamples)
      throw new RangeError(`selected index ${i} is outside 0…${totalSamples - 1}`);
    mask[i] = 1;
  }
  return mask;
}

/** Kept samples per class; classes are contiguous blocks of `samplesPerClass` (design.md §1). */
export function classCounts(
  indices: Int32Array,
  samplesPerClass: number,
  classes: number,
): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const i of indices) {
    const c = Math.floor(i / samplesPerClass);
    if (c >= 0 && c < classes) counts[c]!++;
  }
  return counts;
}

/** Where sample `index` lives: class, stored image within the class, patch within the image. */
export function sampleLocation(
  index: number,
  ipcF: number,
  factor: number,
): { cls: number; image: number; patch: number; row: number; col: number } {
  const patches = factor * factor;
  const stored = Math.floor(index / patches);
  const patch = index % patches;
  return {
    cls: Math.floor(stored / ipcF),
    image: stored % ipcF,
    patch,
    row: Math.floor(patch / factor),
    col: patch % factor,
  };
}
