// A tiny labelled dataset as PNG image folders (train/<class>/*.png, test/<class>/*.png), written
// by the CLI tests that build bundles or teachers from a real-dataset folder: three classes of
// 16×16 grey patterns (bars, columns, a square) with random phase and noise.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { Rng } from '../../src/engine/rng';

export const FOLDER_SIZE = 16;
export const FOLDER_CLASSES = ['bars', 'columns', 'square'];

function drawPng(c: number, rng: Rng): Buffer {
  const SIZE = FOLDER_SIZE;
  const png = new PNG({ width: SIZE, height: SIZE, colorType: 0 });
  const phase = rng.int(4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let on: boolean;
      if (c === 0) on = (y + 2 * phase) % 8 < 4;
      else if (c === 1) on = (x + 2 * phase) % 8 < 4;
      else on = Math.abs(x - 8) <= 3 + (phase % 2) && Math.abs(y - 8) <= 3 + (phase % 2);
      const v = Math.max(0, Math.min(255, Math.round(128 + (on ? 80 : -80) + 20 * rng.normal())));
      const i = (y * SIZE + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 0 });
}

/** Writes the dataset into `dir`: 30 training and 10 test images per class, seeded. */
export async function writeImageFolderDataset(dir: string, seed = 11): Promise<void> {
  const rng = new Rng(seed);
  for (const [split, per] of [
    ['train', 30],
    ['test', 10],
  ] as const) {
    for (const [c, name] of FOLDER_CLASSES.entries()) {
      const sub = join(dir, split, name);
      await mkdir(sub, { recursive: true });
      for (let i = 0; i < per; i++) await writeFile(join(sub, `${i}.png`), drawPng(c, rng));
    }
  }
}
