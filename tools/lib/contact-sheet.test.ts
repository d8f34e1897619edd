// Tests of the contact sheet: the sheet's size, and that the lowest- and highest-scored samples of
// each class land in the left and right columns (constant-colour samples make each one visible).
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { contactSheet } from './contact-sheet';

describe('contactSheet', () => {
  it('puts each class’s lowest-scored samples left and highest right', () => {
    // 2 classes × 3 samples of 2×2×1; sample i is the constant 10·i; scores reverse the order in class 0.
    const shape = [2, 2, 1] as const;
    const samples = Float32Array.from({ length: 6 * 4 }, (_, j) => 10 * Math.floor(j / 4));
    const png = PNG.sync.read(
      Buffer.from(
        contactSheet({
          samples,
          shape,
          labels: [0, 0, 0, 1, 1, 1],
          numClasses: 2,
          scores: [3, 2, 1, 1, 2, 3],
          show: 1,
          scale: 1,
        }),
      ),
    );
    expect([png.width, png.height]).toEqual([3 * 4, 2 * 4]);
    const at = (row: number, col: number) => png.data[(row * 4 * png.width + col * 4) * 4]!;
    expect([at(0, 0), at(0, 2)]).toEqual([20, 0]); // class 0: easiest sample 2, hardest sample 0
    expect([at(1, 0), at(1, 2)]).toEqual([30, 50]); // class 1: easiest sample 3, hardest sample 5
    expect(at(0, 1)).toBe(255); // the gap column stays white
  });
});
