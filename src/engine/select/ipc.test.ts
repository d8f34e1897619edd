// IPC_T ↔ samples per class (ipc.ts): exact steps, the errors that name the allowed range, and the clamped reading.
import { describe, it, expect } from 'vitest';
import { ipcFromPerClass, perClassFromIpc } from './ipc';
import { ConfigError } from '../errors';

describe('perClassFromIpc', () => {
  it('n = IPC_T · f²', () => {
    expect(perClassFromIpc(1, 2, 10)).toBe(4);
    expect(perClassFromIpc(5, 2, 10)).toBe(20);
    expect(perClassFromIpc(10, 2, 10)).toBe(40);
    expect(perClassFromIpc(0.25, 2, 10)).toBe(1);
    expect(perClassFromIpc(1.75, 2, 10)).toBe(7);
    expect(perClassFromIpc(1 / 3, 3, 10)).toBe(3);
    expect(perClassFromIpc(2, 1, 10)).toBe(2);
  });

  it('names the value and the allowed range when out of range', () => {
    expect(() => perClassFromIpc(0, 2, 10)).toThrow(ConfigError);
    expect(() => perClassFromIpc(0, 2, 10)).toThrow(
      'IPC_T 0 must be above zero; allowed: 0.25 to 10 in steps of 1/4 (1 to 40 samples per class)',
    );
    expect(() => perClassFromIpc(-1, 2, 10)).toThrow(/IPC_T -1 must be above zero/);
    expect(() => perClassFromIpc(11, 2, 10)).toThrow(
      /IPC_T 11 is above IPC_F = 10; allowed: 0.25 to 10/,
    );
    expect(() => perClassFromIpc(0.3, 2, 10)).toThrow(/IPC_T 0.3 is not a multiple of 1\/4/);
    expect(() => perClassFromIpc(0.1, 2, 10)).toThrow(/not a multiple of 1\/4/);
    expect(() => perClassFromIpc(1, 0, 10)).toThrow('factor must be a positive integer, got 0');
  });

  it('with clamp, rounds to the nearest sample and keeps it in 1 … IPC_F · f²', () => {
    const clamp = { clamp: true };
    expect(perClassFromIpc(2.5, 2, 10, clamp)).toBe(10);
    expect(perClassFromIpc(0.3, 2, 10, clamp)).toBe(1);
    expect(perClassFromIpc(0.01, 3, 10, clamp)).toBe(1);
    expect(perClassFromIpc(100, 2, 10, clamp)).toBe(40);
    expect(() => perClassFromIpc(0, 2, 10, clamp)).toThrow(/IPC_T 0 must be above zero/);
  });
});

describe('ipcFromPerClass', () => {
  it('is n / f²', () => {
    expect(ipcFromPerClass(1, 2)).toBe(0.25);
    expect(ipcFromPerClass(20, 2)).toBe(5);
    expect(ipcFromPerClass(9, 3)).toBe(1);
    expect(() => ipcFromPerClass(0, 2)).toThrow(ConfigError);
  });
});
