// Accuracy vs IPC of the stored runs on the loaded bundle: one line per method (mean of repeats).
import { accuracySeries } from '../lib/accuracy-series';
import { METHOD_OPTIONS, methodLabel } from '../lib/methods';
import type { RunRecord } from '../lib/records';
import { LineChart } from './line-chart';

const PALETTE = [
  '#4f46e5',
  '#0891b2',
  '#db2777',
  '#ea580c',
  '#16a34a',
  '#9333ea',
  '#ca8a04',
  '#0d9488',
  '#dc2626',
  '#64748b',
  '#2563eb',
  '#65a30d',
  '#c026d3',
];
const ORDER = METHOD_OPTIONS.map((o) => o.id);

export function AccuracyChart({
  records,
  bundleId,
  maxIpc,
}: {
  readonly records: readonly RunRecord[];
  readonly bundleId: string | null;
  readonly maxIpc: number;
}) {
  const series = accuracySeries(records, bundleId, ORDER).map((s) => ({
    name: methodLabel(s.methodId),
    color: PALETTE[Math.max(0, ORDER.indexOf(s.methodId)) % PALETTE.length]!,
    points: s.points.map((p) => [p.ipc, p.mean * 100] as const),
  }));
  return (
    <LineChart
      title="Test accuracy (%) vs IPC"
      testId="accuracy-chart"
      xLabel="IPC (n / f²)"
      xDomain={[0, Math.max(1, maxIpc)]}
      yDomain={[0, 100]}
      series={series}
      legend
      height={220}
      empty="Finished runs appear here"
    />
  );
}
