// The compute floor of a training run: the convolution work its protocol does (training steps and
// every test forward pass, src/engine/model/flops.ts) divided by what the machine's cores could do
// at this core's best measured SIMD peak. `npm run bench:browser` prints it beside the run's time,
// so the time reads as a multiple of the floor, a figure that carries across machines.
import { convNetFlops } from '../../src/engine/model/flops';
import type { ImageShape } from '../../src/engine/types';

export interface RunWork {
  readonly inputShape: ImageShape;
  readonly numClasses: number;
  readonly width: number;
  readonly depth: number;
  /** Training samples × epochs: one training step's worth of work each. */
  readonly sampleSteps: number;
  /** Test images passed forward: every live-curve point's and the final pass's. */
  readonly testForwards: number;
}

export interface Floor {
  readonly teraflops: number;
  /** Seconds at `cores` × `peakGflops`. */
  readonly seconds: number;
}

export function computeFloor(work: RunWork, peakGflops: number, cores: number): Floor {
  const f = convNetFlops({
    inputShape: work.inputShape,
    numClasses: work.numClasses,
    width: work.width,
    depth: work.depth,
  });
  const flops = work.sampleSteps * f.train + work.testForwards * f.forward;
  return { teraflops: flops / 1e12, seconds: flops / (peakGflops * 1e9 * cores) };
}
