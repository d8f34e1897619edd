// Flags shared by `yoco train` and `yoco table`: training protocol and Node backend choice.
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
  backend: { kind: 'string', description: 'wasm | cpu (default wasm)' },
};

export interface TrainFlags {
  readonly epochs: number;
  readonly width: number;
  readonly depth: number;
  readonly batchSize: number;
  readonly testLimit?: number;
  readonly backend: Extract<BackendName, 'wasm' | 'cpu'>;
}

export function trainFlags(args: ParsedArgs): TrainFlags {
  const backend = getString(args, 'backend', 'wasm');
  if (backend !== 'wasm' && backend !== 'cpu') {
    throw new UsageError(`--backend must be wasm or cpu in Node, got "${backend}"`);
  }
  const testLimit = getNumber(args, 'test-limit');
  return {
    epochs: requireInt(getNumber(args, 'epochs', TRAINING.epochs), 'epochs', 1),
    width: requireInt(getNumber(args, 'width', MODEL.width), 'width', 1),
    depth: requireInt(getNumber(args, 'depth', MODEL.depth), 'depth', 1),
    batchSize: requireInt(getNumber(args, 'batch', TRAINING.batchSize), 'batch', 1),
    ...(testLimit !== undefined ? { testLimit: requireInt(testLimit, 'test-limit', 1) } : {}),
    backend,
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
