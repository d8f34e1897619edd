// A contact sheet PNG of decoded samples: one row per class, the `show` lowest-scored samples on the
// left and the `show` highest on the right, so a reader can see what a score calls easy and hard.
import { PNG } from 'pngjs';
import type { ImageShape } from '../../src/engine/types';

export interface ContactSheetInput {
  /** Decoded samples, float32 in [0, 255], `count × H × W × C`. */
  readonly samples: Float32Array;
  readonly shape: ImageShape;
  readonly labels: ArrayLike<number>;
  readonly numClasses: number;
  /** Score per sample (ascending = left). Ties break by sample index. */
  readonly scores: ArrayLike<number>;
  readonly show: number;
  /** Pixel magnification (default 2). */
  readonly scale?: number;
}

/** PNG bytes of the sheet (columns: `show` lowest, a gap, `show` highest). */
export function contactSheet(input: ContactSheetInput): Uint8Array {
  const { samples, shape, labels, numClasses, scores, show } = input;
  const [H, W, C] = shape;
  const s = input.scale ?? 2;
  const cell = { w: W * s + 2, h: H * s + 2 };
  const cols = 2 * show + 1;
  const png = new PNG({ width: cols * cell.w, height: numClasses * cell.h });
  png.data.fill(255);
  for (let c = 0; c < numClasses; c++) {
    const members = Array.from({ length: labels.length }, (_, i) => i)
      .filter((i) => labels[i] === c)
      .sort((a, b) => scores[a]! - scores[b]! || a - b);
    const n = Math.min(show, Math.floor(members.length / 2));
    const picks: (number | null)[] = [
      ...members.slice(0, n),
      ...Array<null>(show - n + 1).fill(null),
      ...members.slice(members.length - n),
    ];
    picks.forEach((sample, col) => {
      if (sample === null) return;
      for (let y = 0; y < H * s; y++) {
        for (let x = 0; x < W * s; x++) {
          const src = ((sample * H + Math.floor(y / s)) * W + Math.floor(x / s)) * C;
          const o = ((c * cell.h + y) * png.width + col * cell.w + x) * 4;
          for (let k = 0; k < 3; k++)
            png.data[o + k] = Math.round(
              Math.max(0, Math.min(255, samples[src + (C === 1 ? 0 : k)]!)),
            );
          png.data[o + 3] = 255;
        }
      }
    });
  }
  return PNG.sync.write(png);
}
