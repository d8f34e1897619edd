// The plain-data types of distribution matching (dm.ts): the real set it matches, its parameters,
// the optimisation state a checkpoint holds, and the hooks a run reports through; and the check of
// the parameters against the real set.
import { checkPositiveInteger, ConfigError } from '../errors';
import type { ImageShape } from '../types';

export interface DmRealSet {
  /** Real training images, uint8 NHWC. */
  readonly images: Uint8Array;
  readonly labels: Int32Array;
  readonly shape: ImageShape;
  readonly numClasses: number;
}

export interface DmParams {
  readonly ipc: number;
  readonly factor: number;
  readonly iterations: number;
  /** Learning rate of the stored pixels, in normalised units (DM: 1). */
  readonly lr: number;
  /** SGD momentum of the stored pixels (DM: 0.5). */
  readonly momentum: number;
  /** Real images per class per iteration (DM: 256). */
  readonly realBatch: number;
  /** Embedder ConvNet width and depth (DM: 128, 3). */
  readonly width: number;
  readonly depth: number;
  readonly flip: boolean;
  readonly seed: number;
  /**
   * Multisize (MDC's nested subsets): stored images per class, each below `ipc`, ascending, whose
   * prefix of every class is matched too: the first k stored images' samples get their own
   * ‖mean φ(real) − mean φ(prefix)‖² term beside the full set's, so that each prefix is itself a
   * condensed set. Absent or empty: plain DM.
   */
  readonly prefixes?: readonly number[];
}

/** The optimisation state: what a checkpoint holds. */
export interface DmState {
  /** Iterations done. */
  readonly iteration: number;
  /** Stored images, normalised units, NHWC, class-major. */
  readonly images: Float32Array;
  /** Momentum buffer, same layout. */
  readonly velocity: Float32Array;
  /** Loss of each iteration done so far. */
  readonly losses: Float64Array;
}

export interface DmHooks {
  /** After every iteration, with its summed loss and seconds. */
  readonly onIteration?: (iteration: number, loss: number, seconds: number) => void;
  /** Called with the state after every `checkpointEvery`-th iteration and after the last. */
  readonly onCheckpoint?: (state: DmState) => Promise<void> | void;
  readonly checkpointEvery?: number;
  readonly signal?: AbortSignal;
}

/** Multisize prefix sizes are ascending integers in [1, ipc − 1] (stored images per class). */
export function areNestedPrefixes(prefixes: unknown, ipc: number): boolean {
  return (
    Array.isArray(prefixes) &&
    prefixes.every(
      (k, i) =>
        Number.isInteger(k) && k >= 1 && k < ipc && (i === 0 || k > (prefixes[i - 1] as number)),
    )
  );
}

export function validateDmParams(p: DmParams, real: DmRealSet): void {
  for (const [name, v] of [
    ['ipc', p.ipc],
    ['factor', p.factor],
    ['realBatch', p.realBatch],
    ['width', p.width],
    ['depth', p.depth],
  ] as const)
    checkPositiveInteger(`DM ${name}`, v);
  if (!Number.isInteger(p.iterations) || p.iterations < 0) {
    throw new ConfigError(`DM iterations must be an integer ≥ 0, got ${p.iterations}`);
  }
  if (!(p.lr > 0) || !(p.momentum >= 0 && p.momentum < 1)) {
    throw new ConfigError(`DM needs lr > 0 and momentum in [0, 1), got ${p.lr} and ${p.momentum}`);
  }
  const prefixes = p.prefixes ?? [];
  if (!areNestedPrefixes(prefixes, p.ipc)) {
    throw new ConfigError(
      `DM prefixes must be ascending integers in [1, ${p.ipc - 1}] (stored images per class), got ${prefixes.join(',')}`,
    );
  }
  if (real.labels.length * real.shape[0] * real.shape[1] * real.shape[2] !== real.images.length) {
    throw new ConfigError('DM real set: image bytes do not match the label count and shape');
  }
}
