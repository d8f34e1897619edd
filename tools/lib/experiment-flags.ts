// Flags shared by `yoco train` and `yoco table`: training protocol and Node backend choice (the
// backend flags also by `yoco build`, the model's size also by `yoco bench`). The protocol's
// flags are the settings table's (src/engine/settings/schema.ts, through setting-flags.ts).
import { TRAINING_SETTINGS, type TrainingFields } from '../../src/engine/settings/training';
import { getNumber, getString, intFlag, UsageError, type FlagSpecs, type ParsedArgs } from './args';
import type { TrainRequest } from '../../src/engine/api';
import type { BackendName } from '../../src/engine/types';
import { requiredNumber, settingFlags, settingValue } from './setting-flags';
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

/** The training settings (settings/training.ts), each a flag, and the backend's. */
export const TRAIN_FLAGS: FlagSpecs = {
  ...settingFlags(TRAINING_SETTINGS),
  ...BACKEND_FLAGS,
};

export interface TrainFlags extends BackendFlags, TrainingFields {
  readonly epochs: number;
}

export function trainFlags(args: ParsedArgs): TrainFlags {
  const backend = backendFlags(args);
  // parseArgs has checked each against its range. Unset (no flag, no CLI default): left out.
  const fields: Record<string, unknown> = {};
  for (const name of TRAINING_SETTINGS) {
    const v = settingValue(args, name);
    if (v !== undefined) fields[name] = v;
  }
  return { ...(fields as TrainingFields), epochs: requiredNumber(args, 'epochs'), ...backend };
}

/** The protocol part of a CLI run's TrainRequest (the selection and seed are the caller's). */
export function runProtocol(
  tf: TrainFlags,
): TrainingFields & Pick<TrainRequest, 'epochs' | 'evalEveryEpoch'> {
  const { backend: _backend, ...protocol } = tf;
  // Evaluating 10,000 test images every epoch would dominate short runs; evaluate at the end.
  return { ...protocol, evalEveryEpoch: false };
}
