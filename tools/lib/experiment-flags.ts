// Flags shared by `yoco train` and `yoco table`: training protocol and Node backend choice (the
// backend flags also by `yoco build`, the model's size also by `yoco bench`).
import { getNumber, getString, intFlag, UsageError, type FlagSpecs, type ParsedArgs } from './args';
import type { TrainRequest } from '../../src/engine/api';
import type { BackendName } from '../../src/engine/types';
import { MODEL, TRAINING } from '../../src/engine/config';
import { MAX_WASM_THREADS } from './wasm-node';

/** The model's size (config.ts MODEL), also measured by `yoco bench`. */
export const MODEL_FLAGS: FlagSpecs = {
  // Width² conv weights and batch × width activations: 1024 is 8× the paper's, still in memory.
  width: intFlag(1, 1024, `ConvNet-D3 width (default ${MODEL.width})`),
  // Each block halves the image: depth 8 already needs 256×256 inputs.
  depth: intFlag(1, 8, `ConvNet depth (default ${MODEL.depth})`),
};

/** The Node backend that runs the work and its wasm threads. */
export const BACKEND_FLAGS: FlagSpecs = {
  backend: { kind: 'string', description: 'wasm | cpu (default wasm)' },
  threads: intFlag(
    1,
    MAX_WASM_THREADS,
    `wasm threads (default: one per core, at most ${MAX_WASM_THREADS}; 1 is steadier on a busy machine)`,
  ),
};

export interface BackendFlags {
  readonly backend: Extract<BackendName, 'wasm' | 'cpu'>;
  /** wasm threads, when given. */
  readonly threads?: number;
}

export function backendFlags(args: ParsedArgs): BackendFlags {
  const backend = getString(args, 'backend', 'wasm');
  if (backend !== 'wasm' && backend !== 'cpu') {
    throw new UsageError(`--backend must be wasm or cpu in Node, got "${backend}"`);
  }
  const threads = getNumber(args, 'threads');
  return { backend, ...(threads !== undefined ? { threads } : {}) };
}

export const TRAIN_FLAGS: FlagSpecs = {
  epochs: intFlag(1, 100_000, `training epochs (default ${TRAINING.epochs}, the paper protocol)`),
  ...MODEL_FLAGS,
  batch: intFlag(1, 4096, `batch size (default ${TRAINING.batchSize})`),
  'test-limit': intFlag(
    1,
    1_000_000,
    'evaluate on a stratified subset of N test images, equal per class (default: all)',
  ),
  ...BACKEND_FLAGS,
};

export interface TrainFlags extends BackendFlags {
  readonly epochs: number;
  readonly width: number;
  readonly depth: number;
  readonly batchSize: number;
  readonly testLimit?: number;
}

export function trainFlags(args: ParsedArgs): TrainFlags {
  const backend = backendFlags(args);
  const testLimit = getNumber(args, 'test-limit');
  // parseArgs has checked each against its range.
  return {
    epochs: getNumber(args, 'epochs', TRAINING.epochs),
    width: getNumber(args, 'width', MODEL.width),
    depth: getNumber(args, 'depth', MODEL.depth),
    batchSize: getNumber(args, 'batch', TRAINING.batchSize),
    ...(testLimit !== undefined ? { testLimit } : {}),
    ...backend,
  };
}

/** The protocol part of a CLI run's TrainRequest (the selection and seed are the caller's). */
export function runProtocol(
  tf: TrainFlags,
): Pick<TrainRequest, 'epochs' | 'width' | 'depth' | 'batchSize' | 'testLimit' | 'evalEveryEpoch'> {
  const { backend: _backend, ...protocol } = tf;
  // Evaluating 10,000 test images every epoch would dominate short runs; evaluate at the end.
  return { ...protocol, evalEveryEpoch: false };
}
