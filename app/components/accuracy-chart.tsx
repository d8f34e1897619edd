// Accuracy vs IPC of the stored runs on the open bundle: one line per method and label mode (mean
// of repeats; runs on teacher labels are their own line, named so), with the bundle's reference
// table for the current label mode drawn behind them: the full condensed set's accuracy as a
// labelled level, and random choice at the sizes the table measured as a dashed line.
import type { ReferenceTable } from '../../src/engine/bundle/manifest';
import type { LabelMode } from '../../src/engine/types';
import { accuracySeries } from '../lib/accuracy-series';
import { referenceLines } from '../lib/accuracy-context';
import { labelsText } from '../lib/labels';
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
/** How far along the palette a method's teacher-label line is from its hard-label one. */
const TEACHER_SHIFT = 6;

export function AccuracyChart({
  records,
  bundleId,
  maxIpc,
  table,
  labels,
  fullIpc,
}: {
  readonly records: readonly RunRecord[];
  readonly bundleId: string | null;
  readonly maxIpc: number;
  /** The reference table of the current label mode (`labels`). */
  readonly table: ReferenceTable | undefined;
  readonly labels: LabelMode;
  /** IPC_F of the open bundle (the full condensed set's size), null with none open. */
  readonly fullIpc: number | null;
}) {
  const series: ChartSeries[] = accuracySeries(records, bundleId, ORDER).map((s) => {
    const teacher = s.labels === 'teacher';
    const colour = Math.max(0, ORDER.indexOf(s.method)) + (teacher ? TEACHER_SHIFT : 0);
    return {
      name: teacher ? `${methodLabel(s.method)} · ${labelsText(s.labels)}` : methodLabel(s.method),
      color: PALETTE[colour % PALETTE.length]!,
      points: s.points.map((p) => [p.ipc, p.mean * 100] as const),
    };
  });
  const lines = referenceLines(table);
  if (lines.random) {
    series.push({
      // "Random, balanced (reference, teacher labels)" in teacher mode.
      name:
        labels === 'teacher'
          ? lines.random.label.replace(/\)$/, `, ${labelsText(labels)})`)
          : lines.random.label,
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
