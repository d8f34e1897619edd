// Small numeric helpers for the SVG charts: a domain with "nice" round ticks and a linear map.

export interface Axis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

/**
 * A round step near span / count: 1, 2, 2.5 or 5 times a power of ten. With `integer`, a whole
 * number (1, 2, 5, 10, 20, 25, 50…): never 2.5 or below 1, so that ticks of epochs or IPC never
 * read "0 3 5 8 10" once rounded for their labels.
 */
function niceStep(span: number, count: number, integer: boolean): number {
  const raw = span / Math.max(1, count);
  if (integer && raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const allowQuarter = !integer || power >= 10;
  const nice =
    unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 && allowQuarter ? 2.5 : unit <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * An axis covering [lo, hi] with about `count` round ticks (min/max snapped to ticks); with
 * `integer`, every tick is a whole number.
 */
export function niceAxis(lo: number, hi: number, count = 5, integer = false): Axis {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { min: 0, max: 1, ticks: [0, 0.5, 1] };
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, count, integer);
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max + step * 1e-6; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min, max, ticks };
}

/** Maps `v` from [d0, d1] to [r0, r1]; a degenerate domain maps to the middle. */
export function linear(v: number, d0: number, d1: number, r0: number, r1: number): number {
  if (d1 === d0) return (r0 + r1) / 2;
  return r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** Tick label with no more digits than the step needs. */
export function tickLabel(v: number, ticks: readonly number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const digits = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
  return v.toFixed(digits);
}
