// The flags of `yoco build` and their checks: one table of the builder's numeric parameters
// (params.ts) with each flag's name, help line and allowed range, the other flags, and
// `parseBuildFlags`, which turns a command line into checked BuildParams and run options before
// anything is read (flags checked against each other included).
import { areNestedPrefixes } from '../../src/engine/condense/dm-types';
import {
  getBoolean,
  getNumber,
  getNumberList,
  getString,
  inRange,
  intFlag,
  rangeText,
  realFlag,
  requireInt,
  UsageError,
  type FlagSpecs,
  type NumberFlagSpec,
  type ParsedArgs,
} from '../lib/args';
import { BACKEND_FLAGS, backendFlags, type BackendFlags } from '../lib/experiment-flags';
import type { ImportFormat } from '../datasets';
import {
  BUILD_DEFAULTS,
  CONDENSE_METHODS,
  type BuildParams,
  type CondenseMethod,
  type NumericBuildParam,
} from '../builder/params';
import { RDED_SELECTS, type RdedSelect } from '../../src/engine/condense/rded';
import type { ScoreParams } from '../../src/engine/scores/score-set';

/** A numeric parameter's flag name and spec (its help line without the default, and its range). */
interface ParamFlag {
  readonly flag: string;
  readonly spec: NumberFlagSpec;
}

/** An integer parameter in [min, max]. */
const int = (flag: string, min: number, max: number, description: string): ParamFlag => ({
  flag,
  spec: intFlag(min, max, description),
});

/** A real parameter in [min, max], or (min, max] with `exclusiveMin`. */
const real = (
  flag: string,
  min: number,
  max: number,
  description: string,
  exclusiveMin = false,
): ParamFlag => ({ flag, spec: realFlag(min, max, description, exclusiveMin) });

// The upper bounds are far above any real build and far below what would exhaust memory or run
// for days: E × samples score entries per run, width² conv weights, batch × width activations.
const PARAM_FLAGS: Record<NumericBuildParam, ParamFlag> = {
  ipc: int('ipc', 1, 1000, 'IPC_F, stored images per class'),
  factor: int('factor', 1, 16, 'multi-formation factor f'),
  observerWidth: int('observer-width', 1, 1024, 'observer ConvNet width'),
  observerEpochs: int('observer-epochs', 1, 100_000, 'observer epochs on the real training set'),
  keep: real('keep', 0, 1, 'BiLP pre-pruning: fraction of each class kept', true),
  pool: int('pool', 1, 10_000, "RDED pool |T'_c| per class"),
  crops: int('crops', 1, 100, 'RDED crops per pool image'),
  dmIterations: int(
    'dm-iterations',
    0,
    100_000,
    'DM: iterations (0 keeps the mosaic initialisation)',
  ),
  dmLr: real('dm-lr', 0, 1000, 'DM: learning rate of the pixels, normalised units', true),
  dmMomentum: real('dm-momentum', 0, 0.999, 'DM: momentum of the pixels'),
  dmRealBatch: int('dm-real-batch', 1, 4096, 'DM: real images per class per iteration'),
  dmWidth: int('dm-width', 1, 1024, 'DM: embedder ConvNet width'),
  dmCheckpointEvery: int(
    'dm-checkpoint-every',
    1,
    100_000,
    'DM: save the state every N iterations',
  ),
  probeEpochs: int('probe-epochs', 1, 100_000, 'DM: epochs of the full-set accuracy probes'),
  scoreWidth: int('score-width', 1, 1024, 'scoring ConvNet width'),
  scoreEpochs: int('score-epochs', 1, 10_000, 'E: epochs of training dynamics recorded'),
  topK: int('top-k', 1, 10_000, 'K: top-accuracy epochs summed for LBPE'),
  runs: int('runs', 1, 100, 'R: independent scoring runs averaged'),
  scoreScheduleEpochs: int(
    'score-schedule',
    1,
    100_000,
    'learning-rate schedule length the scoring runs start',
  ),
  scoreCutmix: real(
    'score-cutmix',
    0,
    1,
    'CutMix probability in the scoring runs (0 records un-mixed passes)',
  ),
  // ConvNet-D halves the image at each block: depth 8 already needs 256×256 inputs.
  depth: int('depth', 1, 8, 'ConvNet depth'),
  batchSize: int('batch', 1, 4096, 'batch size'),
  // Scoring run r's seed is seed · 1000 + 101 (r + 1), which must stay below 2^32.
  seed: int('seed', 0, 1_000_000, 'seed of every random step'),
};

/** The `--flag <number>` specs of numeric parameters `keys`, each with its default in its help. */
export function paramFlagSpecs(keys: readonly NumericBuildParam[]): FlagSpecs {
  return Object.fromEntries(
    keys.map((k) => {
      const { flag, spec } = PARAM_FLAGS[k];
      return [flag, { ...spec, description: `${spec.description} (default ${BUILD_DEFAULTS[k]})` }];
    }),
  );
}

/** Numeric parameters `keys` from the command line (range-checked by parseArgs); the others keep their defaults. */
export function readParamFlags(
  args: ParsedArgs,
  keys: readonly NumericBuildParam[],
): Record<NumericBuildParam, number> {
  const numbers = { ...BUILD_DEFAULTS } as Record<NumericBuildParam, number>;
  for (const key of keys) {
    const { flag, spec } = PARAM_FLAGS[key];
    const v = getNumber(args, flag);
    if (v === undefined) continue;
    // parseArgs has checked it when `args` came from these specs; this guards any other caller.
    if (!inRange(spec, v)) throw new UsageError(`--${flag} must be ${rangeText(spec)}, got ${v}`);
    numbers[key] = v;
  }
  return numbers;
}

/**
 * The scoring flags checked against each other, right after parsing (before any data is read): K
 * top epochs are among the E recorded, and the E epochs are the start of the learning-rate
 * schedule (training would refuse a schedule shorter than its epochs, after the import).
 */
export function checkScoreFlags(
  p: Pick<ScoreParams, 'topK' | 'scoreEpochs' | 'scoreScheduleEpochs'>,
): void {
  if (p.topK > p.scoreEpochs)
    throw new UsageError(`--top-k ${p.topK} exceeds --score-epochs ${p.scoreEpochs}`);
  if (p.scoreEpochs > p.scoreScheduleEpochs) {
    throw new UsageError(
      `--score-epochs ${p.scoreEpochs} exceeds --score-schedule ${p.scoreScheduleEpochs} ` +
        '(the scoring runs are the first E epochs of that learning-rate schedule)',
    );
  }
}

/** What `yoco build` and `yoco import` both take: the bundle to write, its data and the cache. */
export const BUNDLE_OUT_FLAGS: FlagSpecs = {
  out: { kind: 'string', description: 'bundle folder to write (replaced atomically)' },
  id: { kind: 'string', description: 'bundle id (default: the out folder name)' },
  title: { kind: 'string', description: 'bundle title' },
  format: {
    kind: 'string',
    description: 'dataset format: idx | cifar10 | folder (default: detected)',
  },
  flip: {
    kind: 'boolean',
    description: 'horizontal flips are valid for this data (default on; --no-flip for digits)',
    negation: 'no-flip',
  },
  cache: { kind: 'string', description: 'stage cache folder (default .cache/build)' },
  force: { kind: 'boolean', description: 'recompute every stage' },
  ...BACKEND_FLAGS,
};

export const BUILD_FLAGS: FlagSpecs = {
  ...BUNDLE_OUT_FLAGS,
  condense: {
    kind: 'string',
    description: `condensation: ${CONDENSE_METHODS.join(' | ')} (default ${BUILD_DEFAULTS.condense}; dm writes float32 images)`,
  },
  'dm-probe-at': {
    kind: 'list',
    description:
      'DM: also probe full-set accuracy at these checkpointed iterations (comma list; 0 and the end always)',
  },
  'dm-prefixes': {
    kind: 'list',
    description:
      "DM multisize: also match each class's first k stored images, for each k in this comma list (ascending, below --ipc)",
  },
  'crop-select': {
    kind: 'string',
    description: `RDED crop choice: ${RDED_SELECTS.join(' | ')} (default ${BUILD_DEFAULTS.cropSelect}; random is a less selective control)`,
  },
  ...paramFlagSpecs(Object.keys(PARAM_FLAGS) as NumericBuildParam[]),
  teacher: {
    kind: 'boolean',
    description:
      'also train a teacher on the real training set and add it (yoco teacher, its defaults)',
  },
  help: { kind: 'boolean', description: 'show this help' },
};

/** A build's checked command line (what `--out` and the parameters say, the rest as given). */
export interface BuildFlags extends BackendFlags {
  readonly out: string;
  readonly params: BuildParams;
  /** DM iterations to probe besides 0 and the end. */
  readonly probeAt: number[];
  readonly format?: ImportFormat;
  readonly flip: boolean;
  readonly cacheDir: string;
  readonly force: boolean;
  /** Also train and add a teacher (`--teacher`). */
  readonly teacher: boolean;
}

/** Checks every flag of `yoco build`; a UsageError names the first one that is wrong. */
export function parseBuildFlags(args: ParsedArgs): BuildFlags {
  const out = getString(args, 'out');
  if (!out) throw new UsageError('missing --out');
  const numbers = readParamFlags(args, Object.keys(PARAM_FLAGS) as NumericBuildParam[]);
  const cropSelect = getString(args, 'crop-select', BUILD_DEFAULTS.cropSelect) as RdedSelect;
  if (!RDED_SELECTS.includes(cropSelect)) {
    throw new UsageError(`--crop-select must be ${RDED_SELECTS.join(' or ')}, got "${cropSelect}"`);
  }
  const condense = getString(args, 'condense', BUILD_DEFAULTS.condense) as CondenseMethod;
  if (!CONDENSE_METHODS.includes(condense)) {
    throw new UsageError(`--condense must be ${CONDENSE_METHODS.join(' or ')}, got "${condense}"`);
  }
  const dmPrefixes = getNumberList(args, 'dm-prefixes');
  if (dmPrefixes.length > 0 && condense !== 'dm')
    throw new UsageError('--dm-prefixes needs --condense dm');
  const params: BuildParams = { ...BUILD_DEFAULTS, ...numbers, cropSelect, condense, dmPrefixes };
  if (!areNestedPrefixes(dmPrefixes, params.ipc))
    throw new UsageError(
      `--dm-prefixes must be ascending integers in [1, ${params.ipc - 1}] (below --ipc), got ${dmPrefixes.join(',')}`,
    );
  const probeAt = getNumberList(args, 'dm-probe-at').map((v) =>
    requireInt(v, 'dm-probe-at', 0, params.dmIterations),
  );
  if (probeAt.length > 0 && condense !== 'dm')
    throw new UsageError('--dm-probe-at needs --condense dm');
  // A probe loads the checkpoint saved at its iteration (DM saves one every N, and at the end).
  for (const step of probeAt) {
    if (step !== 0 && step !== params.dmIterations && step % params.dmCheckpointEvery !== 0) {
      throw new UsageError(
        `--dm-probe-at ${step}: probes need a checkpoint, saved every ${params.dmCheckpointEvery} iterations (--dm-checkpoint-every)`,
      );
    }
  }
  checkScoreFlags(params);
  const format = getString(args, 'format') as ImportFormat | undefined;
  if (format !== undefined && !['idx', 'cifar10', 'folder'].includes(format)) {
    throw new UsageError(`--format must be idx, cifar10 or folder, got "${format}"`);
  }
  return {
    out,
    params,
    probeAt,
    ...(format !== undefined ? { format } : {}),
    ...backendFlags(args),
    flip: getBoolean(args, 'flip') ?? true,
    cacheDir: getString(args, 'cache', '.cache/build'),
    force: getBoolean(args, 'force') === true,
    teacher: getBoolean(args, 'teacher') === true,
  };
}
