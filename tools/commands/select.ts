// `yoco select <bundle> --ipc <IPC_T> [--method <token>] [--seed S] [--json]`: print the sample
// indices a method keeps (ascending). The method (default yoco) is a selection token, variants
// and all (`lbpe+hard+balanced`, `random+imbalanced`), as everywhere else.
import {
  COMMON_FLAGS,
  getBoolean,
  parseFolderCommand,
  UsageError,
  type FlagSpecs,
  type ParsedArgs,
} from '../lib/args';
import { openBundleSession } from '../lib/session-node';
import { requiredNumber, settingFlags, settingNumber, settingText } from '../lib/setting-flags';
import { selectionArg } from '../lib/table-rows';
import type { SelectRequest } from '../../src/engine/api';
import { perClassFromIpc } from '../../src/engine/select/ipc';
import { describeSelection, selectionToken } from '../../src/engine/select/selection';
import type { LoadedBundle } from '../../src/engine/bundle/read';

export const SELECT_FLAGS: FlagSpecs = settingFlags(['ipc', 'method', 'seed']);

/** The selection flags resolved against a bundle: --method's token read by parseSelection. */
export function selectionRequest(
  args: ParsedArgs,
  bundle: LoadedBundle,
): { readonly ipcT: number; readonly request: SelectRequest & { readonly seed: number } } {
  const ipcT = settingNumber(args, 'ipc');
  if (ipcT === undefined) throw new UsageError('missing --ipc');
  const method = settingText(args, 'method');
  if (method === undefined) throw new UsageError('missing --method');
  const selection = selectionArg(method);
  const m = bundle.manifest;
  const perClass = perClassFromIpc(ipcT, m.factor, m.ipc);
  return { ipcT, request: { ...selection, perClass, seed: requiredNumber(args, 'seed') } };
}

const SYNOPSIS = '<bundle-folder> --ipc <IPC_T> --method <token> [options]';

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
