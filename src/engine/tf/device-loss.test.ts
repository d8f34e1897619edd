// WebGPU device loss in Node, through a stand-in for tfjs's webgpu backend: a cpu backend that
// carries a device whose `lost` promise the test resolves (as a GPU process crash or
// `device.destroy()` would), registered under the name 'webgpu' with cpu kernels. The session must
// not reuse a backend whose device was lost: the next start requests a fresh device and says
// "re-initialised"; a run whose device is lost mid-way continues on the next backend and names the
// loss; and when no fresh device can be had, WebGPU is unavailable until reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu'; // loaded first, so the stand-in's kernels win
import type { BackendEvent, TrainEvent } from '../api';
import { getFileFromMap } from '../bundle/read';
import { createSession } from '../session';
import { parseSelection } from '../select/selection';
import { trainFailingOnce } from '../../../test-support/engine/failing-run';
import { makeTinyBundle, type TinyBundle } from '../../../test-support/engine/tiny-bundle';

interface FakeDevice {
  readonly lost: Promise<{ reason: string; message: string }>;
  lose(message: string): void;
}

const devices: FakeDevice[] = [];
let deviceAvailable = true;

function makeDevice(): FakeDevice {
  let lose!: (info: { reason: string; message: string }) => void;
  const lost = new Promise<{ reason: string; message: string }>((r) => (lose = r));
  return { lost, lose: (message) => lose({ reason: 'unknown', message }) };
}

const g = globalThis as { navigator?: unknown };
const hadNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
let tiny: TinyBundle;

beforeAll(async () => {
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu: {}, hardwareConcurrency: 2 },
    configurable: true,
  });
  tf.registerBackend(
    'webgpu',
    async () => {
      if (!deviceAvailable) throw new Error('no adapter');
      const backend = new MathBackendCPU() as MathBackendCPU & { device?: FakeDevice };
      backend.device = makeDevice();
      devices.push(backend.device);
      return backend;
    },
    3,
  );
  for (const kernel of tf.getKernelsForBackend('cpu'))
    tf.registerKernel({ ...kernel, backendName: 'webgpu' });
  tiny = await makeTinyBundle({ classes: 4, ipc: 3, factor: 2, size: 8, seed: 7 });
});

afterAll(() => {
  if (hadNavigator) Object.defineProperty(globalThis, 'navigator', hadNavigator);
  else delete g.navigator;
});

const YOCO = parseSelection('yoco');
const REQUEST = { ...YOCO, perClass: 2, epochs: 2, width: 4, batchSize: 8, testLimit: 8 };
const tick = () => new Promise((r) => setTimeout(r, 0));

function session() {
  return createSession({ getFile: () => getFileFromMap(tiny.files), progressIntervalMs: 0 });
}

describe('WebGPU device loss', () => {
  it('choosing WebGPU again after a loss requests a fresh device and says so', async () => {
    const s = session();
    expect(await s.setBackend('webgpu')).toBe('webgpu');
    expect(devices).toHaveLength(1);
    devices[0]!.lose('GPU process exited');
    await tick();
    await s.setBackend('cpu');
    const events: BackendEvent[] = [];
    expect(await s.setBackend('webgpu', { onEvent: (e) => events.push(e) })).toBe('webgpu');
    expect(devices).toHaveLength(2); // not the dead one again
    expect(events).toEqual([
      {
        type: 'backend',
        phase: 'lost',
        failed: 'webgpu',
        reason: 'GPU process exited',
        next: 'webgpu',
      },
    ]);
    // The fresh device is watched too, and a choice without a loss starts nothing new.
    await s.setBackend('webgpu');
    expect(devices).toHaveLength(2);
  });

  it('a device lost while idle is replaced before the next run, which finishes on WebGPU', async () => {
    const s = session();
    await s.setBackend('webgpu');
    await s.loadBundle('memory://tiny/');
    const before = devices.length;
    devices.at(-1)!.lose('Device was destroyed.');
    await tick();
    const events: TrainEvent[] = [];
    const result = await s.train(REQUEST, { onEvent: (e) => events.push(e) });
    expect(result.backend).toBe('webgpu');
    expect(devices).toHaveLength(before + 1);
    expect(events.filter((e) => e.type === 'backend')).toEqual([
      {
        type: 'backend',
        phase: 'lost',
        failed: 'webgpu',
        reason: 'Device was destroyed.',
        next: 'webgpu',
      },
    ]);
  });

  it('a device lost mid-run: the run continues on the next backend, naming the loss', async () => {
    const s = session();
    await s.setBackend('webgpu');
    await s.loadBundle('memory://tiny/');
    const { events, result } = await trainFailingOnce(s, REQUEST, () => {
      devices.at(-1)!.lose('GPU process exited');
      // What tfjs throws when it reads from a lost device.
      return new Error("Failed to execute 'mapAsync' on 'GPUBuffer': Device is lost");
    });
    expect(result.backend).toBe('wasm');
    expect(events.filter((e) => e.type === 'backend')[0]).toEqual({
      type: 'backend',
      phase: 'run',
      failed: 'webgpu',
      reason: 'the GPU device was lost: GPU process exited',
      next: 'wasm',
    });
    // Chosen again, WebGPU gets a fresh device.
    const before = devices.length;
    expect(await s.setBackend('webgpu')).toBe('webgpu');
    expect(devices).toHaveLength(before + 1);
  });

  it('with no fresh device to be had, WebGPU is unavailable until reload', async () => {
    const s = session();
    await s.setBackend('webgpu');
    devices.at(-1)!.lose('GPU process exited');
    await tick();
    deviceAvailable = false;
    const events: BackendEvent[] = [];
    expect(await s.setBackend('webgpu', { onEvent: (e) => events.push(e) })).toBe('wasm');
    expect(events).toEqual([
      {
        type: 'backend',
        phase: 'lost',
        failed: 'webgpu',
        reason: 'GPU process exited',
        next: 'wasm',
      },
    ]);
    deviceAvailable = true; // even so: not retried before a reload
    const again: BackendEvent[] = [];
    expect(await s.setBackend('webgpu', { onEvent: (e) => again.push(e) })).toBe('wasm');
    expect(again[0]).toMatchObject({
      phase: 'start',
      failed: 'webgpu',
      reason: 'webgpu: WebGPU was lost; unavailable until reload (tfjs could not initialise it)',
    });
  });
});
