// A small responsive SVG line chart: numeric x, one or more series (solid, or dashed for reference
// values), horizontal reference lines with a label, round-number axes, a legend.
import { linear, niceAxis, tickLabel } from '../lib/chart-scale';
import { useElementWidth } from './use-element-width';

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** Drawn dashed: a reference, not a measurement of this browser. */
  readonly dashed?: boolean;
}

/** A horizontal line across the plot at `y`, labelled (e.g. the full condensed set's accuracy). */
export interface ChartMark {
  readonly y: number;
  readonly label: string;
  readonly color: string;
}

export interface LineChartProps {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly xLabel: string;
  readonly yLabel?: string;
  /** Fix the y range (e.g. [0, 100] for percentages). */
  readonly yDomain?: readonly [number, number];
  readonly xDomain?: readonly [number, number];
  readonly testId?: string;
  readonly height?: number;
  readonly legend?: boolean;
  readonly empty?: string;
  /** Only whole-number ticks on x (epochs, IPC). */
  readonly integerX?: boolean;
  readonly marks?: readonly ChartMark[];
}

const PAD = { left: 36, right: 10, top: 10, bottom: 32 };

const pointsText = (n: number): string => (n === 1 ? '1 point' : `${n} points`);

export function LineChart({
  title,
  series,
  xLabel,
  yLabel,
  yDomain,
  xDomain,
  testId,
  height = 160,
  legend = false,
  empty = 'No data yet',
  integerX = false,
  marks = [],
}: LineChartProps) {
  const [ref, W] = useElementWidth<HTMLElement>();
  const all = series.flatMap((s) => s.points);
  /** Points measured here (reference series are dashed): none yet shows the `empty` text. */
  const measured = series.filter((s) => !s.dashed).reduce((n, s) => n + s.points.length, 0);
  const xs = all.map((p) => p[0]);
  const ys = [...all.map((p) => p[1]), ...marks.map((m) => m.y)];
  const xAxis = niceAxis(
    xDomain?.[0] ?? Math.min(...xs, 0),
    xDomain?.[1] ?? Math.max(...xs, 1),
    Math.max(2, Math.min(8, Math.floor(W / 70))),
    integerX,
  );
  const yAxis = yDomain
    ? niceAxis(yDomain[0], yDomain[1], 4)
    : niceAxis(Math.min(...ys), Math.max(...ys), 4);
  const H = W < 320 ? Math.min(height, 130) : height;
  const x = (v: number): number => linear(v, xAxis.min, xAxis.max, PAD.left, W - PAD.right);
  const y = (v: number): number => linear(v, yAxis.min, yAxis.max, H - PAD.bottom, PAD.top);
  return (
    <figure className="chart" data-testid={testId} ref={ref}>
      <figcaption>{title}</figcaption>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}: ${[
          ...series.map((s) => `${s.name} ${pointsText(s.points.length)}`),
          ...marks.map((m) => m.label),
        ].join(', ')}`}
      >
        {yAxis.ticks.map((t) => (
          <g key={`y${t}`} className="tick">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={PAD.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {tickLabel(t, yAxis.ticks)}
            </text>
          </g>
        ))}
        {xAxis.ticks.map((t) => (
          <text key={`x${t}`} className="tick" x={x(t)} y={H - PAD.bottom + 14} textAnchor="middle">
            {tickLabel(t, xAxis.ticks)}
          </text>
        ))}
        {marks.map((m) => (
          <g key={m.label} className="mark" style={{ color: m.color }}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(m.y)} y2={y(m.y)} />
            <text x={W - PAD.right - 2} y={y(m.y) - 4} textAnchor="end">
              {m.label}
            </text>
          </g>
        ))}
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
          className="axis"
        />
        <text
          className="axis-label"
          x={(PAD.left + W - PAD.right) / 2}
          y={H - 2}
          textAnchor="middle"
        >
          {xLabel}
        </text>
        {yLabel && (
          <text className="axis-label" x={10} y={PAD.top + 2} textAnchor="start">
            {yLabel}
          </text>
        )}
        {series.map((s) => (
          <g key={s.name} style={{ color: s.color }} className={s.dashed ? 'dashed' : undefined}>
            {s.points.length > 1 && (
              <polyline
                className="line"
                points={s.points
                  .map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`)
                  .join(' ')}
              />
            )}
            {s.points.map(([px, py], i) =>
              s.dashed ? (
                // A reference point: a small diamond, told apart from this browser's runs.
                <rect
                  key={i}
                  className="ref-dot"
                  x={x(px) - 3}
                  y={y(py) - 3}
                  width={6}
                  height={6}
                  transform={`rotate(45 ${x(px)} ${y(py)})`}
                >
                  <title>{`${s.name}: ${xLabel} ${px}, ${Number(py.toPrecision(4))}`}</title>
                </rect>
              ) : (
                <circle
                  key={i}
                  className="dot"
                  cx={x(px)}
                  cy={y(py)}
                  r={s.points.length > 40 ? 1.5 : 3}
                >
                  <title>{`${s.name}: ${xLabel} ${px}, ${Number(py.toPrecision(4))}`}</title>
                </circle>
              ),
            )}
          </g>
        ))}
        {measured === 0 && (
          <text className="empty" x={W / 2} y={H / 2} textAnchor="middle">
            {empty}
          </text>
        )}
      </svg>
      {legend && series.length > 0 && (
        <ul className="legend">
          {series.map((s) => (
            <li key={s.name}>
              <span
                className={s.dashed ? 'swatch swatch-dashed' : 'swatch'}
                style={{ color: s.color }}
              />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
