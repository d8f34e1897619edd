// Flags shared by `yoco train` and `yoco table`: training protocol and Node backend choice (the
// backend flags also by `yoco build`, the model's size also by `yoco bench`). The protocol's
// flags are the settings table's (src/engine/settings/schema.ts, through setting-flags.ts).
import { getNumber, getString, intFlag, UsageError, type FlagSpecs, type ParsedArgs } from './args';
import type { TrainRequest } from '../../src/engine/api';
import type { BackendName } from '../../src/engine/types';
import { requiredNumber, settingFlags, settingNumber } from './setting-flags';
import { MAX_WASM_THREADS } from './wasm-node';

/** The model's size (config.ts MODEL), also measured by `yoco bench`. */
export const MODEL_FLAGS: FlagSpecs = settingFlags(['width', 'depth']);

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
  ...settingFlags(['epochs']),
  ...MODEL_FLAGS,
  ...settingFlags(['batchSize', 'testLimit']),
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
  const testLimit = settingNumber(args, 'testLimit');
  // parseArgs has checked each against its range.
  return {
    epochs: requiredNumber(args, 'epochs'),
    width: requiredNumber(args, 'width'),
    depth: requiredNumber(args, 'depth'),
    batchSize: requiredNumber(args, 'batchSize'),
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
