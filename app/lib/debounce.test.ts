import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';

describe('debounce', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('calls once after the calls pause', () => {
    const fn = vi.fn();
    const d = debounce(fn, 50);
    for (let i = 0; i < 5; i++) {
      d.call();
      vi.advanceTimersByTime(20);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('calls at least every maxWait while calls keep coming', () => {
    const fn = vi.fn();
    const d = debounce(fn, 50, 120);
    for (let i = 0; i < 15; i++) {
      d.call();
      vi.advanceTimersByTime(20); // 300 ms of calls 20 ms apart
    }
    expect(fn).toHaveBeenCalledTimes(2); // at 120 and 240 ms
    vi.advanceTimersByTime(50);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('cancel drops the pending call', () => {
    const fn = vi.fn();
    const d = debounce(fn, 50);
    d.call();
    d.cancel();
    vi.advanceTimersByTime(100);
    expect(fn).not.toHaveBeenCalled();
  });
});
