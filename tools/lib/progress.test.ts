// Tests of the progress reporter: line format (rate, ETA), throttling by an injected clock, and
// terminal vs log output.
import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, formatProgressLine } from './progress';

describe('formatProgressLine', () => {
  it('shows done/total, percentage, rate and ETA', () => {
    expect(formatProgressLine('crops', 250, 1000, 5000, 'img')).toBe(
      'crops  250/1000 (25.0%)  50.0 img/s  ETA 15s',
    );
    expect(formatProgressLine('crops', 1000, 1000, 125_000, 'img')).toBe(
      'crops  1000/1000 (100.0%)  8.0 img/s  done in 2m05s',
    );
    expect(formatProgressLine('x', 0, 10, 0)).toBe('x  0/10 (0.0%)  ETA ?');
  });

  it('formats durations', () => {
    expect(formatDuration(59.4)).toBe('59s');
    expect(formatDuration(3599)).toBe('59m59s');
    expect(formatDuration(7260)).toBe('2h01m');
    expect(formatDuration(NaN)).toBe('?');
  });
});

describe('createProgress', () => {
  it('prints at most once per interval and always on finish', () => {
    let t = 0;
    const lines: string[] = [];
    const p = createProgress({
      label: 'score',
      total: 100,
      write: (s) => lines.push(s),
      tty: false,
      minIntervalMs: 250,
      now: () => t,
    });
    for (let i = 0; i < 100; i++) {
      t += 10; // 100 ticks over one second
      p.tick();
    }
    p.finish();
    // First tick prints, then every 250 ms (ticks at 260, 510, 760 ms), then the final line.
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('score  1/100 (1.0%)  100 it/s  ETA 1s\n');
    expect(lines[4]).toBe('score  100/100 (100.0%)  100 it/s  done in 1s\n');
    p.tick();
    expect(lines).toHaveLength(5);
    expect(p.done).toBe(100);
  });

  it('rewrites one line on a terminal', () => {
    const out: string[] = [];
    let t = 0;
    const p = createProgress({
      label: 'a',
      total: 2,
      write: (s) => out.push(s),
      tty: true,
      now: () => (t += 1000),
    });
    p.update(1);
    p.finish();
    expect(out[0]!.startsWith('\ra  1/2')).toBe(true);
    expect(out[1]!.endsWith('\x1b[K\n')).toBe(true);
  });
});
