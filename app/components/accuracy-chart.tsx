// Accuracy vs IPC of the stored runs on the open bundle: one line per method (mean of repeats),
// with the bundle's reference table drawn behind them: the full condensed set's accuracy as a
// labelled level, and random choice at the sizes the table measured as a dashed line.
import type { ReferenceTable } from '../../src/engine/bundle/manifest';
import { accuracySeries } from '../lib/accuracy-series';
import { referenceLines } from '../lib/accuracy-context';
import { METHOD_OPTIONS, methodLabel } from '../lib/methods';
import type { RunRecord } from '../lib/records';
import { LineChart, type ChartSeries } from './line-chart';

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
const ORDER = METHOD_OPTIONS.map((o) => o.token);

export function AccuracyChart({
  records,
  bundleId,
  maxIpc,
  table,
  fullIpc,
}: {
  readonly records: readonly RunRecord[];
  readonly bundleId: string | null;
  readonly maxIpc: number;
  readonly table: ReferenceTable | undefined;
  /** IPC_F of the open bundle (the full condensed set's size), null with none open. */
  readonly fullIpc: number | null;
}) {
  const series: ChartSeries[] = accuracySeries(records, bundleId, ORDER).map((s) => ({
    name: methodLabel(s.method),
    color: PALETTE[Math.max(0, ORDER.indexOf(s.method)) % PALETTE.length]!,
    points: s.points.map((p) => [p.ipc, p.mean * 100] as const),
  }));
  const lines = referenceLines(table);
  if (lines.random) {
    series.push({
      name: lines.random.label,
      color: 'var(--c-reference)',
      points: lines.random.points,
      dashed: true,
    });
  }
  const marks =
    lines.full === null
      ? []
      : [
          {
            y: lines.full,
            label: `full condensed set${fullIpc === null ? '' : ` (IPC ${fullIpc})`} ${lines.full.toFixed(1)}%`,
            color: 'var(--c-full)',
          },
        ];
  return (
    <LineChart
      title="Test accuracy (%) vs IPC"
      testId="accuracy-chart"
      xLabel="IPC (images per class)"
      xDomain={[0, Math.max(1, maxIpc)]}
      yDomain={[0, 100]}
      series={series}
      marks={marks}
      integerX
      legend
      height={220}
      empty="Finished runs appear here"
    />
  );
}
