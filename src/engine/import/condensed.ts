// Import a condensed set made by another tool (DC/DSA/DM, IDC, MTT, KIP) into the form a bundle
// stores: float32 NHWC in pixel/255 units, class-major and balanced. Pure: bytes in, arrays out,
// so the CLI (`yoco import`) and the app's worker run the same code. The pixels are un-normalised
// with the dataset's mean/std when the layout stores them normalised, and never clipped: values
// outside [0, 1] stay (the bundle allows |v| ≤ 64; beyond that the units must be wrong). The
// pixels are rearranged in the decoded array itself, so an import peaks near the decoded size.
import { ImportError } from '../errors';
import { MAX_ABS_FLOAT_PIXEL } from '../bundle/manifest';
import { classMajorOrder, hardLabels } from './labels';
import { readLayout } from './layouts';
import { isFloatDType } from './ndarray';
import {
  LAYOUT_INFO,
  type CondensedFile,
  type CondensedImportOptions,
  type CondensedSet,
} from './types';
import { WHITENING_THRESHOLD, neighbourCorrelation } from './whitening';

interface LayoutPlan {
  readonly channelsLast: boolean;
  readonly normalized: boolean;
  readonly mean: readonly number[];
  readonly std: readonly number[];
  /** New position n takes stored image order[n]. */
  readonly order: Int32Array;
  readonly fail: (detail: string) => ImportError;
}

/**
 * In place: each stored image to HWC pixel/255 units (checked: finite, within ±MAX_ABS_FLOAT_PIXEL),
 * then the images permuted class-major by following the permutation's cycles with one image of
 * scratch. `data` is the decoded array, owned by the import: no second full-size copy is made.
 */
function toBundleLayout(
  data: Float32Array,
  count: number,
  [H, W, C]: readonly [number, number, number],
  plan: LayoutPlan,
): Float32Array {
  const per = H * W * C;
  const scratch = new Float32Array(per);
  for (let n = 0; n < count; n++) {
    const img = data.subarray(n * per, (n + 1) * per);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        for (let ch = 0; ch < C; ch++) {
          const at = plan.channelsLast || C === 1 ? (y * W + x) * C + ch : (ch * H + y) * W + x;
          const v = img[at]!;
          const pixel = plan.normalized ? v * plan.std[ch]! + plan.mean[ch]! : v;
          if (!Number.isFinite(pixel) || Math.abs(pixel) > MAX_ABS_FLOAT_PIXEL) {
            const where = `image ${n} at row ${y}, column ${x}, channel ${ch}`;
            throw plan.fail(
              Number.isNaN(pixel)
                ? `${where} is NaN (not a number): the file's pixels are broken`
                : `${where} has the value ${pixel} (pixel/255 units): beyond ±${MAX_ABS_FLOAT_PIXEL}, so the mean/std or the units are wrong`,
            );
          }
          scratch[(y * W + x) * C + ch] = pixel;
        }
      }
    }
    img.set(scratch);
  }
  const placed = new Uint8Array(count);
  for (let start = 0; start < count; start++) {
    if (placed[start] || plan.order[start] === start) continue;
    scratch.set(data.subarray(start * per, (start + 1) * per));
    let j = start;
    for (;;) {
      placed[j] = 1;
      const k = plan.order[j]!;
      if (k === start) {
        data.set(scratch, j * per);
        break;
      }
      data.copyWithin(j * per, k * per, (k + 1) * per);
      j = k;
    }
  }
  return data;
}

export async function importCondensed(
  files: readonly CondensedFile[],
  options: CondensedImportOptions,
): Promise<CondensedSet> {
  const data = await readLayout(files, options.layout ?? 'auto', options.experiment ?? 0);
  const { layout, images: raw, file } = data;
  const info = LAYOUT_INFO[layout];
  const fail = (detail: string, problem: 'pixels' | 'mismatch' | 'whitened' = 'mismatch') =>
    new ImportError(file, detail, problem);
  const dims = raw.shape;
  if (!isFloatDType(raw.dtype) || (dims.length !== 3 && dims.length !== 4)) {
    throw fail(
      `images are ${raw.dtype} of shape ${dims.join('×')}; expected float N×C×H×W`,
      'pixels',
    );
  }
  const [N, a, b, c] = dims as [number, number, number, number?];
  const shape: [number, number, number] =
    c === undefined ? [a, b, 1] : data.channelsLast ? [a, b, c] : [b, c, a];
  const [H, W, C] = shape;
  const expected = options.imageShape;
  if (expected && expected.join() !== shape.join()) {
    throw fail(
      `images are ${shape.join('×')} (H×W×C) but the test set's are ${expected.join('×')}`,
    );
  }
  const factor = options.factor ?? info.factor;
  if (!Number.isInteger(factor) || factor < 1 || H % factor !== 0 || W % factor !== 0) {
    throw fail(`factor ${factor} does not divide the ${H}×${W} images`);
  }
  const notes: string[] = [];
  const labels = hardLabels(file, data.labels, N, options.classCount, notes);
  const { order, ipc } = classMajorOrder(file, labels, options.classCount, notes);
  const normalized = options.normalized ?? info.normalized;
  const { mean, std } = options.normalization;
  if (mean.length !== C || std.length !== C) {
    throw fail(`mean/std give ${mean.length} channel(s), the images have ${C}`);
  }
  const images = toBundleLayout(raw.data as Float32Array, N, shape, {
    channelsLast: data.channelsLast,
    normalized,
    mean,
    std,
    order,
    fail: (detail) => fail(detail, 'pixels'),
  });
  const correlation = neighbourCorrelation(images, shape);
  if (info.mayBeWhitened && options.checkWhitening !== false && correlation < WHITENING_THRESHOLD) {
    throw fail(
      `looks ZCA-whitened: neighbouring pixels correlate ${correlation.toFixed(3)} (natural and ` +
        `condensed images: above ${WHITENING_THRESHOLD}). A whitened set cannot be un-whitened ` +
        `without the whitening matrix of its dataset; condense without ZCA, or, if it is not whitened, skip this check`,
      'whitened',
    );
  }
  if (normalized) {
    notes.push(
      `un-normalised with mean ${mean.join(', ')} and std ${std.join(', ')} (pixel/255 units)`,
    );
  }
  const labelsOut = Int32Array.from(order, (i) => labels[i]!);
  return {
    layout,
    formats: data.formats,
    images,
    labels: labelsOut,
    shape,
    count: N,
    ipc,
    classCount: options.classCount,
    factor,
    normalized,
    ...(data.experiment ? { experiment: data.experiment } : {}),
    neighbourCorrelation: correlation,
    notes,
  };
}
