// The compute floor: the app's default protocol on Fashion-MNIST (IPC 1, 100 epochs, 20 curve
// points of 1,000 images and a final 10,000) is the 3.10 TFLOP the speed figures are quoted against.
import { describe, expect, it } from 'vitest';
import { computeFloor } from './compute-floor';

describe('computeFloor', () => {
  it('counts training steps and test forwards of the default run', () => {
    const floor = computeFloor(
      {
        inputShape: [28, 28, 1],
        numClasses: 10,
        width: 128,
        depth: 3,
        sampleSteps: 40 * 100,
        testForwards: 20 * 1000 + 10_000,
      },
      55,
      2,
    );
    expect(floor.teraflops).toBeCloseTo(3.1, 1);
    expect(floor.seconds).toBeCloseTo((floor.teraflops * 1e12) / (55e9 * 2), 6);
  });
});
