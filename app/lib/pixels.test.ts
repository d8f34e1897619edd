// Stored images drawn as RGBA (pixels.ts): grey and RGB, uint8 and float32 (pixel/255, clamped).
import { describe, expect, it } from 'vitest';
import { imageToRgba } from './pixels';

describe('imageToRgba', () => {
  it('expands grey and RGB pixels to opaque RGBA', () => {
    const grey = Uint8Array.from([1, 2, 3, 4, 9, 8, 7, 6]); // two 2×2 grey images
    expect([...imageToRgba(grey, 1, 2, 2, 1)]).toEqual([
      9, 9, 9, 255, 8, 8, 8, 255, 7, 7, 7, 255, 6, 6, 6, 255,
    ]);
    const rgb = Uint8Array.from([10, 20, 30, 40, 50, 60]);
    expect([...imageToRgba(rgb, 0, 1, 2, 3)]).toEqual([10, 20, 30, 255, 40, 50, 60, 255]);
    expect(() => imageToRgba(rgb, 1, 1, 2, 3)).toThrow(RangeError);
    expect(() => imageToRgba(rgb, 0, 1, 1, 4)).toThrow('cannot draw images with 4 channels');
  });

  it('draws float32 pixels (pixel/255) clamped to [0, 1]: overshoots show as black or white', () => {
    // One 1×3 RGB image after a 1×1 grey one: −0.7 → 0, 1.9 → 255, 0.5 → 128, 1/255 → 1.
    const floats = Float32Array.from([0.2, -0.7, 1.9, 0.5, 1 / 255, 1, 0, 1.0001, -0.0001, 64]);
    expect([...imageToRgba(floats, 0, 1, 1, 1)]).toEqual([51, 51, 51, 255]);
    expect([...imageToRgba(floats.subarray(1), 0, 1, 3, 3)]).toEqual([
      0, 255, 128, 255, 1, 255, 0, 255, 255, 0, 255, 255,
    ]);
  });
});
