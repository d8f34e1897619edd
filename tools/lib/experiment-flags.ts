// Flags shared by `yoco train` and `yoco table`: training protocol and Node backend choice (the
// backend flags also by `yoco build`, the model's size also by `yoco bench`).
import {
  getNumber,
  getString,
  requireInt,
  UsageError,
  type FlagSpecs,
  type ParsedArgs,
} from './args';
import type { TrainRequest } from '../../src/engine/api';
import type { BackendName } from '../../src/engine/types';
import { MODEL, TRAINING } from '../../src/engine/config';

/** The model's size (config.ts MODEL), also measured by `yoco bench`. */
export const MODEL_FLAGS: FlagSpecs = {
  width: { kind: 'number', description: `ConvNet-D3 width (default ${MODEL.width})` },
  depth: { kind: 'number', description: `ConvNet depth (default ${MODEL.depth})` },
};

/** The Node backend that runs the work and its wasm threads. */
export const BACKEND_FLAGS: FlagSpecs = {
  backend: { kind: 'string', description: 'wasm | cpu (default wasm)' },
  threads: {
    kind: 'number',
    description: 'wasm threads (default: one per core, at most 8; 1 is steadier on a busy machine)',
  },
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
  return {
    backend,
    ...(threads !== undefined ? { threads: requireInt(threads, 'threads', 1, 8) } : {}),
  };
}

export const TRAIN_FLAGS: FlagSpecs = {
  epochs: {
    kind: 'number',
    description: `training epochs (default ${TRAINING.epochs}, the paper protocol)`,
  },
  ...MODEL_FLAGS,
  batch: { kind: 'number', description: `batch size (default ${TRAINING.batchSize})` },
  'test-limit': {
    kind: 'number',
    description: 'evaluate on a stratified subset of N test images, equal per class (default: all)',
  },
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
  return {
    epochs: requireInt(getNumber(args, 'epochs', TRAINING.epochs), 'epochs', 1),
    width: requireInt(getNumber(args, 'width', MODEL.width), 'width', 1),
    depth: requireInt(getNumber(args, 'depth', MODEL.depth), 'depth', 1),
    batchSize: requireInt(getNumber(args, 'batch', TRAINING.batchSize), 'batch', 1),
    ...(testLimit !== undefined ? { testLimit: requireInt(testLimit, 'test-limit', 1) } : {}),
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
