// PyTorch's samples/s for the same training step, beside `yoco bench`'s wasm figure
// (docs/performance.md): runs tools/bench/torch-step.py with Debian's python3-torch when it is
// installed. CI has no PyTorch, so absence is a result ("not installed"), not an error.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./torch-step.py', import.meta.url));
/** YOCO_PYTHON picks another Python (a GPU machine's, with CUDA); else Debian's. */
const PYTHON =
  process.env.YOCO_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

export interface TorchStepConfig {
  /** cpu, or cuda (beside a webgpu figure; refused with a reason where CUDA is missing). */
  readonly device: 'cpu' | 'cuda';
  readonly threads: number;
  readonly width: number;
  readonly depth: number;
  readonly batch: number;
  readonly size: number;
  readonly channels: number;
  readonly classes: number;
  readonly steps: number;
  readonly warmup: number;
  readonly repeats: number;
}

export type TorchResult =
  | { readonly ok: true; readonly samplesPerSec: number; readonly torch: string }
  | { readonly ok: false; readonly reason: string };

/** Whether `import torch` works in the Python that torch-step.py would run in. */
export function torchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** PyTorch CPU samples/s of one configuration (the best of its repeats). */
export function torchSamplesPerSec(c: TorchStepConfig): TorchResult {
  if (!torchAvailable()) return { ok: false, reason: 'PyTorch is not installed (python3-torch)' };
  const args = Object.entries(c).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const r = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8' });
  if (r.status === 3) return { ok: false, reason: 'PyTorch has no CUDA device here' };
  if (r.status !== 0) return { ok: false, reason: `torch-step.py failed: ${r.stderr.trim()}` };
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    samplesPerSec: number;
    torch: string;
  };
  return { ok: true, samplesPerSec: out.samplesPerSec, torch: out.torch };
}
