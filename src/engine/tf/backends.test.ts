// Backend choice in Node: feature detection offers wasm then cpu (never webgpu or webgl), the
// automatic choice is wasm with the skipped ones and reasons recorded, explicit choices that
// cannot run are BackendErrors naming the backend, and on wasm Identity shares data.
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors';
import { activeBackend, availableBackends, initBackend, isNode, skippedBackends } from './backends';

describe('backends in Node', () => {
  it('detects wasm and cpu only', () => {
    expect(isNode()).toBe(true);
    expect(availableBackends()).toEqual(['wasm', 'cpu']);
  });

  it('starts wasm by default and reports WebGPU as skipped with its reason', async () => {
    const skipped: string[] = [];
    const name = await initBackend(undefined, { onSkip: (b, why) => skipped.push(`${b}: ${why}`) });
    expect(name).toBe('wasm');
    expect(activeBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(skipped).toEqual(['webgpu: WebGPU is not available (no navigator.gpu)']);
    expect(skippedBackends()).toEqual([
      { backend: 'webgpu', reason: 'WebGPU is not available (no navigator.gpu)' },
    ]);
  });

  it('switches to an explicitly requested backend', async () => {
    expect(await initBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await initBackend('wasm')).toBe('wasm');
  });

  it('throws a BackendError naming the backend when an explicit choice cannot run', async () => {
    await expect(initBackend('webgl')).rejects.toThrow(
      new BackendError('webgl', 'WebGL needs a browser'),
    );
    await expect(initBackend('webgpu')).rejects.toBeInstanceOf(BackendError);
    await expect(initBackend('metal' as never)).rejects.toThrow(
      'metal: unknown backend; choose one of webgpu, wasm, webgl, cpu',
    );
    expect(tf.getBackend()).toBe('wasm');
  });

  it('makes Identity on wasm share data instead of copying it', async () => {
    await initBackend('wasm');
    const backend = tf.engine().backend as unknown as { refCount(id: object): number };
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.clone(a);
    expect(b.dataId).toBe(a.dataId);
    expect(backend.refCount(a.dataId)).toBe(2);
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
    expect(backend.refCount(b.dataId)).toBe(1);
    b.dispose();
    expect(backend.refCount(b.dataId)).toBe(0);
  });
});
