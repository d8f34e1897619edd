// WebGPU device loss. A GPU device can be lost at any time: the GPU process crashed or was killed,
// the driver reset, the device was destroyed. tfjs keeps its webgpu backend, dead device and all,
// in its registry, so choosing WebGPU again would reuse it and every later run would fail at once.
// Here every device the webgpu backend gets is watched (`device.lost`); once it is lost, the
// next start of WebGPU first disposes of the backend and registers its factory again, so a fresh
// adapter and device are requested (backends.ts). If none can be had, WebGPU stays unavailable
// until the page (or process) is reloaded. Touches only tfjs and the device's own promise, so it
// runs wherever the engine does; where there is no WebGPU it never sees a device.
import * as tf from '@tensorflow/tfjs-core';

/** The priority tfjs-backend-webgpu registers its factory with. */
const WEBGPU_PRIORITY = 3;

interface DeviceLostInfo {
  readonly reason?: string;
  readonly message?: string;
}

interface WatchedDevice {
  readonly lost?: Promise<DeviceLostInfo>;
}

/** The device being watched (the registered webgpu backend's). */
let watched: WatchedDevice | null = null;
/** Why the watched device was lost, once it was. */
let lostReason: string | null = null;
/** Resolves when the watched device is lost. */
let lostSignal: Promise<void> = new Promise(() => undefined);
/** A fresh device could not be had after a loss: WebGPU is unavailable until reload. */
let gone: string | null = null;

function describe(info: DeviceLostInfo | undefined): string {
  const message = info?.message?.trim();
  const reason = info?.reason && info.reason !== 'unknown' ? info.reason : '';
  return message || reason || 'the GPU device was lost';
}

/** Starts watching the device of the registered webgpu backend (after it started). */
export function watchWebGpuDevice(): void {
  const backend = tf.findBackend('webgpu') as { device?: WatchedDevice } | null;
  const device = backend?.device;
  if (!device?.lost || device === watched) return;
  watched = device;
  lostReason = null;
  lostSignal = device.lost.then(
    (info) => {
      if (watched === device) lostReason = describe(info);
    },
    () => undefined,
  );
}

/** Why the webgpu backend's device was lost, or null while it is fine (or never started). */
export function webGpuLoss(): string | null {
  return lostReason;
}

/**
 * Why the device was lost, waiting up to `ms` for its loss to be known: a run on a lost device
 * fails (a buffer mapping rejects) about when the device's `lost` promise resolves, not after.
 */
export async function webGpuLossWithin(ms: number): Promise<string | null> {
  if (lostReason !== null || watched === null) return lostReason;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([lostSignal, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
  return lostReason;
}

/** Why WebGPU cannot start again (a fresh device could not be had after a loss), or null. */
export function webGpuGone(): string | null {
  return gone;
}

/**
 * Disposes of the webgpu backend whose device was lost and registers its factory again, so that
 * the next start requests a fresh adapter and device. Nothing to do while the device is fine.
 */
export function resetLostWebGpu(): void {
  if (lostReason === null) return;
  const factory = tf.findBackendFactory('webgpu');
  watched = null;
  lostReason = null;
  if (!factory) return;
  tf.removeBackend('webgpu'); // disposes of it, and unsets it if it was the active one
  tf.registerBackend('webgpu', factory, WEBGPU_PRIORITY);
}

/** A fresh WebGPU device could not be had after a loss: keep WebGPU off until reload. */
export function markWebGpuGone(why: string): void {
  gone = `WebGPU was lost; unavailable until reload (${why})`;
}
