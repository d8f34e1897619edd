// Floating-point operations of ConvNet-D3's convolutions per sample (a multiply-add counts 2),
// the work the speed figures are measured against: `yoco bench` divides it by the step's time for
// GFLOP/s and by this core's SIMD peak for the fraction reached. Instance norm, pooling and the
// linear head are left out (under 1 % of the total at width 128).
import type { ModelConfig } from '../types';

export interface ConvFlops {
  /** One forward pass (inference, evaluation). */
  readonly forward: number;
  /** One training step: forward, the filter gradient of every layer, dx of all but the first. */
  readonly train: number;
}

export function convNetFlops(config: ModelConfig): ConvFlops {
  let [h, w, cin] = config.inputShape;
  let forward = 0;
  let inputGrads = 0;
  for (let layer = 0; layer < config.depth; layer++) {
    const flops = 2 * h * w * 9 * cin * config.width;
    forward += flops;
    if (layer > 0) inputGrads += flops;
    cin = config.width;
    h = Math.floor(h / 2);
    w = Math.floor(w / 2);
  }
  return { forward, train: 2 * forward + inputGrads };
}
