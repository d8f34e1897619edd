// WebGPU in Node for the benchmarks (docs/performance.md): installs Dawn's `navigator.gpu` and its GPU*
// globals from the `webgpu` package that tools/gpu/fetch-dawn.sh puts in .cache/dawn/webgpu
// (or the folder YOCO_DAWN names), so tfjs-backend-webgpu finds a real adapter. Dawn talks to the
// GPU through Vulkan: the process must find libvulkan.so.1 (tools/gpu/with-vulkan.sh sets that up,
// with Chromium's SwiftShader as the adapter on a machine without a GPU).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BackendError } from '../../src/engine/errors';

interface DawnModule {
  create(options: string[]): unknown;
  globals: Record<string, unknown>;
}

let installed = false;

/** The folder holding Dawn's index.js. */
export function dawnDir(): string {
  return resolve(process.env.YOCO_DAWN ?? join('.cache', 'dawn', 'webgpu'));
}

/** Makes `navigator.gpu` Dawn's; BackendError naming the fix when Dawn is not there. */
export async function installDawnWebGpu(): Promise<void> {
  if (installed) return;
  const entry = join(dawnDir(), 'index.js');
  if (!existsSync(entry)) {
    throw new BackendError(
      'webgpu',
      `WebGPU in Node needs Dawn (${entry} is missing): run bash tools/gpu/fetch-dawn.sh`,
    );
  }
  const dawn = (await import(pathToFileURL(entry).href)) as DawnModule;
  Object.assign(globalThis, dawn.globals);
  const g = globalThis as { navigator?: object };
  const gpu = dawn.create([]);
  // Node 21+ has a read-only navigator; Node 20 has none.
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  installed = true;
}
