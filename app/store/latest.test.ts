// latestWins (latest.ts): a new attempt cancels the one before and makes its answer moot; abort
// cancels but keeps the attempt current, drop forgets it.
import { describe, expect, it } from 'vitest';
import { latestWins } from './latest';

describe('latestWins', () => {
  it('a new attempt cancels the one before; only the newest is current', () => {
    const latest = latestWins();
    expect(latest.active()).toBe(false);
    const first = latest.start();
    expect(first.current()).toBe(true);
    expect(latest.active()).toBe(true);
    const second = latest.start();
    expect(first.signal.aborted).toBe(true);
    expect(first.current()).toBe(false);
    expect(second.current()).toBe(true);
    expect(second.signal.aborted).toBe(false);
  });

  it('abort cancels the attempt but keeps it current; drop forgets it', () => {
    const latest = latestWins();
    const a = latest.start();
    latest.abort();
    expect(a.signal.aborted).toBe(true);
    expect(a.current()).toBe(true);
    expect(latest.active()).toBe(false);
    const b = latest.start();
    latest.drop();
    expect(b.signal.aborted).toBe(true);
    expect(b.current()).toBe(false);
    expect(latest.active()).toBe(false);
  });
});
