// Reference tables for tests (a manifest's referenceTable, design.md §7): rows with the defaults
// the tests share (std 0.01, 3 seeds) and a table of rows under a protocol.
import type { ReferenceRow, ReferenceTable } from '../../src/engine/bundle/manifest';

/** One row: `method` at `ipc` (null: the full set), mean accuracy as a fraction. */
export const referenceRow = (
  method: string,
  ipc: number | null,
  mean: number,
  std = 0.01,
): ReferenceRow => ({ method, ipc, mean, std, seeds: 3 });

/** A table of `rows` measured under `protocol`. */
export const referenceTable = (
  protocol: Record<string, unknown>,
  ...rows: ReferenceRow[]
): ReferenceTable => ({ protocol, rows });
