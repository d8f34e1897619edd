// Adding a teacher to a bundle folder (`yoco teacher`, and `yoco build --teacher`): check that the
// real dataset matches the bundle (same classes in the same order, same image shape), train the
// teacher on its training set (teacher.ts, resumable), and write it into the bundle with the
// command that made it (tools/lib/attach-teacher.ts).
import { UsageError } from '../lib/args';
import { attachTeacher } from '../lib/attach-teacher';
import { readBundleDir } from '../lib/bundle-fs';
import { formatDuration } from '../lib/progress';
import type { ImportedDataset } from '../datasets';
import { trainTeacher, type TeacherParams } from './teacher';
import { packWeights } from '../../src/engine/model/weights-file';
import { teacherModelConfig } from '../../src/engine/bundle/teacher';

export interface AddTeacherContext {
  readonly cacheDir: string;
  readonly log: (m: string) => void;
  /** The command line recorded in the manifest's `teacher.command`. */
  readonly command: string;
}

/**
 * Trains a teacher on `data` (its test split in the order it was imported: the cached epochs are
 * keyed by it) and adds it to the bundle in `dir`. Returns its test accuracy.
 */
export async function addTeacher(
  dir: string,
  data: ImportedDataset,
  p: TeacherParams,
  ctx: AddTeacherContext,
): Promise<number> {
  const { log } = ctx;
  const m = (await readBundleDir(dir)).manifest;
  // The teacher labels the bundle's images: it must know the same classes, in the same order.
  if (data.classes.join('\n') !== m.classes.join('\n')) {
    throw new UsageError(
      `the dataset has classes [${data.classes.join(', ')}], the bundle [${m.classes.join(', ')}]`,
    );
  }
  if (data.shape.join() !== m.imageShape.join()) {
    throw new UsageError(
      `the dataset has ${data.shape.join('×')} images, the bundle ${m.imageShape.join('×')}`,
    );
  }
  log(
    `training a width-${p.width}, depth-${p.depth} ConvNet on ${data.train.count} ${data.source.name} images for ${p.epochs} epochs`,
  );
  const teacher = await trainTeacher(
    {
      train: data.train,
      test: data.test,
      shape: m.imageShape,
      numClasses: m.classes.length,
      flip: m.flip,
      normalization: m.normalization,
    },
    p,
    { cacheDir: ctx.cacheDir, log },
    log,
  );
  const info = {
    architecture: 'ConvNet',
    width: p.width,
    depth: p.depth,
    norm: 'instancenorm',
    trainedOn: { name: `${data.source.name} training set`, count: data.train.count },
    epochs: p.epochs,
    testAccuracy: Number(teacher.testAccuracy.toFixed(4)),
    testImages: teacher.testImages,
    command: ctx.command,
  } as const;
  await attachTeacher(dir, info, packWeights(teacherModelConfig(m, info), teacher.weights));
  log(
    `added the teacher to ${dir}: ${(100 * teacher.testAccuracy).toFixed(2)}% on ${teacher.testImages} test images${teacher.seconds > 0 ? `, trained in ${formatDuration(teacher.seconds)}` : ''}`,
  );
  return teacher.testAccuracy;
}
