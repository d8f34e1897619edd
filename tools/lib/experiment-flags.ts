// Flags shared by `yoco train` and `yoco table`: training protocol and Node backend choice.
import {
  getNumber,
  getString,
  requireInt,
  UsageError,
  type FlagSpecs,
  type ParsedArgs,
} from './args';
import type { BackendName } from '../../src/engine/types';

export const TRAIN_FLAGS: FlagSpecs = {
  epochs: { kind: 'number', description: 'training epochs (default 1000, the paper protocol)' },
  width: { kind: 'number', description: 'ConvNet-D3 width (default 128)' },
  depth: { kind: 'number', description: 'ConvNet depth (default 3)' },
  batch: { kind: 'number', description: 'batch size (default 64)' },
  'test-limit': {
    kind: 'number',
    description: 'evaluate on a stratified subset of N test images, equal per class (default: all)',
  },
  backend: { kind: 'string', description: 'wasm | cpu (default wasm)' },
  threads: {
    kind: 'number',
    description: 'wasm threads (default: one per core, at most 8; 1 is steadier on a busy machine)',
  },
};

export interface TrainFlags {
  readonly epochs: number;
  readonly width: number;
  readonly depth: number;
  readonly batchSize: number;
  readonly testLimit?: number;
  readonly backend: Extract<BackendName, 'wasm' | 'cpu'>;
  /** wasm threads, when given. */
  readonly threads?: number;
}

export function trainFlags(args: ParsedArgs): TrainFlags {
  const backend = getString(args, 'backend', 'wasm');
  if (backend !== 'wasm' && backend !== 'cpu') {
    throw new UsageError(`--backend must be wasm or cpu in Node, got "${backend}"`);
  }
  const testLimit = getNumber(args, 'test-limit');
  const threads = getNumber(args, 'threads');
  return {
    epochs: requireInt(getNumber(args, 'epochs', 1000), 'epochs', 1),
    width: requireInt(getNumber(args, 'width', 128), 'width', 1),
    depth: requireInt(getNumber(args, 'depth', 3), 'depth', 1),
    batchSize: requireInt(getNumber(args, 'batch', 64), 'batch', 1),
    ...(testLimit !== undefined ? { testLimit: requireInt(testLimit, 'test-limit', 1) } : {}),
    backend,
    ...(threads !== undefined ? { threads: requireInt(threads, 'threads', 1, 8) } : {}),
  };
}
