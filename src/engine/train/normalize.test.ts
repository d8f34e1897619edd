import { describe, it, expect } from 'vitest';
import { ConfigError } from '../errors';
import { computeNormalization, createNormalizer, normalize, normalizeInto } from './normalize';

describe('normalize', () => {
  it('maps 0..255 pixels through (v/255 - mean)/std per channel', () => {
    const out = normalize(
      new Float32Array([0, 255, 127.5, 51, 255, 0]),
      { mean: [0.5, 0.2], std: [0.25, 0.1] },
      2,
    );
    // pixel 0: c0 = (0 - .5)/.25 = -2, c1 = (1 - .2)/.1 = 8; pixel 1: c0 = 0, c1 = 0; pixel 2: c0 = 2, c1 = -2
    const expected = [-2, 8, 0, 0, 2, -2];
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
  });

  it('writes into an offset window of the destination', () => {
    const n = createNormalizer({ mean: [0], std: [1 / 255] }, 1);
    const dst = new Float32Array(5).fill(-1);
    normalizeInto(n, new Uint8Array([9, 3, 7, 1]), 1, 2, dst, 2);
    expect(Array.from(dst)).toEqual([-1, -1, 3, 7, -1]);
  });

  it('computes per-channel mean and population std in [0,1] units', () => {
    // channel 0 alternates 0 and 255 (mean .5, std .5); channel 1 is constant 51 (mean .2, std 0)
    const img = new Uint8Array([0, 51, 255, 51, 0, 51, 255, 51]);
    const s = computeNormalization(img, 2);
    expect(s.mean[0]).toBeCloseTo(0.5, 12);
    expect(s.std[0]).toBeCloseTo(0.5, 12);
    expect(s.mean[1]).toBeCloseTo(0.2, 12);
    expect(s.std[1]).toBe(0);
  });

  it('computed stats normalise a dataset to zero mean and unit variance', () => {
    const img = new Uint8Array(3 * 500);
    for (let i = 0; i < img.length; i++) img[i] = (i * 37 + (i % 3) * 91) % 256;
    const out = normalize(img, computeNormalization(img, 3), 3);
    for (let c = 0; c < 3; c++) {
      let s = 0;
      let s2 = 0;
      for (let i = c; i < out.length; i += 3) {
        s += out[i]!;
        s2 += out[i]! * out[i]!;
      }
      expect(s / 500).toBeCloseTo(0, 4);
      expect(s2 / 500).toBeCloseTo(1, 4);
    }
  });

  it('rejects stats that do not match the channel count or have std 0', () => {
    expect(() => createNormalizer({ mean: [0.5], std: [0.2] }, 3)).toThrow(ConfigError);
    expect(() => createNormalizer({ mean: [0.5], std: [0.2] }, 3)).toThrow(
      /1 means and 1 stds, expected 3/,
    );
    expect(() => createNormalizer({ mean: [0.5], std: [0] }, 1)).toThrow(
      /channel 0: mean 0.5 and std 0/,
    );
    expect(() => computeNormalization(new Uint8Array(5), 3)).toThrow(/5 values/);
  });
});
