// The flags of `yoco build` and their checks: one table of the builder's numeric parameters
// (params.ts) with each flag's name, help line and allowed range, the other flags, and
// `parseBuildFlags`, which turns a command line into checked BuildParams and run options.
import {
  getBoolean,
  getNumber,
  getNumberList,
  getString,
  requireInt,
  UsageError,
  type FlagSpecs,
  type ParsedArgs,
} from '../lib/args';
import { BACKEND_FLAGS, backendFlags, type BackendFlags } from '../lib/experiment-flags';
import type { ImportFormat } from '../lib/import';
import {
  BUILD_DEFAULTS,
  CONDENSE_METHODS,
  type BuildParams,
  type CondenseMethod,
  type NumericBuildParam,
} from '../build/params';
import { RDED_SELECTS, type RdedSelect } from '../build/rded';

/** Integers are ≥ min; other values lie in (min, max], or [min, max] with inclusiveMin (max 1 unless set). */
interface ParamFlag {
  readonly flag: string;
  readonly description: string;
  readonly integer: boolean;
  readonly min: number;
  readonly inclusiveMin?: boolean;
  readonly max?: number;
}

/** An integer parameter, at least `min`. */
const int = (flag: string, description: string, min = 1): ParamFlag => ({
  flag,
  description,
  integer: true,
  min,
});

/** A real parameter in (min, max], or [min, max] with `inclusiveMin`. */
const real = (
  flag: string,
  description: string,
  range: Pick<ParamFlag, 'min' | 'inclusiveMin' | 'max'>,
): ParamFlag => ({ flag, description, integer: false, ...range });

const PARAM_FLAGS: Record<NumericBuildParam, ParamFlag> = {
  ipc: int('ipc', 'IPC_F, stored images per class'),
  factor: int('factor', 'multi-formation factor f'),
  observerWidth: int('observer-width', 'observer ConvNet width'),
  observerEpochs: int('observer-epochs', 'observer epochs on the real training set'),
  keep: real('keep', 'BiLP pre-pruning: fraction of each class kept', { min: 0 }),
  pool: int('pool', "RDED pool |T'_c| per class"),
  crops: int('crops', 'RDED crops per pool image'),
  dmIterations: int('dm-iterations', 'DM: iterations (0 keeps the mosaic initialisation)', 0),
  dmLr: real('dm-lr', 'DM: learning rate of the pixels, normalised units', {
    min: 0,
    max: Infinity,
  }),
  dmMomentum: real('dm-momentum', 'DM: momentum of the pixels', {
    min: 0,
    inclusiveMin: true,
    max: 0.999,
  }),
  dmRealBatch: int('dm-real-batch', 'DM: real images per class per iteration'),
  dmWidth: int('dm-width', 'DM: embedder ConvNet width'),
  dmCheckpointEvery: int('dm-checkpoint-every', 'DM: save the state every N iterations'),
  probeEpochs: int('probe-epochs', 'DM: epochs of the full-set accuracy probes'),
  scoreWidth: int('score-width', 'scoring ConvNet width'),
  scoreEpochs: int('score-epochs', 'E: epochs of training dynamics recorded'),
  topK: int('top-k', 'K: top-accuracy epochs summed for LBPE'),
  runs: int('runs', 'R: independent scoring runs averaged'),
  scoreScheduleEpochs: int(
    'score-schedule',
    'learning-rate schedule length the scoring runs start',
  ),
  scoreCutmix: real(
    'score-cutmix',
    'CutMix probability in the scoring runs (0 records un-mixed passes)',
    { min: 0, inclusiveMin: true },
  ),
  depth: int('depth', 'ConvNet depth'),
  batchSize: int('batch', 'batch size'),
  seed: int('seed', 'seed of every random step', 0),
};

/** The `--flag <number>` specs of numeric parameters `keys`, each with its default in its help. */
export function paramFlagSpecs(keys: readonly NumericBuildParam[]): FlagSpecs {
  return Object.fromEntries(
    keys.map((k) => [
      PARAM_FLAGS[k].flag,
      {
        kind: 'number',
        description: `${PARAM_FLAGS[k].description} (default ${BUILD_DEFAULTS[k]})`,
      },
    ]),
  );
}

/** Numeric parameters `keys` from the command line, range-checked; the others keep their defaults. */
export function readParamFlags(
  args: ParsedArgs,
  keys: readonly NumericBuildParam[],
): Record<NumericBuildParam, number> {
  const numbers = { ...BUILD_DEFAULTS } as Record<NumericBuildParam, number>;
  for (const key of keys) {
    const spec = PARAM_FLAGS[key];
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
  return numbers;
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
  'crop-select': {
    kind: 'string',
    description: `RDED crop choice: ${RDED_SELECTS.join(' | ')} (default ${BUILD_DEFAULTS.cropSelect}; random is a less selective control)`,
  },
  ...paramFlagSpecs(Object.keys(PARAM_FLAGS) as NumericBuildParam[]),
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
  const probeAt = getNumberList(args, 'dm-probe-at').map((v) => requireInt(v, 'dm-probe-at', 0));
  if (probeAt.length > 0 && condense !== 'dm')
    throw new UsageError('--dm-probe-at needs --condense dm');
  const params: BuildParams = { ...BUILD_DEFAULTS, ...numbers, cropSelect, condense };
  if (params.topK > params.scoreEpochs)
    throw new UsageError(`--top-k ${params.topK} exceeds --score-epochs ${params.scoreEpochs}`);
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
  };
}
