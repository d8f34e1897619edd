// What a comparison trains and what it is measured against: the default methods
// (YOCO, random balanced and the bundle's best other reference row at the current IPC), the order
// of its runs (method × seed), and the bundle's reference cell for a method at that IPC.
import type { ReferenceRow, ReferenceTable } from '../../src/engine/bundle/manifest';
import { methodOption } from './methods';
import { yocoAndBestRows } from './reference-hint';
import { DEFAULT_SETTINGS } from './settings';

/** The method every other one is measured against in the per-class differences. */
export const COMPARE_BASELINE = DEFAULT_SETTINGS.method;

/** Balanced random choice: the plainest rule that keeps YOCO's class balance. */
export const COMPARE_RANDOM = 'random+balanced';

/** One training run of a comparison. */
export interface CompareItem {
  readonly method: string;
  readonly seed: number;
}

/** YOCO, random balanced, and the best other row of `table` at `ipc` when the app offers it. */
export function defaultCompareMethods(table: ReferenceTable | undefined, ipc: number): string[] {
  const best = yocoAndBestRows(table, ipc).best;
  const option = best && methodOption(best.method);
  return [...new Set([COMPARE_BASELINE, COMPARE_RANDOM, ...(option ? [option.token] : [])])];
}

/** Why the defaults are these, in one line: what each preselected method is there for. */
export function compareDefaultsNote(table: ReferenceTable | undefined, ipc: number): string {
  const best = yocoAndBestRows(table, ipc).best;
  const option = best && methodOption(best.method);
  const size = `IPC ${Number(ipc.toFixed(3))}`;
  const start =
    'Preselected: YOCO, and random balanced as the plainest rule that keeps the classes even';
  if (!best) {
    return `${start}; this bundle's reference table has no rows at ${size} to add its best other method.`;
  }
  const name = option ? option.label : best.method;
  if (option?.token === COMPARE_RANDOM) {
    return `${start}, which is also the best other method in this bundle's reference table at ${size}.`;
  }
  if (!option) {
    return `${start}; the reference table's best other method at ${size} (${name}) is not one the app offers.`;
  }
  return `${start}, and ${name}, the best other method in this bundle's reference table at ${size}.`;
}

/**
 * The runs of a comparison, seed by seed (each seed trains every method, in order) so that a
 * comparison stopped early still holds every method at the seeds it finished.
 */
export function comparePlan(
  methods: readonly string[],
  seeds: number,
  firstSeed: number,
): CompareItem[] {
  return Array.from({ length: seeds }, (_, k) =>
    methods.map((method) => ({ method, seed: firstSeed + k })),
  ).flat();
}

/** The reference table's row for `method` (a token) at `ipc` (the same cell), or null. */
export function referenceCell(
  table: ReferenceTable | undefined,
  method: string,
  ipc: number,
): ReferenceRow | null {
  const token = methodOption(method)?.token;
  if (token === undefined) return null;
  return (
    table?.rows.find(
      (r) =>
        r.ipc !== null && Math.abs(r.ipc - ipc) < 1e-9 && methodOption(r.method)?.token === token,
    ) ?? null
  );
}

/** The reference protocol's epochs and width (what the user's settings may differ from). */
export function referenceProtocolText(table: ReferenceTable): string {
  const { epochs, width } = table.protocol;
  const parts = [
    typeof epochs === 'number' && `${epochs} epochs`,
    typeof width === 'number' && `width ${width}`,
  ].filter((p): p is string => typeof p === 'string');
  return parts.length > 0 ? parts.join(', ') : 'its own protocol';
}
