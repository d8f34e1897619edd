// A figure for the findings: DM's stored images at chosen checkpoints, side by side (one row per
// class, the class's first `show` stored images at each checkpoint, pixels clamped to [0, 1]).
// It reads the checkpoints `yoco build --condense dm` saved in its cache folder
// (`.cache/build/checkpoints/dm-<key>/`) and the built bundle's manifest (shape, normalisation):
//   npx tsx tools/figures/dm-progress.ts <bundle> <checkpoint-folder> <out.png> <iterations> [show]
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { binaryCodec } from '../builder/cache-codecs';
import { readEntry } from '../builder/cache-entry';
import type { DmState } from '../../src/engine/condense/dm';
import type { Manifest } from '../../src/engine/bundle/manifest';

const [bundle, dir, out, list, showArg] = process.argv.slice(2);
if (!bundle || !dir || !out || !list) {
  console.error('usage: dm-progress.ts <bundle> <checkpoint-folder> <out.png> <iterations> [show]');
  process.exit(2);
}
const m = JSON.parse(await readFile(join(bundle, 'manifest.json'), 'utf8')) as Manifest;
const [H, W, C] = m.imageShape;
const K = m.classes.length;
const steps = list.split(',').map(Number);
const show = Math.min(m.ipc, Number(showArg ?? 5));
const scale = 2;
const cell = { w: W * scale + 2, h: H * scale + 2 };
const gap = 12;
const block = show * cell.w + gap;
const png = new PNG({ width: steps.length * block - gap, height: K * cell.h });
png.data.fill(255);
for (const [si, step] of steps.entries()) {
  const name = `step-${String(step).padStart(8, '0')}.ckpt`;
  const entry = await readEntry(join(dir, name), null); // size and digest still checked
  if (!('payload' in entry)) throw new Error(`${name}: ${entry.problem}`);
  const { images } = binaryCodec<DmState>().decode(entry.payload);
  for (let c = 0; c < K; c++) {
    for (let j = 0; j < show; j++) {
      const base = (c * m.ipc + j) * H * W * C;
      for (let y = 0; y < H * scale; y++) {
        for (let x = 0; x < W * scale; x++) {
          const o = ((c * cell.h + y) * png.width + si * block + j * cell.w + x) * 4;
          const src = base + (Math.floor(y / scale) * W + Math.floor(x / scale)) * C;
          for (let k = 0; k < 3; k++) {
            const ch = C === 1 ? 0 : k;
            const v = images[src + ch]! * m.normalization.std[ch]! + m.normalization.mean[ch]!;
            png.data[o + k] = Math.round(255 * Math.min(1, Math.max(0, v)));
          }
          png.data[o + 3] = 255;
        }
      }
    }
  }
}
await writeFile(out, PNG.sync.write(png));
console.log(`wrote ${out}: ${steps.join(', ')} (${show} stored images per class each)`);
