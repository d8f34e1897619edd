// A comparison's bar chart: each method's test accuracy as mean ± std over its seeds (the band
// marks the spread), with the bundle's reference cell for the same method and IPC beside it when
// the table has one (a tick on the bar, and its value).
import type { CSSProperties } from 'react';
import type { ReferenceTable } from '../../src/engine/bundle/manifest';
import { referenceCell } from '../lib/compare-plan';
import type { MethodSummary } from '../lib/compare-stats';
import { formatPercent } from '../lib/format';
import { methodLabel } from '../lib/methods';
import { percentScale } from '../lib/reference-hint';

/** A fraction as a CSS percentage of the bar's track, kept inside it. */
const at = (fraction: number): string => `${Math.min(100, Math.max(0, fraction * 100))}%`;

export function CompareBars({
  summaries,
  table,
  ipc,
}: {
  readonly summaries: readonly MethodSummary[];
  readonly table: ReferenceTable | undefined;
  readonly ipc: number;
}) {
  // The table may store fractions or percentages: the bars take fractions.
  const toFraction = table ? percentScale(table) / 100 : 1;
  return (
    <ul className="compare-bars" data-testid="compare-bars">
      {summaries.map((s) => {
        const ref = referenceCell(table, s.method, ipc);
        const band: CSSProperties = { left: at(s.mean - s.std), width: at(2 * s.std) };
        return (
          <li key={s.method} data-testid="compare-bar" data-method={s.method}>
            <div className="compare-bar-head">
              <span className="compare-bar-label" data-testid="compare-bar-label">
                {methodLabel(s.method)}
              </span>
              <span className="compare-bar-value" data-mean={s.mean} data-std={s.std}>
                <strong>{formatPercent(s.mean)}</strong> ± {formatPercent(s.std)}
                <span className="muted">
                  {' '}
                  ({s.runs} seed{s.runs === 1 ? '' : 's'})
                </span>
              </span>
            </div>
            <div className="compare-bar-track" aria-hidden="true">
              <div className="compare-bar-fill" style={{ width: at(s.mean) }} />
              {s.std > 0 && <div className="compare-bar-spread" style={band} />}
              {ref && (
                <div className="compare-bar-ref" style={{ left: at(ref.mean * toFraction) }} />
              )}
            </div>
            {ref && (
              <div className="compare-bar-refnote muted" data-testid="compare-reference">
                reference: {formatPercent(ref.mean * toFraction)} ±{' '}
                {formatPercent(ref.std * toFraction)} over {ref.seeds} seeds
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
