// `yoco build <dataset-folder> --out <bundle-folder> [--id … --title …] [parameters]`: condense a
// real labelled dataset once (design.md §6) into a bundle with scores. Stages are cached under --cache;
// re-running with the same inputs and parameters skips them, so a stopped build resumes. The flags
// and their checks are in build-flags.ts.
import { getString, parseFolderCommand, shellLine } from '../lib/args';
import { initNodeBackend } from '../lib/backend-node';
import { writeBundleDir } from '../lib/bundle-fs';
import { importDataset, shuffleSplit } from '../lib/import';
import { runBuild } from '../build/pipeline';
import { buildBundleFiles } from '../../src/engine/bundle/write';
import { FORMAT_VERSION } from '../../src/engine/bundle/manifest';
import { formatDuration } from '../lib/progress';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BUILD_FLAGS, parseBuildFlags } from './build-flags';

export async function runBuild_(argv: string[]): Promise<number> {
  const synopsis = '<dataset-folder> --out <bundle-folder> [options]';
  const cmd = parseFolderCommand(argv, BUILD_FLAGS, 'build', synopsis, 'dataset folder');
  if (!cmd) return 0;
  const { args, dir: source } = cmd;
  const { out, params: p, probeAt, format, flip, cacheDir, force, ...node } = parseBuildFlags(args);
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
  const outcome = await runBuild(data, p, flip, { cacheDir, force, log }, log, { probeAt });
  const id = getString(args, 'id', basename(out));
  const version = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'))
    .version as string;
  const command = `npm run yoco -- build ${shellLine(argv)}`;
  const { files, manifest } = await buildBundleFiles({
    manifest: {
      formatVersion: FORMAT_VERSION,
      id,
      title: getString(args, 'title', `${data.source.name}, IPC ${p.ipc}, factor ${p.factor}`),
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
      scoring: {
        model: `ConvNet-D${p.depth}`,
        params: {
          width: p.scoreWidth,
          E: p.scoreEpochs,
          K: p.topK,
          R: p.runs,
          epochs: p.scoreEpochs,
          scheduleEpochs: p.scoreScheduleEpochs,
          batchSize: p.batchSize,
          cutmix: p.scoreCutmix,
          runSpearman: outcome.runAgreement,
          seeds: Array.from({ length: p.runs }, (_, r) => p.seed * 1000 + 101 * (r + 1)),
          finalTrainAccuracy: outcome.runs.map((r) => r.finalTrainAccuracy),
          entropyLoss: 'final model of each scoring run, evaluation mode, averaged over runs',
          features: 'penultimate features of the first scoring run (k-means selection)',
        },
      },
      testOrder: { shuffled: true, seed: p.seed },
      tool: { name: 'yoco-web', version, command },
      createdAt: new Date().toISOString(),
    },
    images: outcome.condensed.images,
    labels: outcome.condensed.labels,
    scores: outcome.scores,
    testImages: data.test.images,
    testLabels: data.test.labels,
    features: {
      values: outcome.features,
      dim: outcome.featureDim,
      model: `ConvNet-D${p.depth} width ${p.scoreWidth}, scoring run 1`,
    },
  });
  await writeBundleDir(out, files);
  const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
  log(
    `wrote ${out}: ${files.size} files, ${(bytes / 1e6).toFixed(2)} MB (${manifest.id}), backend ${backend} with ${threads} thread(s)`,
  );
  log(
    `stage times: ${Object.entries(outcome.stageSeconds)
      .map(([k, v]) => `${k} ${formatDuration(v)}`)
      .join(', ')}; total ${formatDuration((performance.now() - started) / 1000)}`,
  );
  return 0;
}

export { runBuild_ as runBuild };
