// Groups stored runs into one accuracy-vs-IPC line per method (mean and spread of repeated runs).
import { ipcOf, type RunRecord } from './records';

export interface SeriesPoint {
  readonly ipc: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export interface Series {
  readonly method: string;
  readonly points: readonly SeriesPoint[];
}

/** One series per method (in first-seen order of `methodOrder`, then alphabetical), points by IPC. */
export function accuracySeries(
  records: readonly RunRecord[],
  bundleId: string | null,
  methodOrder: readonly string[] = [],
): Series[] {
  const byMethod = new Map<string, Map<number, number[]>>();
  for (const r of records) {
    if (bundleId !== null && r.bundleId !== bundleId) continue;
    const perIpc = byMethod.get(r.method) ?? new Map<number, number[]>();
    byMethod.set(r.method, perIpc);
    const ipc = ipcOf(r);
    const list = perIpc.get(ipc) ?? [];
    perIpc.set(ipc, list);
    list.push(r.testAccuracy);
  }
  const rank = (id: string): number => {
    const i = methodOrder.indexOf(id);
    return i < 0 ? methodOrder.length : i;
  };
  return [...byMethod.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([method, perIpc]) => ({
      method,
      points: [...perIpc.entries()]
        .sort(([a], [b]) => a - b)
        .map(([ipc, accs]) => ({
          ipc,
          mean: accs.reduce((s, v) => s + v, 0) / accs.length,
          min: Math.min(...accs),
          max: Math.max(...accs),
          runs: accs.length,
        })),
    }));
}
