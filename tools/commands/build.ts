// `yoco build <dataset-folder> --out <bundle-folder> [--id … --title …] [parameters]`: condense a
// real labelled dataset once (design.md §6) into a bundle with scores. Stages are cached under --cache;
// re-running with the same inputs and parameters skips them, so a stopped build resumes. The flags
// and their checks are in build-flags.ts. --teacher also trains a teacher and adds it (add-teacher.ts).
import { parseFolderCommand, shellLine } from '../lib/args';
import { addTeacher } from '../builder/add-teacher';
import { TEACHER_DEFAULTS } from '../builder/teacher';
import { initNodeBackend } from '../lib/backend-node';
import { importDataset, shuffleSplit } from '../datasets';
import { buildBundle } from '../builder/pipeline';
import { bundleNames, writeScoredBundle } from '../builder/write-scored';
import { BUILD_FLAGS, parseBuildFlags } from './build-flags';

export async function runBuild(argv: string[]): Promise<number> {
  const synopsis = '<dataset-folder> --out <bundle-folder> [options]';
  const cmd = parseFolderCommand(argv, BUILD_FLAGS, 'build', synopsis, 'dataset folder');
  if (!cmd) return 0;
  const { args, dir: source } = cmd;
  const {
    out,
    params: p,
    probeAt,
    format,
    flip,
    cacheDir,
    force,
    teacher,
    ...node
  } = parseBuildFlags(args);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const started = performance.now();

  const { backend, threads } = await initNodeBackend(
    node.backend,
    node.threads !== undefined ? { threads: node.threads } : {},
  );
  log(`importing ${source}`);
  const imported = await importDataset(source, format ? { format } : {});
  // The test set is stored in a seeded random order: importers keep the source's order, which is
  // class by class for an image folder. (Training and scoring do not depend on it.)
  const data = { ...imported, test: shuffleSplit(imported.test, p.seed) };
  log(
    `imported ${data.source.name}: ${data.train.count} train, ${data.test.count} test (stored shuffled, seed ${p.seed}), ${data.classes.length} classes, ${data.shape.join('×')}`,
  );
  const outcome = await buildBundle(data, p, flip, { cacheDir, force, log }, log, { probeAt });
  await writeScoredBundle({
    out,
    command: 'build',
    argv,
    fields: {
      ...bundleNames(args, out, `${data.source.name}, IPC ${p.ipc}, factor ${p.factor}`),
      source: {
        name: data.source.name,
        licence: data.source.license,
        ...(data.source.url ? { url: data.source.url } : {}),
        trainCount: data.train.count,
        testCount: data.test.count,
      },
      classes: data.classes,
      imageShape: data.shape,
      ipc: p.ipc,
      factor: p.factor,
      flip,
      normalization: outcome.normalization,
      condensation: outcome.condensation,
    },
    condensed: outcome.condensed,
    p,
    scoring: outcome,
    test: data.test,
    log,
    backend,
    threads,
    stageSeconds: outcome.stageSeconds,
    started,
  });
  if (teacher) {
    // On the test split as imported (the teacher's cached epochs are keyed by it).
    await addTeacher(out, imported, TEACHER_DEFAULTS, {
      cacheDir,
      log,
      command: `npm run yoco -- build ${shellLine(argv)}`,
    });
  }
  return 0;
}
