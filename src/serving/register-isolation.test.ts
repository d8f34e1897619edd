// Tests of the reload-once flow that makes the page cross-origin isolated on a static host
// (isolation.ts): when it registers the service worker and reloads, and when it must not.
import { describe, expect, it, vi } from 'vitest';
import {
  ensureIsolation,
  isolationNotice,
  RELOAD_FLAG,
  type IsolationEnv,
} from './register-isolation';

const BASE = 'https://example.org/app/';

function fakeEnv(over: Partial<IsolationEnv> = {}) {
  const kept = new Map<string, string>();
  const register = vi.fn(async () => ({}));
  const reload = vi.fn();
  const env: IsolationEnv = {
    crossOriginIsolated: false,
    isSecureContext: true,
    serviceWorker: { register, ready: Promise.resolve({}) },
    session: {
      getItem: (k) => kept.get(k) ?? null,
      setItem: (k, v) => void kept.set(k, v),
      removeItem: (k) => void kept.delete(k),
    },
    reload,
    ...over,
  };
  return { env, kept, register, reload };
}

describe('ensureIsolation', () => {
  it('registers the service worker at the base URL and reloads once when not isolated', async () => {
    const { env, kept, register, reload } = fakeEnv();
    expect(await ensureIsolation(env, BASE)).toBe('reloading');
    expect(register).toHaveBeenCalledWith('https://example.org/app/coi-sw.js', { scope: BASE });
    expect(reload).toHaveBeenCalledTimes(1);
    expect(kept.get(RELOAD_FLAG)).toBe('1');
  });

  it('does nothing when already isolated, and clears the reload flag', async () => {
    const { env, kept, register, reload } = fakeEnv({ crossOriginIsolated: true });
    kept.set(RELOAD_FLAG, '1');
    expect(await ensureIsolation(env, BASE)).toBe('isolated');
    expect(register).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
    expect(kept.has(RELOAD_FLAG)).toBe(false);
  });

  it('does not reload a second time when the reload did not isolate the page (no loop)', async () => {
    const { env, kept, reload } = fakeEnv();
    kept.set(RELOAD_FLAG, '1');
    expect(await ensureIsolation(env, BASE)).toBe('failed');
    expect(await ensureIsolation(env, BASE)).toBe('failed');
    expect(reload).not.toHaveBeenCalled();
  });

  it('says insecure outside a secure context, and unavailable without service workers', async () => {
    const insecure = fakeEnv({ isSecureContext: false });
    expect(await ensureIsolation(insecure.env, BASE)).toBe('insecure');
    expect(insecure.register).not.toHaveBeenCalled();
    const none = fakeEnv({ serviceWorker: undefined });
    expect(await ensureIsolation(none.env, BASE)).toBe('unavailable');
    expect(none.reload).not.toHaveBeenCalled();
  });

  it('starts without isolation when registering fails, or sessionStorage is unusable', async () => {
    const refused = fakeEnv();
    refused.register.mockRejectedValueOnce(new Error('SecurityError'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await ensureIsolation(refused.env, BASE)).toBe('failed');
    warn.mockRestore();
    expect(refused.reload).not.toHaveBeenCalled();
    const noSession = fakeEnv({ session: null });
    expect(await ensureIsolation(noSession.env, BASE)).toBe('failed');
    expect(noSession.register).toHaveBeenCalled(); // isolated from the next visit on
    expect(noSession.reload).not.toHaveBeenCalled();
  });
});

describe('isolationNotice', () => {
  it('says single-threaded whenever the page is not isolated, and nothing otherwise', () => {
    expect(isolationNotice('isolated')).toBeNull();
    expect(isolationNotice('reloading')).toBeNull();
    for (const outcome of ['insecure', 'unavailable', 'failed'] as const)
      expect(isolationNotice(outcome)).toMatch(/single-threaded/);
    expect(isolationNotice('insecure')).toMatch(/HTTPS/);
  });
});
