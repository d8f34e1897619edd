// Progress lines for long CLI steps: done/total, percentage, rate and ETA, written to stderr at
// most a few times per second (rewriting one line on a terminal, one line per update otherwise).

export interface ProgressReporter {
  readonly label: string;
  readonly total: number;
  readonly done: number;
  /** Add `n` (default 1) finished units. */
  tick(n?: number): void;
  /** Set the finished units. */
  update(done: number): void;
  /** Print the final line (always) and stop. */
  finish(): void;
}

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  /** Unit name in the rate, e.g. "img" (default "it"). */
  readonly unit?: string;
  /** Where lines go (default: process.stderr). */
  readonly write?: (text: string) => void;
  /** Rewrite one line with \r (default: whether stderr is a terminal). */
  readonly tty?: boolean;
  /** Minimum milliseconds between lines (default 250 on a terminal, 2000 otherwise). */
  readonly minIntervalMs?: number;
  /** Clock in milliseconds (default Date.now; tests inject one). */
  readonly now?: () => number;
  /** Units already done when this reporter starts (a resumed job): they do not count in the rate. */
  readonly resumedAt?: number;
}

/** "45s", "3m05s", "2h07m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function formatRate(rate: number): string {
  if (rate >= 100) return rate.toFixed(0);
  if (rate >= 1) return rate.toFixed(1);
  return rate.toPrecision(2);
}

/**
 * One progress line: `label  done/total (pct%)  rate unit/s  ETA t` (elapsed when complete). The
 * rate counts only the units done since `resumedAt` (work a resumed job found already done).
 */
export function formatProgressLine(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
  unit = 'it',
  resumedAt = 0,
): string {
  const pct = total > 0 ? Math.min(100, (100 * done) / total) : 100;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.max(0, done - resumedAt) / seconds : 0;
  let tail: string;
  if (done >= total) tail = `done in ${formatDuration(seconds)}`;
  else if (rate > 0) tail = `ETA ${formatDuration((total - done) / rate)}`;
  else tail = 'ETA ?';
  const rateText = rate > 0 ? `  ${formatRate(rate)} ${unit}/s` : '';
  return `${label}  ${done}/${total} (${pct.toFixed(1)}%)${rateText}  ${tail}`;
}

export function createProgress(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const tty = options.tty ?? Boolean(process.stderr.isTTY);
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const minInterval = options.minIntervalMs ?? (tty ? 250 : 2000);
  const unit = options.unit ?? 'it';
  const start = now();
  let lastPrint = -Infinity;
  const resumedAt = options.resumedAt ?? 0;
  let done = resumedAt;
  let finished = false;

  const print = (final: boolean): void => {
    const line = formatProgressLine(
      options.label,
      done,
      options.total,
      now() - start,
      unit,
      resumedAt,
    );
    if (tty) write(`\r${line}\x1b[K${final ? '\n' : ''}`);
    else write(`${line}\n`);
  };
  const maybePrint = (): void => {
    const t = now();
    if (t - lastPrint >= minInterval) {
      lastPrint = t;
      print(false);
    }
  };

  return {
    label: options.label,
    total: options.total,
    get done() {
      return done;
    },
    tick(n = 1) {
      if (finished) return;
      done += n;
      maybePrint();
    },
    update(value: number) {
      if (finished) return;
      done = value;
      maybePrint();
    },
    finish() {
      if (finished) return;
      finished = true;
      print(true);
    },
  };
}
