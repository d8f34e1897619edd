// Row tokens of `yoco table` (and `diagnose`): a selection token (src/engine/select/selection.ts),
// e.g. `yoco`, `random`, `random+balanced`, `lbpe+imbalanced`, `el2n+easy+balanced`, or `full`
// (the whole condensed set).
import {
  getList,
  getNumber,
  getNumberList,
  intFlag,
  UsageError,
  type FlagSpecs,
  type ParsedArgs,
} from './args';
import { SelectionError } from '../../src/engine/errors';
import {
  describeSelection,
  parseSelection,
  type Selection,
} from '../../src/engine/select/selection';

export interface TableRow {
  /** As written on the command line (the row's name in the table and its cache key). */
  readonly token: string;
  readonly label: string;
  /** null for `full`. */
  readonly selection: Selection | null;
}

/** parseSelection for command-line input: a bad token is a usage error (exit 2). */
export function selectionArg(token: string): Selection {
  try {
    return parseSelection(token);
  } catch (e) {
    throw e instanceof SelectionError ? new UsageError(e.message) : e;
  }
}

export function parseRowToken(token: string): TableRow {
  if (token === 'full') return { token, label: 'full condensed set', selection: null };
  const selection = selectionArg(token);
  return { token, label: describeSelection(selection), selection };
}

/** The flags `rowFlags` reads. */
export const ROW_FLAGS: FlagSpecs = {
  ipc: { kind: 'list', description: 'IPC_T values, e.g. 1,2,5' },
  methods: {
    kind: 'list',
    description: 'rows, selection tokens or full: yoco, random+balanced, lbpe+hard+balanced, …',
  },
  seeds: intFlag(1, 100, 'seeds per row and IPC_T (default 3); seed s selects'),
};

/** `--ipc`, `--methods` (rows) and `--seeds` of `yoco table` and `diagnose`, with their defaults. */
export function rowFlags(
  args: ParsedArgs,
  defaults: { readonly ipc?: number[]; readonly methods?: string[] } = {},
): { ipcs: number[]; rows: TableRow[]; seeds: number } {
  const rows = (getList(args, 'methods') ?? defaults.methods ?? []).map(parseRowToken);
  if (rows.length === 0) throw new UsageError('missing --methods');
  return {
    ipcs: getNumberList(args, 'ipc', defaults.ipc),
    rows,
    seeds: getNumber(args, 'seeds', 3),
  };
}
