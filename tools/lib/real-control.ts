// The random-real-images control of a table (`yoco table --real <dataset-folder>`, row
// `real+random`): IPC_T real training images per class, drawn at random for each seed, trained with
// the table's own protocol and labels (with `--labels teacher`, the bundle's teacher labels them, as
// "A label is worth a thousand images" does) and tested on the bundle's test set. The same storage as
// the bundle at IPC_T, whole real images instead of condensed ones. It runs through the engine
// session like every cell: the real training set becomes an in-memory bundle (factor 1, every image
// of every class, class-major; scores are zeros, which random selection never reads) that shares the
// bundle's test set, normalisation and teacher.
import { createSession } from '../../src/engine/session';
import { getFileFromMap, type LoadedBundle } from '../../src/engine/bundle/read';
import { buildBundleFiles } from '../../src/engine/bundle/write';
import { REAL_CONTROL_ROW } from '../../src/engine/bundle/manifest';
import { SCORE_NAMES } from '../../src/engine/types';
import { UsageError } from './args';
import { sha256Hex } from '../builder/stable-hash';
import type { BundleSession } from './session-node';
import { importDataset } from '../datasets';

/** The control's row name in a table. */
export const REAL_ROW = REAL_CONTROL_ROW;

export interface RealControl extends BundleSession {
  /** Digest of the real images and labels (part of the control's cell keys). */
  readonly digest: string;
}

/** Opens the control for `bundle` from the real dataset in `dir` (its classes and shape must match). */
export async function openRealControl(bundle: LoadedBundle, dir: string): Promise<RealControl> {
  const m = bundle.manifest;
  const data = await importDataset(dir);
  if (
    data.classes.join('\n') !== m.classes.join('\n') ||
    data.shape.join() !== m.imageShape.join()
  ) {
    throw new UsageError(
      `--real ${dir}: ${data.shape.join('×')} images in classes [${data.classes.join(', ')}], the bundle has ${m.imageShape.join('×')} in [${m.classes.join(', ')}]`,
    );
  }
  const K = m.classes.length;
  const size = data.shape[0] * data.shape[1] * data.shape[2];
  const byClass: number[][] = Array.from({ length: K }, () => []);
  for (let i = 0; i < data.train.count; i++) byClass[data.train.labels[i]!]!.push(i);
  // Equal counts per class (a bundle stores IPC images of every class): the smallest class's.
  const per = Math.min(...byClass.map((c) => c.length));
  const images = new Uint8Array(K * per * size);
  const labels = new Uint8Array(K * per);
  for (let c = 0; c < K; c++) {
    for (let j = 0; j < per; j++) {
      const src = byClass[c]![j]!;
      images.set(data.train.images.subarray(src * size, (src + 1) * size), (c * per + j) * size);
      labels[c * per + j] = c;
    }
  }
  const zeros = new Float32Array(K * per);
  const {
    files: _f,
    features: _x,
    referenceTable: _r,
    teacherTable: _t,
    teacher: _teacher,
    ...rest
  } = m;
  const { files } = await buildBundleFiles({
    manifest: {
      ...rest,
      id: `${m.id}-real-control`,
      title: `${data.source.name}: real images (control)`,
      ipc: per,
      factor: 1,
      imageDType: 'uint8',
    },
    images,
    labels,
    scores: Object.fromEntries(SCORE_NAMES.map((n) => [n, zeros])) as Record<
      (typeof SCORE_NAMES)[number],
      Float32Array
    >,
    testImages: bundle.testImages as Uint8Array,
    testLabels: bundle.testLabels,
    ...(bundle.teacher ? { teacher: bundle.teacher } : {}),
  });
  const session = createSession({ getFile: () => getFileFromMap(files) });
  await session.loadBundle('memory://real-control/');
  return { session, bundle: session.loaded()!, digest: sha256Hex(images) + sha256Hex(labels) };
}
