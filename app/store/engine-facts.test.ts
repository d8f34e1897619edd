// Tests of followEngineFacts (engine-facts.ts): the store learns whether the worker is isolated,
// and the wasm thread count follows the active backend (a late answer for an old one is dropped).
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { BackendName } from '../../src/engine/types';
import { followEngineFacts } from './engine-facts';
import type { AppStore } from './types';

interface Facts {
  backend: BackendName | null;
  isolated: boolean | null;
  wasmThreads: number | null;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('followEngineFacts', () => {
  it('sets isolation, asks for the thread count on wasm, and clears it on another backend', async () => {
    const store = createStore<Facts>()(() => ({
      backend: null,
      isolated: null,
      wasmThreads: null,
    }));
    let answer!: (n: number) => void;
    followEngineFacts(store as unknown as AppStore, {
      isolation: async () => true,
      wasmThreads: () => new Promise<number>((resolve) => (answer = resolve)),
    });
    await settle();
    expect(store.getState().isolated).toBe(true);

    store.setState({ backend: 'wasm' });
    answer(2);
    await settle();
    expect(store.getState().wasmThreads).toBe(2);

    store.setState({ backend: 'cpu' });
    expect(store.getState().wasmThreads).toBeNull();

    // Asked on wasm, answered after the switch to WebGPU: dropped.
    store.setState({ backend: 'wasm' });
    store.setState({ backend: 'webgpu' });
    answer(4);
    await settle();
    expect(store.getState().wasmThreads).toBeNull();
  });

  it('counts a worker that cannot answer as not isolated', async () => {
    const store = createStore<Facts>()(() => ({
      backend: null,
      isolated: null,
      wasmThreads: null,
    }));
    followEngineFacts(store as unknown as AppStore, {
      isolation: () => Promise.reject(new Error('stopped')),
      wasmThreads: async () => null,
    });
    await settle();
    expect(store.getState().isolated).toBe(false);
  });
});
