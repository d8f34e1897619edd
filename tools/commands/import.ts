// `yoco import FILE [FILE2] --test <dataset folder> --out <bundle>`: bring a condensed set made by
// another tool (DC/DSA/DM result .pt, IDC data.pt, MTT images_best.pt + labels_best.pt, KIP .npz;
// src/engine/import/) into a normal bundle: read and check it against the test set (image shape,
// class count), un-normalise it, score it as `yoco build` does (LBPE and the baselines, cached per
// scoring run, so a stopped import resumes), and record in the manifest where it came from (file
// names, sizes, SHA-256, layout, flags). `yoco table` and the app then use it as any bundle.
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  getBoolean,
  getList,
  getNumber,
  getString,
  intFlag,
  parseCommand,
  UsageError,
  type FlagSpecs,
  type ParsedArgs,
} from '../lib/args';
import { initNodeBackend } from '../lib/backend-node';
import { backendFlags } from '../lib/experiment-flags';
import { importTestSet, shuffleSplit, type ImportFormat } from '../datasets';
import { BUNDLE_OUT_FLAGS, checkScoreFlags, paramFlagSpecs, readParamFlags } from './build-flags';
import { stageHash } from '../builder/cache';
import { SCORE_PARAMS, scoreCondensed, stageTimer, type ScoreParams } from '../builder/score';
import { bundleNames, writeScoredBundle } from '../builder/write-scored';
import { sha256Hex } from '../../src/engine/bundle/sha256';
import { ImportError } from '../../src/engine/errors';
import { importCondensed } from '../../src/engine/import/condensed';
import { checkImportFileSize } from '../../src/engine/import/limits';
import { knownNormalization } from '../../src/engine/import/normalization';
import { importedFields, sourceRecords } from '../../src/engine/import/provenance';
import { LAYOUT_INFO, LAYOUTS, type Layout } from '../../src/engine/import/types';
import type { Normalization } from '../../src/engine/train/normalize';

const PIXELS = ['normalized', 'unit'] as const;

export const IMPORT_FLAGS: FlagSpecs = {
  test: {
    kind: 'string',
    description: 'dataset folder with the real test set (IDX, CIFAR-10, image folder)',
  },
  layout: {
    kind: 'string',
    description: `auto | ${LAYOUTS.join(' | ')} (default auto: recognised from the files)`,
  },
  exp: intFlag(0, 10_000, 'DC/DSA/DM result files: the experiment to import (default 0)'),
  factor: intFlag(
    1,
    16,
    'multi-formation factor of the stored images (default: 2 for IDC, else 1)',
  ),
  mean: {
    kind: 'list',
    description:
      "the dataset's per-channel mean, pixel/255 units (default: known for the test set)",
  },
  std: {
    kind: 'list',
    description: "the dataset's per-channel std, pixel/255 units (default: known for the test set)",
  },
  pixels: {
    kind: 'string',
    description:
      'normalized | unit: how the file stores pixels (default: unit for IDC, else normalized)',
  },
  'skip-whitening-check': {
    kind: 'boolean',
    description:
      'MTT, KIP: import even when the pixels look ZCA-whitened (low neighbour correlation)',
  },
  ...BUNDLE_OUT_FLAGS,
  ...paramFlagSpecs(SCORE_PARAMS),
  help: { kind: 'boolean', description: 'show this help' },
};

/** --mean/--std when given (both, one value per channel), else the known values for the dataset. */
function resolveNormalization(
  args: ParsedArgs,
  dataset: string,
  channels: number,
): { normalization: Normalization; from: string } {
  const [mean, std] = (['mean', 'std'] as const).map((k) => getList(args, k)?.map(Number));
  if (mean || std) {
    if (!mean || !std) throw new UsageError('give both --mean and --std');
    for (const [name, values, lo] of [
      ['mean', mean, 0],
      ['std', std, 0.001],
    ] as const) {
      if (values.length !== channels || values.some((v) => !(v >= lo && v <= 1))) {
        throw new UsageError(
          `--${name} needs ${channels} value(s) in [${lo}, 1] (pixel/255 units), got ${values.join(',')}`,
        );
      }
    }
    return { normalization: { mean, std }, from: '--mean/--std' };
  }
  const known = knownNormalization(dataset);
  if (!known || known.normalization.mean.length !== channels) {
    throw new UsageError(
      `no known mean/std for "${dataset}": give --mean and --std (pixel/255 units)`,
    );
  }
  return {
    normalization: known.normalization,
    from: `the reference code's values for ${known.dataset}`,
  };
}

/** The file as a Blob backed by the disk (read in ranges by the importer), size-checked first. */
async function openInput(path: string): Promise<Blob> {
  const size = await stat(path).then(
    (s) => (s.isFile() ? s.size : -1),
    () => -1,
  );
  if (size < 0) throw new ImportError(path, 'not a readable file');
  checkImportFileSize(path, size);
  return openAsBlob(path);
}

export async function runImport(argv: string[]): Promise<number> {
  const synopsis = 'FILE [FILE2] --test <dataset-folder> --out <bundle-folder> [options]';
  const args = parseCommand(argv, IMPORT_FLAGS, 'import', synopsis);
  if (!args) return 0;
  const paths = args.positional;
  if (paths.length < 1 || paths.length > 2)
    throw new UsageError(`expected one or two files, got ${paths.length}`);
  const [testDir, out] = [getString(args, 'test'), getString(args, 'out')];
  if (!testDir) throw new UsageError('missing --test');
  if (!out) throw new UsageError('missing --out');
  const layout = getString(args, 'layout', 'auto') as Layout | 'auto';
  if (layout !== 'auto' && !LAYOUTS.includes(layout))
    throw new UsageError(`--layout must be auto or ${LAYOUTS.join(', ')}, got "${layout}"`);
  const pixels = getString(args, 'pixels');
  if (pixels !== undefined && !(PIXELS as readonly string[]).includes(pixels))
    throw new UsageError(`--pixels must be normalized or unit, got "${pixels}"`);
  const exp = getNumber(args, 'exp');
  const factor = getNumber(args, 'factor');
  const format = getString(args, 'format') as ImportFormat | undefined;
  const p = readParamFlags(args, SCORE_PARAMS) as ScoreParams;
  checkScoreFlags(p);
  const flip = getBoolean(args, 'flip') ?? true;
  const node = backendFlags(args);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const started = performance.now();

  const test = await importTestSet(testDir, format ? { format } : {});
  const [, , channels] = test.split.shape;
  const { normalization, from } = resolveNormalization(args, test.source.name, channels);
  const files = await Promise.all(
    paths.map(async (path) => ({ path, name: basename(path), blob: await openInput(path) })),
  );
  const t0 = performance.now();
  const set = await importCondensed(files, {
    layout,
    ...(exp !== undefined ? { experiment: exp } : {}),
    ...(factor !== undefined ? { factor } : {}),
    ...(pixels !== undefined ? { normalized: pixels === 'normalized' } : {}),
    normalization,
    classCount: test.split.classes.length,
    imageShape: test.split.shape,
    checkWhitening: getBoolean(args, 'skip-whitening-check') !== true,
  });
  const importSeconds = (performance.now() - t0) / 1000;
  log(
    `imported ${paths.join(' + ')} as ${set.layout} (${set.formats.join(', ')}) in ${importSeconds.toFixed(2)} s: ` +
      `${set.classCount} classes × ${set.ipc} images, ${set.shape.join('×')}, factor ${set.factor}` +
      (set.experiment ? `, experiment ${set.experiment.index} of ${set.experiment.count}` : ''),
  );
  log(`mean/std: ${normalization.mean.join(',')} / ${normalization.std.join(',')} (${from})`);
  for (const note of set.notes) log(`note: ${note}`);

  const { backend, threads } = await initNodeBackend(
    node.backend,
    node.threads !== undefined ? { threads: node.threads } : {},
  );
  const shuffled = shuffleSplit(test.split, p.seed);
  const sources = await sourceRecords(files, set);
  const condensed = { images: set.images, labels: set.labels, count: set.count };
  // The scoring runs are cached under the imported pixels and labels themselves.
  const upstream = {
    hash: stageHash(
      'import',
      {
        images: await sha256Hex(new Uint8Array(set.images.buffer)),
        labels: Array.from(set.labels),
        factor: set.factor,
        normalization,
      },
      'none',
    ),
  };
  const stageSeconds: Record<string, number> = { import: importSeconds };
  const ctx = {
    cacheDir: getString(args, 'cache', '.cache/build'),
    force: getBoolean(args, 'force') === true,
    log,
  };
  const timed = stageTimer(log, stageSeconds, []);
  const scoring = await scoreCondensed({
    condensed,
    shape: set.shape,
    factor: set.factor,
    classCount: set.classCount,
    normalization,
    p,
    flip,
    ctx,
    log,
    timed,
    upstream,
  });
  await writeScoredBundle({
    out,
    command: 'import',
    argv,
    fields: {
      ...bundleNames(
        args,
        out,
        `${test.source.name}, IPC ${set.ipc}, imported ${set.layout.toUpperCase()} set (${sources[0]!.name})`,
      ),
      source: {
        name: test.source.name,
        licence: test.source.license,
        ...(test.source.url ? { url: test.source.url } : {}),
        testCount: test.split.count,
      },
      classes: test.split.classes,
      ...importedFields(set, sources, normalization, flip, {
        pixels: set.normalized ? 'normalized' : 'unit',
        normalizationFrom: from,
        neighbourCorrelation: Math.round(set.neighbourCorrelation * 1e4) / 1e4,
        whiteningCheck: !LAYOUT_INFO[set.layout].mayBeWhitened
          ? 'not run (the layout is never whitened)'
          : getBoolean(args, 'skip-whitening-check') === true
            ? 'skipped'
            : 'passed',
      }),
    },
    condensed,
    p,
    scoring,
    test: shuffled,
    log,
    backend,
    threads,
    stageSeconds,
    started,
  });
  return 0;
}
