// `yoco select <bundle> --ipc <IPC_T> --method <name> [--prefer easy|hard] [--balance|--imbalance]
// [--seed S] [--json]`: print the sample indices a method keeps (ascending).
import {
  COMMON_FLAGS,
  getBoolean,
  getNumber,
  getString,
  intFlag,
  parseFolderCommand,
  realFlag,
  UsageError,
  type FlagSpecs,
  type ParsedArgs,
} from '../lib/args';
import { openBundleSession } from '../lib/session-node';
import { selectionArg } from '../lib/table-rows';
import type { SelectRequest } from '../../src/engine/api';
import { METHODS } from '../../src/engine/types';
import { perClassFromIpc } from '../../src/engine/select/ipc';
import { describeSelection, selectionToken } from '../../src/engine/select/selection';
import type { LoadedBundle } from '../../src/engine/bundle/read';

export const SELECT_FLAGS: FlagSpecs = {
  // 0 is let through to the engine, whose error gives the bundle's allowed steps.
  ipc: realFlag(
    0,
    10_000,
    'target IPC_T in stored-image units (fractions allowed: 0.25 = 1 sample/class at f=2)',
  ),
  method: {
    kind: 'string',
    description:
      `selection method: ${METHODS.join(', ')} (yoco = LBPE, easy, balanced), ` +
      'or a token with variants as in yoco table (lbpe+hard+balanced)',
  },
  prefer: { kind: 'string', description: 'easy | hard (score-ranked methods)' },
  balance: { kind: 'boolean', description: 'keep exactly n per class', negation: 'imbalance' },
  seed: intFlag(0, 1_000_000, 'seed for random, CCS and k-means (default 0)'),
};

/**
 * The selection flags resolved against a bundle: --method, --prefer and --balance/--imbalance are
 * a selection token (`lbpe` `--prefer hard` `--balance` is `lbpe+hard+balanced`), read with the
 * method's defaults by parseSelection.
 */
export function selectionRequest(
  args: ParsedArgs,
  bundle: LoadedBundle,
): { readonly ipcT: number; readonly request: SelectRequest & { readonly seed: number } } {
  const ipcT = getNumber(args, 'ipc');
  if (ipcT === undefined) throw new UsageError('missing --ipc');
  const method = getString(args, 'method');
  if (method === undefined) throw new UsageError('missing --method');
  const prefer = getString(args, 'prefer');
  if (prefer !== undefined && prefer !== 'easy' && prefer !== 'hard') {
    throw new UsageError(`--prefer must be easy or hard, got "${prefer}"`);
  }
  const balance = getBoolean(args, 'balance');
  const variants = [
    prefer,
    balance === undefined ? undefined : balance ? 'balanced' : 'imbalanced',
  ];
  const selection = selectionArg([method, ...variants].filter(Boolean).join('+'));
  const m = bundle.manifest;
  const perClass = perClassFromIpc(ipcT, m.factor, m.ipc);
  return { ipcT, request: { ...selection, perClass, seed: getNumber(args, 'seed', 0) } };
}

const SYNOPSIS = '<bundle-folder> --ipc <IPC_T> --method <name> [options]';

export async function runSelect(argv: string[]): Promise<number> {
  const flags = { ...SELECT_FLAGS, ...COMMON_FLAGS };
  const cmd = parseFolderCommand(argv, flags, 'select', SYNOPSIS);
  if (!cmd) return 0;
  const { args, dir } = cmd;
  const { session, bundle } = await openBundleSession(dir);
  const { ipcT, request: req } = selectionRequest(args, bundle);
  const indices = await session.select(req);
  if (getBoolean(args, 'json')) {
    const selection = selectionToken(req);
    console.log(
      JSON.stringify({
        ipcT,
        ...req,
        selection,
        count: indices.length,
        indices: Array.from(indices),
      }),
    );
  } else {
    console.error(
      `${describeSelection(req)}, seed ${req.seed}: ` + `IPC_T ${ipcT} → ${indices.length} samples`,
    );
    console.log(Array.from(indices).join(' '));
  }
  return 0;
}
