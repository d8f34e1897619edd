// `yoco bench [--json] [--backends wasm,cpu] [--threads 1,2] [--width 128] [--batch 64] …`:
// training throughput (forward + backward + SGD update, warm-up excluded) of ConvNet-D3 on each
// Node backend, best of a few repeats (other work on the machine makes single runs noisy), as
// samples/s and as GFLOP/s of convolution work, beside this core's WebAssembly SIMD peak
// measured in the same run (mul+add, and fused where the engine has relaxed SIMD) and the
// fraction of it reached: a figure that carries across machines.
import * as tf from '@tensorflow/tfjs-core';
import { profileTraining, type TrainingProfile } from '../../src/engine/train/profile';
import { torchSamplesPerSec } from '../bench/torch';
import {
  getBoolean,
  getList,
  getNumber,
  getString,
  intFlag,
  parseCommand,
  UsageError,
  type FlagSpecs,
} from '../lib/args';
import {
  initNodeBackend,
  isNodeBackend,
  NODE_BACKENDS,
  type NodeBackendName,
} from '../lib/backend-node';
import { defaultWasmThreads, MAX_WASM_THREADS } from '../lib/wasm-node';
import { measureSyntheticSpeed, type TrainingSpeed } from '../../src/engine/train/throughput';
import type { ModelConfig } from '../../src/engine/types';
import { pooledSize } from '../../src/engine/model/init';
import { MODEL_FLAGS } from '../lib/experiment-flags';
import { requiredNumber, settingFlags, settingValue } from '../lib/setting-flags';
import { convNetFlops } from '../../src/engine/model/flops';
import { setForwardMethod, type ForwardMethod } from '../../src/engine/tf/conv2d';
import { convKernelVariant } from '../../src/engine/tf/conv-kernel';
import { measureSimdPeak, type SimdPeak } from '../../src/engine/tf/peak';

const FORWARD_METHODS = ['auto', 'kernel', 'tfjs'] as const;

/** What else a bench run does: PyTorch beside wasm, or a profile instead of a figure. */
const EXTRA_FLAGS: FlagSpecs = {
  torch: { kind: 'boolean', description: 'also time the same step in PyTorch (python3-torch)' },
  profile: { kind: 'boolean', description: "instead: one real step's time per stage and kernel" },
  'conv-forward': {
    kind: 'string',
    description: `forward convolutions and dx on the host: ${FORWARD_METHODS.join(' | ')} (default auto: our SIMD kernel up to 2 wasm threads)`,
  },
};

export const BENCH_FLAGS: FlagSpecs = {
  json: { kind: 'boolean', description: 'one JSON object per line' },
  backends: {
    kind: 'list',
    description: `backends to measure (default ${NODE_BACKENDS.join(',')}; webgpu needs tools/gpu/fetch-dawn.sh)`,
  },
  threads: {
    kind: 'list',
    description: 'wasm thread counts to measure (default: all logical cores)',
  },
  ...MODEL_FLAGS,
  ...settingFlags(['batchSize', 'labels'], {
    batchSize: { description: 'batch size on wasm' },
    labels: {
      description:
        "teacher: each step also runs a teacher of the student's size (random weights) on the batch and trains on its soft labels",
    },
  }),
  'cpu-batch': intFlag(
    1,
    4096,
    'batch size on cpu (default 8; a batch-64 step takes about a minute there)',
  ),
  // A 512×512 input is already 256× the paper's 32×32 activations.
  size: intFlag(2, 512, 'input height and width (default 32)'),
  channels: intFlag(1, 16, 'input channels (default 3)'),
  classes: intFlag(2, 10_000, 'classes (default 10)'),
  steps: intFlag(1, 10_000, 'timed steps per repeat on wasm (default 10)'),
  'cpu-steps': intFlag(1, 10_000, 'timed steps per repeat on cpu (default 1; it is slow)'),
  warmup: intFlag(0, 1000, 'untimed warm-up steps per repeat (default 2, cpu 1)'),
  repeats: intFlag(1, 100, 'repeats; the best is reported (default 3; cpu: 1)'),
  ...EXTRA_FLAGS,
  help: { kind: 'boolean', description: 'show this help' },
};

export interface BenchResult {
  readonly backend: NodeBackendName;
  readonly threads: number;
  readonly width: number;
  readonly depth: number;
  readonly batch: number;
  readonly inputShape: [number, number, number];
  readonly classes: number;
  /** teacher: every step also ran the teacher's forward pass (counted in `gflops`). */
  readonly labels: 'hard' | 'teacher';
  /** Best repeat. */
  readonly samplesPerSec: number;
  readonly msPerStep: number;
  readonly steps: number;
  readonly warmupSteps: number;
  readonly repeats: number;
  /** Every repeat's samples/s, in order. */
  readonly allSamplesPerSec: number[];
  /** webgpu: the adapter's vendor and architecture (SwiftShader here, the GPU on a GPU machine). */
  readonly adapter?: string;
  /** Convolution work done per second (convNetFlops' training step × samples/s), in GFLOP/s. */
  readonly gflops: number;
  /** The host kernels' build ('relaxed': fused multiply-add), null when they did not load. */
  readonly kernel: string | null;
  /** wasm: the fraction of `threads` × this core's best SIMD peak reached. */
  readonly peakFraction?: number;
}

/** This core's SIMD peaks in words. */
function describePeak(p: SimdPeak): string {
  return (
    `this core's wasm SIMD peak (one thread): mul+add ${p.mulAdd.toFixed(1)} GFLOP/s` +
    (p.fma === null ? ', no relaxed SIMD here' : `, fused multiply-add ${p.fma.toFixed(1)} GFLOP/s`)
  );
}

/** The webgpu backend's adapter in words (tfjs-backend-webgpu keeps its vendor and architecture). */
function adapterOf(): string | undefined {
  const info = (tf.backend() as { adapterInfo?: { vendor?: string; architecture?: string } })
    .adapterInfo;
  return info ? `${info.vendor ?? '?'} ${info.architecture ?? ''}`.trim() : undefined;
}

function parseThreads(items: string[] | undefined): number[] {
  if (!items) return [defaultWasmThreads()];
  return items.map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1 || n > MAX_WASM_THREADS) {
      throw new UsageError(
        `--threads items must be integers in [1, ${MAX_WASM_THREADS}], got "${s}"`,
      );
    }
    return n;
  });
}

function describe(r: BenchResult): string {
  const [h, w, c] = r.inputShape;
  const spread = r.allSamplesPerSec.map((v) => v.toFixed(1)).join(', ');
  return (
    `${r.backend.padEnd(5)} threads ${r.threads}  width ${r.width} depth ${r.depth} batch ${r.batch} input ${h}×${w}×${c}` +
    `${r.labels === 'teacher' ? ' (teacher labels)' : ''}: ` +
    `${r.samplesPerSec.toFixed(1)} samples/s (${r.msPerStep.toFixed(0)} ms/step; best of ${r.repeats} × ${r.steps} steps: ${spread})` +
    (r.adapter ? ` on ${r.adapter}` : '') +
    ` = ${r.gflops.toFixed(1)} GFLOP/s` +
    (r.peakFraction === undefined
      ? ''
      : `, ${r.peakFraction.toFixed(2)} of ${r.threads} × the best peak (kernels: ${r.kernel ?? 'not loaded'})`)
  );
}

function describeProfile(p: TrainingProfile, h: Record<string, unknown>): string {
  const row = (name: string, ms: number, total: number, calls?: number) =>
    `  ${name.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %` +
    (calls === undefined ? '' : `  ${calls.toFixed(1).padStart(6)} calls`);
  const kernelTotal = p.kernels.reduce((a, k) => a + k.ms, 0);
  return [
    `${String(h.backend)} threads ${String(h.threads)} width ${String(h.width)} depth ${String(h.depth)} batch ${String(h.batch)}: ` +
      `${p.stepMs.toFixed(0)} ms per training step (${((1000 * Number(h.batch)) / p.stepMs).toFixed(1)} samples/s, augmentation included)`,
    h.backend === 'webgpu'
      ? 'stages (on webgpu only the time to dispatch: the kernels run later on the GPU; see kernels):'
      : 'stages (exclusive wall time per step):',
    ...p.stages.map((s) => row(s.name, s.ms, p.stepMs)),
    `kernels (tf.profile, per step; ${kernelTotal.toFixed(0)} ms in kernels of a ${p.kernelPassStepMs.toFixed(0)} ms step):`,
    ...p.kernels.slice(0, 16).map((k) => row(k.name, k.ms, kernelTotal, k.calls)),
  ].join('\n');
}

export async function runBench(argv: string[]): Promise<number> {
  const args = parseCommand(argv, BENCH_FLAGS, 'bench', '[options]');
  if (!args) return 0;
  if (args.positional.length > 0)
    throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  const json = getBoolean(args, 'json') === true;
  const backends = getList(args, 'backends') ?? [...NODE_BACKENDS];
  for (const b of backends) {
    if (!isNodeBackend(b))
      throw new UsageError(
        `unknown backend "${b}" for Node; choose from ${NODE_BACKENDS.join(', ')} (or webgpu, through Dawn)`,
      );
  }
  const threadCounts = parseThreads(getList(args, 'threads'));
  // parseArgs has checked each against its range.
  const width = requiredNumber(args, 'width');
  const depth = requiredNumber(args, 'depth');
  const wasmBatch = requiredNumber(args, 'batchSize');
  const cpuBatch = getNumber(args, 'cpu-batch', 8);
  const size = getNumber(args, 'size', 32);
  const channels = getNumber(args, 'channels', 3);
  const classes = getNumber(args, 'classes', 10);
  // The model would refuse this when it is built, after the backend started: say it now.
  if (pooledSize(size, depth) < 1) {
    throw new UsageError(
      `--depth ${depth} pools a ${size}×${size} input to nothing; use a smaller --depth or a larger --size`,
    );
  }
  const config: ModelConfig = {
    inputShape: [size, size, channels],
    numClasses: classes,
    width,
    depth,
  };
  const forwardMethod = getString(args, 'conv-forward', 'auto') as ForwardMethod;
  if (!FORWARD_METHODS.includes(forwardMethod)) {
    throw new UsageError(
      `--conv-forward must be ${FORWARD_METHODS.join(', ')}, got "${forwardMethod}"`,
    );
  }
  setForwardMethod(forwardMethod);
  const labels = settingValue(args, 'labels') === 'teacher' ? 'teacher' : 'hard';
  const teacher = labels === 'teacher' ? { width, depth } : undefined;
  // A soft-label step does the student's training step and the teacher's forward pass.
  const flops = convNetFlops(config).train + (teacher ? convNetFlops(config).forward : 0);
  // On this thread, before any backend starts its threads: the peak the figures are a fraction of.
  const peak = backends.includes('wasm') ? measureSimdPeak() : null;
  if (peak) console.log(json ? JSON.stringify({ peak }) : describePeak(peak));

  for (const backend of backends as NodeBackendName[]) {
    const cpu = backend === 'cpu';
    const batch = cpu ? cpuBatch : wasmBatch;
    const steps = cpu ? getNumber(args, 'cpu-steps', 1) : getNumber(args, 'steps', 10);
    const warmup = getNumber(args, 'warmup', cpu ? 1 : 2);
    const repeats = getNumber(args, 'repeats', cpu ? 1 : 3);
    for (const requested of backend === 'wasm' ? threadCounts : [1]) {
      const { threads } = await initNodeBackend(backend, { threads: requested });
      if (getBoolean(args, 'profile')) {
        const p = await profileTraining(config, { batchSize: batch, steps });
        const head = { backend, threads, width, depth, batch, inputShape: [size, size, channels] };
        console.log(json ? JSON.stringify({ ...head, ...p }) : describeProfile(p, head));
        continue;
      }
      const runs: TrainingSpeed[] = [];
      for (let r = 0; r < repeats; r++)
        runs.push(
          await measureSyntheticSpeed(config, batch, {
            steps,
            warmupSteps: warmup,
            ...(teacher ? { teacher } : {}),
          }),
        );
      const best = runs.reduce((a, b) => (b.samplesPerSec > a.samplesPerSec ? b : a));
      const gflops = (best.samplesPerSec * flops) / 1e9;
      const result: BenchResult = {
        backend,
        threads,
        width,
        depth,
        batch,
        inputShape: [size, size, channels],
        classes,
        labels,
        samplesPerSec: best.samplesPerSec,
        msPerStep: best.msPerStep,
        steps,
        warmupSteps: warmup,
        repeats,
        allSamplesPerSec: runs.map((m) => m.samplesPerSec),
        ...(backend === 'webgpu' ? { adapter: adapterOf() } : {}),
        gflops,
        kernel: convKernelVariant(),
        ...(peak && backend === 'wasm'
          ? { peakFraction: gflops / (threads * Math.max(peak.mulAdd, peak.fma ?? 0)) }
          : {}),
      };
      console.log(json ? JSON.stringify(result) : describe(result));
      if (getBoolean(args, 'torch') && !cpu) {
        // Right after the wasm (or webgpu) figure, on the same machine state: the ratio is the point.
        const gpu = backend === 'webgpu';
        const t = torchSamplesPerSec({
          device: gpu ? 'cuda' : 'cpu',
          threads,
          width,
          depth,
          batch,
          size,
          channels,
          classes,
          steps,
          warmup,
          repeats,
        });
        const ratio = t.ok ? result.samplesPerSec / t.samplesPerSec : null;
        const torchName = gpu ? 'pytorch-cuda' : 'pytorch-cpu';
        if (json) console.log(JSON.stringify({ backend: torchName, threads, ...t, ratio }));
        else if (!t.ok) console.log(`${torchName}: ${t.reason}`);
        else
          console.log(
            `${torchName} threads ${threads}  PyTorch ${t.torch}, same step: ${t.samplesPerSec.toFixed(1)} samples/s; ` +
              `${backend} / PyTorch = ${ratio!.toFixed(2)}`,
          );
      }
    }
  }
  return 0;
}
