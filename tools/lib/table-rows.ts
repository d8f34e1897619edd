// Row tokens of `yoco table` (and `diagnose`): a selection token (src/engine/select/selection.ts),
// e.g. `yoco`, `random`, `random+balanced`, `lbpe+imbalanced`, `el2n+easy+balanced`, or `full`
// (the whole condensed set).
import { UsageError } from './args';
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

/** Population mean and standard deviation (numpy's default, as papers report). */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}
