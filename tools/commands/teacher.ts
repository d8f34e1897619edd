// `yoco teacher <bundle-folder> --train <dataset-folder> [options]`: train a teacher for a bundle
// (docs/bundles.md "teacher") on the real training set the bundle was condensed from, measure it on
// the whole test set, and add it to the bundle (teacher.bin and the manifest's `teacher`), so that
// runs can train on its soft labels (`--labels teacher`). Works on any bundle, imported ones
// included. Each epoch is a cached stage (tools/builder/teacher.ts): a stopped run resumes.
import { BACKEND_FLAGS, backendFlags } from '../lib/experiment-flags';
import {
  getBoolean,
  getNumber,
  getString,
  intFlag,
  parseFolderCommand,
  shellLine,
  UsageError,
  type FlagSpecs,
} from '../lib/args';
import { initNodeBackend } from '../lib/backend-node';
import { importDataset } from '../datasets';
import { TEACHER_DEFAULTS, type TeacherParams } from '../builder/teacher';
import { addTeacher } from '../builder/add-teacher';

export const FLAGS: FlagSpecs = {
  train: {
    kind: 'string',
    description: 'the real dataset folder the bundle was condensed from (its training set)',
  },
  epochs: intFlag(1, 1000, `teacher epochs (default ${TEACHER_DEFAULTS.epochs})`),
  width: intFlag(1, 1024, `teacher ConvNet width (default ${TEACHER_DEFAULTS.width})`),
  depth: intFlag(1, 8, `teacher ConvNet depth (default ${TEACHER_DEFAULTS.depth})`),
  batch: intFlag(1, 4096, `batch size (default ${TEACHER_DEFAULTS.batchSize})`),
  seed: intFlag(0, 2 ** 31 - 1, `seed (default ${TEACHER_DEFAULTS.seed})`),
  augment: {
    kind: 'boolean',
    description: "train with the students' augmentation and CutMix (default: clean images)",
  },
  cache: { kind: 'string', description: 'stage cache folder (default .cache/build)' },
  ...BACKEND_FLAGS,
  help: { kind: 'boolean', description: 'show this help' },
};

const SYNOPSIS = '<bundle-folder> --train <dataset-folder> [options]';

export async function runTeacher(argv: string[]): Promise<number> {
  const cmd = parseFolderCommand(argv, FLAGS, 'teacher', SYNOPSIS, 'bundle folder');
  if (!cmd) return 0;
  const { args, dir } = cmd;
  const source = getString(args, 'train');
  if (source === undefined) throw new UsageError('--train <dataset-folder> is required');
  const num = (name: string, fallback: number): number => getNumber(args, name, fallback);
  const p: TeacherParams = {
    width: num('width', TEACHER_DEFAULTS.width),
    depth: num('depth', TEACHER_DEFAULTS.depth),
    epochs: num('epochs', TEACHER_DEFAULTS.epochs),
    batchSize: num('batch', TEACHER_DEFAULTS.batchSize),
    seed: num('seed', TEACHER_DEFAULTS.seed),
    augment: getBoolean(args, 'augment') ?? TEACHER_DEFAULTS.augment,
  };
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const node = backendFlags(args);
  await initNodeBackend(node.backend, node.threads !== undefined ? { threads: node.threads } : {});
  log(`importing ${source}`);
  const data = await importDataset(source);
  await addTeacher(dir, data, p, {
    cacheDir: getString(args, 'cache', '.cache/build'),
    log,
    command: `npm run yoco -- teacher ${shellLine(argv)}`,
  });
  return 0;
}
