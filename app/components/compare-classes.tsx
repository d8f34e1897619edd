// A comparison's per-class differences: each class's mean accuracy under the baseline (YOCO when
// compared), and every other method's difference from it in points, shaded green where it does
// better and red where it does worse.
import type { CSSProperties } from 'react';
import type { ClassDifference, MethodSummary } from '../lib/compare-stats';
import { formatPercent } from '../lib/format';
import { methodLabel } from '../lib/methods';
import { DataTable } from './data-table';

/** A difference in percentage points, signed. */
function pointsText(delta: number | null): string {
  if (delta === null) return '—';
  const points = delta * 100;
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points).toFixed(1)}`;
}

export function CompareClasses({
  baseline,
  others,
  rows,
}: {
  readonly baseline: MethodSummary;
  readonly others: readonly MethodSummary[];
  readonly rows: readonly ClassDifference[];
}) {
  const columns = [
    { label: 'Class' },
    { label: methodLabel(baseline.method), num: true },
    ...others.map((o) => ({ label: `${methodLabel(o.method)} (Δ pts)`, num: true })),
  ];
  return (
    <div className="compare-classes" data-testid="compare-classes">
      <DataTable columns={columns} testId="compare-class-table">
        {rows.map((r) => (
          <tr key={r.name} data-testid="compare-class-row">
            <td>{r.name}</td>
            <td className="num">{r.baseline === null ? '—' : formatPercent(r.baseline)}</td>
            {r.deltas.map((d, i) => (
              <td
                key={others[i]!.method}
                className={`num compare-delta${d !== null && d < 0 ? ' compare-worse' : ''}`}
                data-delta={d ?? ''}
                style={{ '--delta': Math.min(1, Math.abs(d ?? 0) * 2) } as CSSProperties}
              >
                {pointsText(d)}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
