// This core's WebAssembly SIMD peak, measured in the running engine: rounds of independent f32x4
// multiply-adds in the convolution module (conv3x3.c's `peak`), in its plain build (separate
// mul and add) and, where the engine has relaxed SIMD, its fused build. Speed is quoted as a
// fraction of it, which carries across machines where absolute figures do not (an AVX-512 core
// gives native code 4× wider vectors than wasm; wasm's peak is the sandbox's own).
import { kernelBuild, relaxedSimdValidates, type KernelExports } from './conv-kernel';

/** FLOPs of one round of `peak`: 12 chains × 4 lanes × multiply and add. */
const FLOPS_PER_ROUND = 96;
const ROUNDS_PER_CALL = 20_000;

/** Best GFLOP/s of `k.peak` over about `ms` milliseconds, after a warm-up that lets V8 tier up. */
function best(k: KernelExports, ms: number): number {
  // V8 compiles a module's functions with its baseline compiler first and optimises the ones
  // called often: many short calls, not one long one, reach the optimised code.
  for (let i = 0; i < 200; i++) k.peak(ROUNDS_PER_CALL / 10, 1.0001);
  let top = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) k.peak(ROUNDS_PER_CALL, 1.0001);
    const s = (performance.now() - t0) / 1000;
    top = Math.max(top, (20 * ROUNDS_PER_CALL * FLOPS_PER_ROUND) / s / 1e9);
  }
  return top;
}

export interface SimdPeak {
  /** GFLOP/s with f32x4 mul then add. */
  readonly mulAdd: number;
  /** GFLOP/s with f32x4.relaxed_madd, or null where the engine has no relaxed SIMD. */
  readonly fma: number | null;
}

/** Both peaks on this thread, `ms` milliseconds each. */
export function measureSimdPeak(ms = 400): SimdPeak {
  const mulAdd = best(kernelBuild('plain'), ms);
  const fma = relaxedSimdValidates() ? best(kernelBuild('relaxed'), ms) : null;
  return { mulAdd, fma };
}
