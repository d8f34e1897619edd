// ConvNet-D3's convolution work: the 297 MFLOP per training sample that the speed figures quote
// for 32×32×3 at width 128, from the layers' shapes by hand.
import { describe, expect, it } from 'vitest';
import { convNetFlops } from './flops';

describe('convNetFlops', () => {
  it('counts 32×32×3 → 128 → 128 → 128: forward 101.5 M, training step 297.3 M per sample', () => {
    const layer1 = 2 * 32 * 32 * 9 * 3 * 128;
    const layer2 = 2 * 16 * 16 * 9 * 128 * 128;
    const layer3 = 2 * 8 * 8 * 9 * 128 * 128;
    const f = convNetFlops({ inputShape: [32, 32, 3], numClasses: 10, width: 128, depth: 3 });
    expect(f.forward).toBe(layer1 + layer2 + layer3);
    expect(f.train).toBe(2 * (layer1 + layer2 + layer3) + layer2 + layer3);
    expect(f.train / 1e6).toBeCloseTo(297.3, 1);
  });
});
