// Tests of the browser's wasm thread count (wasm-threads.ts): never one thread where two cores
// exist, tfjs's own half-the-cores from four cores up.
import { describe, expect, it } from 'vitest';
import { browserWasmThreads } from './wasm-threads';

describe('browserWasmThreads', () => {
  it('asks for at least two threads on two or more cores, half the cores from four up', () => {
    expect([1, 2, 3, 4, 6, 8, 16].map(browserWasmThreads)).toEqual([1, 2, 2, 2, 3, 4, 8]);
  });

  it('asks for one thread where the core count is unknown (0)', () => {
    expect(browserWasmThreads(0)).toBe(1);
  });
});
