// A small, seeded, learnable synthetic bundle for tests (engine, tools and the app's e2e tests).
//
// Class c is drawn as oriented stripes (angle π·c/classes, 2 cycles across the image, random
// phase), a bright blob at a class-specific place on a circle, and (with ≥ 2 channels) a
// class-specific colour tint, plus Gaussian pixel noise whose level σ ∈ [4, 40] is drawn per
// sample. Patterns are defined in image-relative coordinates, so a patch drawn at (H/f)×(W/f)
// and decoded back to H×W looks like a full-size test image of the same class.
// Scores are synthetic but plausible: they grow with the sample's noise level ("hardness"), with
// a little jitter (AUM falls with it, as low AUM = hard); `noise` returns the levels for tests.
// Horizontal flips would turn one stripe angle into another class's, so `flip` is false.
// With `imageDType: 'float32'` the stored images are float32 in pixel/255 units, drawn from the
// same random draws with FLOAT_CONTRAST times the contrast around mid-grey and no rounding or
// clamping, so some values leave [0, 1] as optimized (synthesized) pixels do; test images stay
// uint8.
import { ConfigError } from '../../src/engine/errors';
import { Rng } from '../../src/engine/rng';
import { stitchPatches } from '../../src/engine/stitch';
import type { ImageShape, ScoreName, StoredImages } from '../../src/engine/types';
import type { ImageDType, Manifest, TeacherInfo } from '../../src/engine/bundle/manifest';
import { weightCount } from '../../src/engine/model/weights-file';
import { buildBundleFiles } from '../../src/engine/bundle/write';
import { getFileFromMap, type GetFile } from '../../src/engine/bundle/read';

export interface TinyBundleOptions {
  readonly classes?: number;
  readonly ipc?: number;
  readonly factor?: number;
  /** Image height and width (must be divisible by factor). */
  readonly size?: number;
  readonly channels?: number;
  readonly testPerClass?: number;
  readonly seed?: number;
  /** Ship a features payload: one 1-d feature per sample, its noise level σ. */
  readonly features?: boolean;
  /** Ship a teacher model: a width-2, depth-1 ConvNet with seeded random weights. */
  readonly teacher?: boolean;
  /** Stored images' element type (default uint8; float32 overshoots [0, 1], see header). */
  readonly imageDType?: ImageDType;
  /**
   * Test-set order: classes interleaved (default, like a shuffled real test set) or sorted by
   * class (like an image-folder import): the same images, stably sorted, so the two orders of one
   * seed test that results do not depend on the order.
   */
  readonly testOrder?: 'interleaved' | 'sorted';
}

/** The teacher `teacher: true` ships: a width-2, depth-1 ConvNet with seeded random weights. */
function tinyTeacher(
  shape: ImageShape,
  classes: number,
  trained: number,
  tested: number,
  rng: Rng,
) {
  const info: TeacherInfo = {
    architecture: 'ConvNet',
    width: 2,
    depth: 1,
    norm: 'instancenorm',
    trainedOn: { name: 'makeTinyBundle stored images', count: trained },
    epochs: 1,
    testAccuracy: 0.5,
    testImages: tested,
    command: 'makeTinyBundle({ teacher: true })',
  };
  const count = weightCount({ inputShape: shape, numClasses: classes, width: 2, depth: 1 });
  return { info, weights: Float32Array.from({ length: count }, () => rng.uniform(-0.5, 0.5)) };
}

/** The app's tiny bundle: 4 classes × IPC 3, f = 2, 16 × 16 RGB (the store tests, the e2e default). */
export const APP_TINY: TinyBundleOptions = {
  classes: 4,
  ipc: 3,
  factor: 2,
  size: 16,
  channels: 3,
  testPerClass: 8,
  seed: 1,
};

export interface TinyBundle {
  readonly manifest: Manifest;
  readonly files: Map<string, Uint8Array>;
  readonly getFile: GetFile;
  /** Noise level σ of every sample, in sample-index order (higher = harder). */
  readonly noise: Float64Array;
}

const NOISE_MIN = 4;
const NOISE_MAX = 40;
/** Contrast gain of float32 stored images around mid-grey (values reach about −0.6 and 1.5). */
const FLOAT_CONTRAST = 1.6;

/**
 * Draw one h×w×ch image of class `c` into `out` at `offset`: uint8 rounded and clamped to 0…255,
 * or float32 in pixel/255 units with FLOAT_CONTRAST, unclamped.
 */
function drawPattern(
  out: StoredImages,
  offset: number,
  h: number,
  w: number,
  ch: number,
  c: number,
  classes: number,
  sigma: number,
  rng: Rng,
): void {
  const angle = (Math.PI * c) / classes;
  const dirX = Math.cos(angle);
  const dirY = Math.sin(angle);
  const phase = rng.uniform(0, 2 * Math.PI);
  const blobAngle = (2 * Math.PI * c) / classes;
  const bx = 0.5 + 0.28 * Math.cos(blobAngle) + rng.uniform(-0.04, 0.04);
  const by = 0.5 + 0.28 * Math.sin(blobAngle) + rng.uniform(-0.04, 0.04);
  let o = offset;
  for (let y = 0; y < h; y++) {
    const v = (y + 0.5) / h;
    for (let x = 0; x < w; x++) {
      const u = (x + 0.5) / w;
      const stripes = 45 * Math.cos(2 * Math.PI * 2 * (u * dirX + v * dirY) + phase);
      const d2 = (u - bx) ** 2 + (v - by) ** 2;
      const blob = 70 * Math.exp(-d2 / (2 * 0.12 ** 2));
      for (let k = 0; k < ch; k++) {
        const tint = ch >= 2 ? (k === c % ch ? 30 : -15) : 0;
        const value = 110 + stripes + blob + tint + sigma * rng.normal();
        out[o++] =
          out instanceof Float32Array
            ? 0.5 + FLOAT_CONTRAST * (value / 255 - 0.5)
            : Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
}

/** Build a tiny synthetic bundle (payload files, manifest and a GetFile over them). */
export async function makeTinyBundle(opts: TinyBundleOptions = {}): Promise<TinyBundle> {
  const classes = opts.classes ?? 4;
  const ipc = opts.ipc ?? 3;
  const factor = opts.factor ?? 2;
  const size = opts.size ?? 16;
  const channels = opts.channels ?? 3;
  const testPerClass = opts.testPerClass ?? 8;
  const seed = opts.seed ?? 1;
  if (
    ![classes, ipc, factor, size, channels, testPerClass].every(
      (v) => Number.isInteger(v) && v >= 1,
    )
  ) {
    throw new ConfigError(
      'makeTinyBundle: classes, ipc, factor, size, channels, testPerClass must be positive integers',
    );
  }
  if (size % factor !== 0)
    throw new ConfigError(`makeTinyBundle: size ${size} is not divisible by factor ${factor}`);
  const rng = new Rng(seed);

  const f2 = factor * factor;
  const ph = size / factor;
  const imageSize = size * size * channels;
  const patchSize = ph * ph * channels;
  const stored = classes * ipc;
  const samples = stored * f2;

  const float = opts.imageDType === 'float32';
  const images = float ? new Float32Array(stored * imageSize) : new Uint8Array(stored * imageSize);
  const labels = new Int32Array(stored);
  const noise = new Float64Array(samples);
  const patches = float ? new Float32Array(f2 * patchSize) : new Uint8Array(f2 * patchSize);
  for (let c = 0; c < classes; c++) {
    for (let j = 0; j < ipc; j++) {
      const i = c * ipc + j;
      labels[i] = c;
      for (let p = 0; p < f2; p++) {
        const sigma = rng.uniform(NOISE_MIN, NOISE_MAX);
        noise[i * f2 + p] = sigma;
        drawPattern(patches, p * patchSize, ph, ph, channels, c, classes, sigma, rng);
      }
      images.set(stitchPatches(patches, [size, size, channels], factor), i * imageSize);
    }
  }

  const testCount = classes * testPerClass;
  const testImages = new Uint8Array(testCount * imageSize);
  const testLabels = new Int32Array(testCount);
  for (let t = 0; t < testCount; t++) {
    const c = t % classes; // interleaved classes, like a shuffled real test set
    testLabels[t] = c;
    drawPattern(
      testImages,
      t * imageSize,
      size,
      size,
      channels,
      c,
      classes,
      rng.uniform(NOISE_MIN, NOISE_MAX),
      rng,
    );
  }

  if (opts.testOrder === 'sorted') {
    // Stable sort by class: image j of class c was drawn at t = j · classes + c.
    const drawn = testImages.slice();
    for (let c = 0; c < classes; c++) {
      for (let j = 0; j < testPerClass; j++) {
        const to = c * testPerClass + j;
        const from = j * classes + c;
        testImages.set(drawn.subarray(from * imageSize, (from + 1) * imageSize), to * imageSize);
        testLabels[to] = c;
      }
    }
  }

  const scores = {} as Record<ScoreName, Float64Array>;
  const make = (fn: (h: number, jitter: number) => number): Float64Array =>
    noise.map((sigma) =>
      fn((sigma - NOISE_MIN) / (NOISE_MAX - NOISE_MIN), rng.uniform(-0.05, 0.05)),
    );
  scores.lbpe = make((h, e) => 0.2 + 2 * h + e);
  scores.el2n = make((h, e) => 0.1 + 1.2 * h + e);
  scores.forgetting = make((h) => Math.round(6 * h));
  scores.aum = make((h, e) => 0.8 - 1.6 * h + e);
  scores.entropy = make((h, e) => Math.max(0, h * Math.log(classes) + e));
  scores.loss = make((h, e) => Math.max(0, 0.05 + 2.5 * h + e));

  const mean: number[] = [];
  const std: number[] = [];
  for (let k = 0; k < channels; k++) {
    let s = 0;
    let s2 = 0;
    for (let o = k; o < images.length; o += channels) {
      const v = float ? images[o]! : images[o]! / 255;
      s += v;
      s2 += v * v;
    }
    const n = images.length / channels;
    mean.push(s / n);
    std.push(Math.sqrt(Math.max(s2 / n - (s / n) ** 2, 1e-6)));
  }

  const { manifest, files } = await buildBundleFiles({
    manifest: {
      formatVersion: 1,
      id: 'tiny',
      title: `Tiny synthetic bundle (${classes} classes, seed ${seed}${float ? ', float32' : ''})`,
      source: { name: 'synthetic stripes and blobs (makeTinyBundle)', licence: 'CC0-1.0' },
      classes: Array.from(
        { length: classes },
        (_, c) => `stripes ${Math.round((180 * c) / classes)}°`,
      ),
      imageShape: [size, size, channels],
      ipc,
      factor,
      flip: false,
      normalization: { mean, std },
      condensation: { method: 'synthetic', params: { seed, noise: [NOISE_MIN, NOISE_MAX] } },
      scoring: { model: 'synthetic', params: { derivedFrom: 'per-sample noise level', seed } },
      tool: { name: 'makeTinyBundle', version: '1' },
    },
    images,
    labels,
    scores,
    testImages,
    testLabels,
    ...(opts.features
      ? {
          features: {
            values: Float32Array.from(noise),
            dim: 1,
            model: 'synthetic: the noise level σ',
          },
        }
      : {}),
    ...(opts.teacher
      ? { teacher: tinyTeacher([size, size, channels], classes, stored, testCount, rng) }
      : {}),
  });
  return { manifest, files, getFile: getFileFromMap(files), noise };
}

/** Two small bundles of different shapes (4 classes × IPC 3, 3 × IPC 2), for tests that switch. */
export function makeTwoTinyBundles(): Promise<[TinyBundle, TinyBundle]> {
  return Promise.all([
    makeTinyBundle({ classes: 4, ipc: 3, factor: 2, size: 8, seed: 1 }),
    makeTinyBundle({ classes: 3, ipc: 2, factor: 2, size: 8, seed: 2 }),
  ]);
}
