// Shared by the bundle writer tests: what buildBundleFiles gets for a tiny bundle of 2 classes ×
// ipc 2 of 4×4×1 images, f = 2 (64 stored values, 16 samples, 3 test images), with seeded random
// scores and pixels.
import { Rng } from '../../src/engine/rng';
import { SCORE_NAMES, type ScoreName, type StoredImages } from '../../src/engine/types';
import type { BundleInput, ManifestDraft } from '../../src/engine/bundle/write';

export const TINY_DRAFT: ManifestDraft = {
  formatVersion: 1,
  id: 'tiny',
  title: 'Tiny',
  source: { name: 'test', licence: 'CC0-1.0' },
  classes: ['cat', 'dog'],
  imageShape: [4, 4, 1],
  ipc: 2,
  factor: 2,
  flip: false,
  normalization: { mean: [0.5], std: [0.25] },
  condensation: { method: 'test', params: {} },
  scoring: { model: 'test', params: {} },
  tool: { name: 'test', version: '0' },
};

export interface TinyInputOptions {
  readonly seed: number;
  readonly draft?: ManifestDraft;
  /** Each sample's value of each score, drawn in order from the seeded generator. */
  readonly score: (rng: Rng) => number;
  /** Stored images (default: uniform random bytes, drawn after the scores). */
  readonly images?: StoredImages;
}

/** The input of a tiny bundle: scores, then images (unless given), then test images, all seeded. */
export function tinyBundleInput({
  seed,
  draft = TINY_DRAFT,
  score,
  images,
}: TinyInputOptions): BundleInput {
  const rng = new Rng(seed);
  const scores = {} as Record<ScoreName, Float64Array>;
  for (const name of SCORE_NAMES) scores[name] = new Float64Array(16).map(() => score(rng));
  return {
    manifest: draft,
    images: images ?? new Uint8Array(64).map(() => rng.int(256)),
    labels: [0, 0, 1, 1],
    scores,
    testImages: new Uint8Array(3 * 16).map(() => rng.int(256)),
    testLabels: Int32Array.from([1, 0, 1]),
  };
}
