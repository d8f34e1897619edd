// `yoco build <dataset-folder> --out <bundle-folder> [--id … --title …] [parameters]`: condense a
// real labelled dataset once (design.md §6) into a bundle with scores. Stages are cached under --cache;
// re-running with the same inputs and parameters skips them, so a stopped build resumes.
import {
  getBoolean,
  getNumber,
  getNumberList,
  getString,
  parseFolderCommand,
  requireInt,
  shellLine,
  UsageError,
  type FlagSpecs,
} from '../lib/args';
import { initNodeBackend } from '../lib/backend-node';
import { writeBundleDir } from '../lib/bundle-fs';
import { importDataset, shuffleSplit, type ImportFormat } from '../lib/import';
import { runBuild } from '../build/pipeline';
import {
  BUILD_DEFAULTS,
  CONDENSE_METHODS,
  type BuildParams,
  type CondenseMethod,
  type NumericBuildParam,
} from '../build/params';
import { RDED_SELECTS, type RdedSelect } from '../build/rded';
import { buildBundleFiles } from '../../src/engine/bundle/write';
import { FORMAT_VERSION } from '../../src/engine/bundle/manifest';
import { formatDuration } from '../lib/progress';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** Integers are ≥ min; other values lie in (min, max], or [min, max] with inclusiveMin (max 1 unless set). */
const PARAM_FLAGS: Record<
  NumericBuildParam,
  {
    flag: string;
    description: string;
    integer: boolean;
    min: number;
    inclusiveMin?: boolean;
    max?: number;
  }
> = {
  ipc: { flag: 'ipc', description: 'IPC_F, stored images per class', integer: true, min: 1 },
  factor: { flag: 'factor', description: 'multi-formation factor f', integer: true, min: 1 },
  observerWidth: {
    flag: 'observer-width',
    description: 'observer ConvNet width',
    integer: true,
    min: 1,
  },
  observerEpochs: {
    flag: 'observer-epochs',
    description: 'observer epochs on the real training set',
    integer: true,
    min: 1,
  },
  keep: {
    flag: 'keep',
    description: 'BiLP pre-pruning: fraction of each class kept',
    integer: false,
    min: 0,
  },
  pool: { flag: 'pool', description: "RDED pool |T'_c| per class", integer: true, min: 1 },
  crops: { flag: 'crops', description: 'RDED crops per pool image', integer: true, min: 1 },
  dmIterations: {
    flag: 'dm-iterations',
    description: 'DM: iterations (0 keeps the mosaic initialisation)',
    integer: true,
    min: 0,
  },
  dmLr: {
    flag: 'dm-lr',
    description: 'DM: learning rate of the pixels, normalised units',
    integer: false,
    min: 0,
    max: Infinity,
  },
  dmMomentum: {
    flag: 'dm-momentum',
    description: 'DM: momentum of the pixels',
    integer: false,
    min: 0,
    inclusiveMin: true,
    max: 0.999,
  },
  dmRealBatch: {
    flag: 'dm-real-batch',
    description: 'DM: real images per class per iteration',
    integer: true,
    min: 1,
  },
  dmWidth: { flag: 'dm-width', description: 'DM: embedder ConvNet width', integer: true, min: 1 },
  dmCheckpointEvery: {
    flag: 'dm-checkpoint-every',
    description: 'DM: save the state every N iterations',
    integer: true,
    min: 1,
  },
  probeEpochs: {
    flag: 'probe-epochs',
    description: 'DM: epochs of the full-set accuracy probes',
    integer: true,
    min: 1,
  },
  scoreWidth: { flag: 'score-width', description: 'scoring ConvNet width', integer: true, min: 1 },
  scoreEpochs: {
    flag: 'score-epochs',
    description: 'E: epochs of training dynamics recorded',
    integer: true,
    min: 1,
  },
  topK: {
    flag: 'top-k',
    description: 'K: top-accuracy epochs summed for LBPE',
    integer: true,
    min: 1,
  },
  runs: {
    flag: 'runs',
    description: 'R: independent scoring runs averaged',
    integer: true,
    min: 1,
  },
  scoreScheduleEpochs: {
    flag: 'score-schedule',
    description: 'learning-rate schedule length the scoring runs start',
    integer: true,
    min: 1,
  },
  scoreCutmix: {
    flag: 'score-cutmix',
    description: 'CutMix probability in the scoring runs (0 records un-mixed passes)',
    integer: false,
    min: 0,
    inclusiveMin: true,
  },
  depth: { flag: 'depth', description: 'ConvNet depth', integer: true, min: 1 },
  batchSize: { flag: 'batch', description: 'batch size', integer: true, min: 1 },
  seed: { flag: 'seed', description: 'seed of every random step', integer: true, min: 0 },
};

const FLAGS: FlagSpecs = {
  out: { kind: 'string', description: 'bundle folder to write (replaced atomically)' },
  id: { kind: 'string', description: 'bundle id (default: the out folder name)' },
  title: { kind: 'string', description: 'bundle title' },
  format: { kind: 'string', description: 'idx | cifar10 | folder (default: detected)' },
  flip: {
    kind: 'boolean',
    description: 'horizontal flips are valid for this data (default on; --no-flip for digits)',
    negation: 'no-flip',
  },
  cache: { kind: 'string', description: 'stage cache folder (default .cache/build)' },
  force: { kind: 'boolean', description: 'recompute every stage' },
  backend: { kind: 'string', description: 'wasm | cpu (default wasm)' },
  threads: {
    kind: 'number',
    description: 'wasm threads (default: one per core, at most 8; 1 is steadier on a busy machine)',
  },
  condense: {
    kind: 'string',
    description: `condensation: ${CONDENSE_METHODS.join(' | ')} (default ${BUILD_DEFAULTS.condense}; dm writes float32 images)`,
  },
  'dm-probe-at': {
    kind: 'list',
    description:
      'DM: also probe full-set accuracy at these checkpointed iterations (comma list; 0 and the end always)',
  },
  'crop-select': {
    kind: 'string',
    description: `RDED crop choice: ${RDED_SELECTS.join(' | ')} (default ${BUILD_DEFAULTS.cropSelect}; random is a less selective control)`,
  },
  ...Object.fromEntries(
    Object.entries(PARAM_FLAGS).map(([k, v]) => [
      v.flag,
      {
        kind: 'number',
        description: `${v.description} (default ${BUILD_DEFAULTS[k as keyof BuildParams]})`,
      },
    ]),
  ),
  help: { kind: 'boolean', description: 'show this help' },
};

export async function runBuild_(argv: string[]): Promise<number> {
  const synopsis = '<dataset-folder> --out <bundle-folder> [options]';
  const cmd = parseFolderCommand(argv, FLAGS, 'build', synopsis, 'dataset folder');
  if (!cmd) return 0;
  const { args, dir: source } = cmd;
  const out = getString(args, 'out');
  if (!out) throw new UsageError('missing --out');
  const numbers = { ...BUILD_DEFAULTS } as Record<NumericBuildParam, number>;
  for (const [key, spec] of Object.entries(PARAM_FLAGS) as [
    NumericBuildParam,
    (typeof PARAM_FLAGS)[NumericBuildParam],
  ][]) {
    const v = getNumber(args, spec.flag);
    if (v === undefined) continue;
    const max = spec.max ?? 1;
    if (spec.integer) requireInt(v, spec.flag, spec.min);
    else if (!((spec.inclusiveMin ? v >= spec.min : v > spec.min) && v <= max)) {
      throw new UsageError(
        `--${spec.flag} must be in ${spec.inclusiveMin ? '[' : '('}${spec.min}, ${max}], got ${v}`,
      );
    }
    numbers[key] = v;
  }
  const cropSelect = getString(args, 'crop-select', BUILD_DEFAULTS.cropSelect) as RdedSelect;
  if (!RDED_SELECTS.includes(cropSelect)) {
    throw new UsageError(`--crop-select must be ${RDED_SELECTS.join(' or ')}, got "${cropSelect}"`);
  }
  const condense = getString(args, 'condense', BUILD_DEFAULTS.condense) as CondenseMethod;
  if (!CONDENSE_METHODS.includes(condense)) {
    throw new UsageError(`--condense must be ${CONDENSE_METHODS.join(' or ')}, got "${condense}"`);
  }
  const probeAt = getNumberList(args, 'dm-probe-at').map((v) => requireInt(v, 'dm-probe-at', 0));
  if (probeAt.length > 0 && condense !== 'dm')
    throw new UsageError('--dm-probe-at needs --condense dm');
  const p: BuildParams = { ...BUILD_DEFAULTS, ...numbers, cropSelect, condense };
  if (p.topK > p.scoreEpochs)
    throw new UsageError(`--top-k ${p.topK} exceeds --score-epochs ${p.scoreEpochs}`);
  const format = getString(args, 'format') as ImportFormat | undefined;
  if (format !== undefined && !['idx', 'cifar10', 'folder'].includes(format)) {
    throw new UsageError(`--format must be idx, cifar10 or folder, got "${format}"`);
  }
  const backendFlag = getString(args, 'backend', 'wasm');
  if (backendFlag !== 'wasm' && backendFlag !== 'cpu')
    throw new UsageError(`--backend must be wasm or cpu, got "${backendFlag}"`);
  const flip = getBoolean(args, 'flip') ?? true;
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const started = performance.now();

  const threadsFlag = getNumber(args, 'threads');
  const { backend, threads } = await initNodeBackend(
    backendFlag,
    threadsFlag !== undefined ? { threads: requireInt(threadsFlag, 'threads', 1, 8) } : {},
  );
  log(`importing ${source}`);
  const imported = await importDataset(source, format ? { format } : {});
  // The test set is stored in a seeded random order: importers keep the source's order, which is
  // class by class for an image folder. (Training and scoring do not depend on it.)
  const data = { ...imported, test: shuffleSplit(imported.test, p.seed) };
  log(
    `imported ${data.source.name}: ${data.train.count} train, ${data.test.count} test (stored shuffled, seed ${p.seed}), ${data.classes.length} classes, ${data.shape.join('×')}`,
  );
  const outcome = await runBuild(
    data,
    p,
    flip,
    {
      cacheDir: getString(args, 'cache', '.cache/build'),
      force: getBoolean(args, 'force') === true,
      log,
    },
    log,
    { probeAt },
  );
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
