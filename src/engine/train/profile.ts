// Where a training step's time goes (`yoco bench --profile`, docs/performance.md): runs the real
// training loop
// (train.ts: gather, normalise, upload, augmentation, CutMix, forward, backward, SGD, read-back) on
// synthetic data, once to warm up and once under `profileStages` for the stage table, then again
// under tf.profile for the kernel table. Stage times are wall-clock and exclusive; the kernel
// table sums tfjs's per-kernel timings of registered kernels (its scopes would count their
// kernels twice). Both are meaningful on wasm and cpu only (their kernels run synchronously).
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_TRAIN } from '../config';
import { Rng } from '../rng';
import { profileStages } from '../tf/stages';
import type { ModelConfig } from '../types';
import { train } from './train';

export interface ProfileOptions {
  readonly batchSize: number;
  /** Profiled steps (one epoch of steps · batch samples). */
  readonly steps: number;
  /** Augmentation and CutMix on, as in every real run (default true). */
  readonly augment?: boolean;
  readonly seed?: number;
}

export interface ProfileRow {
  readonly name: string;
  /** Milliseconds per training step. */
  readonly ms: number;
  /** Kernel launches per step (kernel rows only). */
  readonly calls?: number;
}

export interface TrainingProfile {
  /** Wall time of one step of the stage pass, ms. */
  readonly stepMs: number;
  /** Exclusive time per stage and step, largest first; "other" is the step time no stage claimed. */
  readonly stages: ProfileRow[];
  /** Time per kernel type and step in the kernel pass, largest first. */
  readonly kernels: ProfileRow[];
  /** Wall time of one step of the kernel pass (tf.profile's bookkeeping included), ms. */
  readonly kernelPassStepMs: number;
}

function byTime(map: Map<string, { ms: number; calls?: number }>, steps: number): ProfileRow[] {
  return [...map]
    .map(([name, v]) => ({
      name,
      ms: v.ms / steps,
      ...(v.calls === undefined ? {} : { calls: v.calls / steps }),
    }))
    .sort((a, b) => b.ms - a.ms);
}

/** Profiles `opts.steps` training steps of ConvNet `config` on the active backend. */
export async function profileTraining(
  config: ModelConfig,
  opts: ProfileOptions,
): Promise<TrainingProfile> {
  const [h, w, c] = config.inputShape;
  const rng = new Rng(opts.seed ?? 0);
  const count = opts.batchSize * opts.steps;
  const samples = new Float32Array(count * h * w * c);
  for (let i = 0; i < samples.length; i++) samples[i] = 255 * rng.next();
  const labels = Int32Array.from({ length: count }, (_, i) => i % config.numClasses);
  const run = () =>
    train({
      model: { width: config.width, depth: config.depth, seed: opts.seed ?? 0 },
      train: { samples, labels, shape: config.inputShape, numClasses: config.numClasses },
      normalization: { mean: new Array<number>(c).fill(0.5), std: new Array<number>(c).fill(0.25) },
      config: {
        ...DEFAULT_TRAIN,
        epochs: 1,
        seed: opts.seed ?? 0,
        flip: true,
        augment: opts.augment ?? true,
        evalEvery: -1,
      },
    });
  await run(); // warm-up: kernels, XNNPACK operator caches and memory settle
  const t0 = performance.now();
  const { stages } = await profileStages(run);
  const stepMs = (performance.now() - t0) / opts.steps;
  const claimed = [...stages.values()].reduce((a, b) => a + b, 0) / opts.steps;
  const stageRows = byTime(new Map([...stages].map(([k, ms]) => [k, { ms }])), opts.steps);
  stageRows.push({
    name: 'other (tfjs tape, tidy, model set-up)',
    ms: Math.max(0, stepMs - claimed),
  });

  const t1 = performance.now();
  const info = await tf.profile(async () => {
    await run();
    return [];
  });
  const kernelPassStepMs = (performance.now() - t1) / opts.steps;
  const kernels = new Map<string, { ms: number; calls: number }>();
  const backend = tf.getBackend();
  for (const k of info.kernels) {
    // tf.profile also lists customGrad and op scopes, whose time is their kernels' time again.
    if (!tf.getKernel(k.name, backend)) continue;
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const row = kernels.get(k.name) ?? { ms: 0, calls: 0 };
    kernels.set(k.name, { ms: row.ms + ms, calls: row.calls + 1 });
  }
  return { stepMs, stages: stageRows, kernels: byTime(kernels, opts.steps), kernelPassStepMs };
}
