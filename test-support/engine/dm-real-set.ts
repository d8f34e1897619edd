// A tiny labelled real set for distribution-matching tests: three classes of 8×8 images, each a
// bright square in its own corner plus seeded noise, so matching has something to find; and the
// small DM parameters the tests run it with.
import { Rng } from '../../src/engine/rng';
import type { DmParams, DmRealSet } from '../../src/engine/condense/dm-types';

/** Class c: a bright square in corner c of an 8×8 image, plus noise. */
export function cornerSquares(perClass = 20, seed = 5): DmRealSet {
  const rng = new Rng(seed);
  const K = 3;
  const images = new Uint8Array(K * perClass * 64);
  const labels = new Int32Array(K * perClass);
  for (let c = 0; c < K; c++) {
    for (let i = 0; i < perClass; i++) {
      const n = c * perClass + i;
      labels[n] = c;
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const inside = (c === 0 ? x < 4 && y < 4 : c === 1 ? x >= 4 && y < 4 : y >= 4) ? 180 : 30;
          images[n * 64 + y * 8 + x] = Math.max(0, Math.min(255, inside + 25 * rng.normal()));
        }
      }
    }
  }
  return { images, labels, shape: [8, 8, 1], numClasses: K };
}

/** DM at test scale: 2 stored images per class at factor 2, a width-8 depth-2 embedder. */
export const TINY_DM: DmParams = {
  ipc: 2,
  factor: 2,
  iterations: 4,
  lr: 1,
  momentum: 0.5,
  realBatch: 8,
  width: 8,
  depth: 2,
  flip: true,
  seed: 3,
};
