// Groups stored runs into one accuracy-vs-IPC line per method and label mode (mean and spread of
// repeated runs): runs on a teacher's labels never average with runs on hard labels.
import type { LabelMode } from '../../src/engine/types';
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
  readonly labels: LabelMode;
  readonly points: readonly SeriesPoint[];
}

/**
 * One series per method and label mode (methods in first-seen order of `methodOrder`, then
 * alphabetical; hard labels before teacher labels), points by IPC.
 */
export function accuracySeries(
  records: readonly RunRecord[],
  bundleId: string | null,
  methodOrder: readonly string[] = [],
): Series[] {
  const groups = new Map<
    string,
    { method: string; labels: LabelMode; perIpc: Map<number, number[]> }
  >();
  for (const r of records) {
    if (bundleId !== null && r.bundleId !== bundleId) continue;
    const key = `${r.method}|${r.labels}`;
    const group = groups.get(key) ?? { method: r.method, labels: r.labels, perIpc: new Map() };
    groups.set(key, group);
    const ipc = ipcOf(r);
    const list = group.perIpc.get(ipc) ?? [];
    group.perIpc.set(ipc, list);
    list.push(r.testAccuracy);
  }
  const rank = (id: string): number => {
    const i = methodOrder.indexOf(id);
    return i < 0 ? methodOrder.length : i;
  };
  return [...groups.values()]
    .sort(
      (a, b) =>
        rank(a.method) - rank(b.method) ||
        a.method.localeCompare(b.method) ||
        (a.labels === b.labels ? 0 : a.labels === 'hard' ? -1 : 1),
    )
    .map(({ method, labels, perIpc }) => ({
      method,
      labels,
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
