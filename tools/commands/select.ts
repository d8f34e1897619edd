// `yoco select <bundle> --ipc <IPC_T> --method <name> [--prefer easy|hard] [--balance|--imbalance]
// [--seed S] [--json]`: print the sample indices a method keeps (ascending).
import {
  parseCommand,
  getBoolean,
  getNumber,
  getString,
  onePositional,
  UsageError,
  type FlagSpecs,
  type ParsedArgs,
} from '../lib/args';
import { readBundleDir } from '../lib/bundle-fs';
import { METHODS, type MethodName, type Preference } from '../../src/engine/types';
import { perClassFromIpc } from '../../src/engine/select/ipc';
import { METHOD_INFO } from '../../src/engine/select/methods';
import { selectFromBundle } from '../../src/engine/run';
import type { LoadedBundle } from '../../src/engine/bundle/read';

export const SELECT_FLAGS: FlagSpecs = {
  ipc: { kind: 'number', description: 'target IPC_T in stored-image units (fractions allowed: 0.25 = 1 sample/class at f=2)' },
  method: { kind: 'string', description: `selection method: ${METHODS.join(', ')} (yoco = LBPE, easy, balanced)` },
  prefer: { kind: 'string', description: 'easy | hard (score-ranked methods)' },
  balance: { kind: 'boolean', description: 'keep exactly n per class', negation: 'imbalance' },
  seed: { kind: 'number', description: 'seed for random, CCS and k-means (default 0)' },
};

export interface SelectionRequest {
  readonly ipcT: number;
  readonly perClass: number;
  readonly method: MethodName;
  readonly prefer: Preference;
  readonly balanced: boolean;
  readonly seed: number;
}

export function parseMethod(value: string | undefined): MethodName {
  if (value === undefined) throw new UsageError('missing --method');
  if (!(METHODS as readonly string[]).includes(value)) {
    throw new UsageError(`unknown method "${value}"; choose one of ${METHODS.join(', ')}`);
  }
  return value as MethodName;
}

/** Resolve the selection flags against a bundle (defaults from the method's own conventions). */
export function selectionRequest(args: ParsedArgs, bundle: LoadedBundle): SelectionRequest {
  const ipcT = getNumber(args, 'ipc');
  if (ipcT === undefined) throw new UsageError('missing --ipc');
  const method = parseMethod(getString(args, 'method'));
  const preferFlag = getString(args, 'prefer');
  if (preferFlag !== undefined && preferFlag !== 'easy' && preferFlag !== 'hard') {
    throw new UsageError(`--prefer must be easy or hard, got "${preferFlag}"`);
  }
  const info = METHOD_INFO[method];
  if (info.fixed && (preferFlag !== undefined || getBoolean(args, 'balance') !== undefined)) {
    throw new UsageError(`--method ${method} is fixed (LBPE, easy, balanced); use --method lbpe to vary it`);
  }
  const m = bundle.manifest;
  return {
    ipcT,
    perClass: perClassFromIpc(ipcT, m.factor, m.ipc),
    method,
    prefer: info.fixed ? info.prefer : ((preferFlag as Preference | undefined) ?? info.prefer),
    balanced: info.fixed ? info.balanced : (getBoolean(args, 'balance') ?? info.balanced),
    seed: getNumber(args, 'seed', 0),
  };
}

export async function runSelect(argv: string[]): Promise<number> {
  const flags = { ...SELECT_FLAGS, json: { kind: 'boolean', description: 'print one JSON object' }, help: { kind: 'boolean', description: 'show this help' } } satisfies FlagSpecs;
  const args = parseCommand(argv, flags, 'select', '<bundle-folder> --ipc <IPC_T> --method <name> [options]');
  if (!args) return 0;
  const dir = onePositional(args, 'bundle folder');
  const bundle = await readBundleDir(dir);
  const req = selectionRequest(args, bundle);
  const indices = selectFromBundle(bundle, req);
  if (getBoolean(args, 'json')) {
    console.log(JSON.stringify({ ...req, count: indices.length, indices: Array.from(indices) }));
  } else {
    console.error(
      `${req.method} (${req.prefer}, ${req.balanced ? 'balanced' : 'imbalanced'}, seed ${req.seed}): ` +
        `IPC_T ${req.ipcT} → ${indices.length} samples`,
    );
    console.log(Array.from(indices).join(' '));
  }
  return 0;
}
