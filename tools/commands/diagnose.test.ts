// Tests of `yoco diagnose` on a tiny bundle whose one feature is each sample's noise level σ (and
// whose LBPE grows with σ): easy-first keeps a clustered, low-percentile subset, hard-first the
// opposite end, random sits between; errors for a bundle without features and for `full`.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { join } from 'node:path';
import { decodeSamples } from '../../src/engine/decode';
import { readBundleDir } from '../lib/bundle-fs';
import { useTempDir, writeTinyBundleDir } from '../../test-support/node/test-dirs';
import { runCli } from './test-run';
import type { DiagnoseRow } from './diagnose';

const root = useTempDir('yoco-diagnose-');

/** Every bundle here: 4 classes × ipc 5 of 8×8×3, f = 2 (80 samples). */
const TINY = { classes: 4, ipc: 5, factor: 2, size: 8, seed: 3 } as const;

let withFeatures: string;
let without: string;

beforeAll(async () => {
  withFeatures = join(root(), 'with');
  without = join(root(), 'without');
  await writeTinyBundleDir(withFeatures, { ...TINY, features: true });
  await writeTinyBundleDir(without, TINY);
});

describe('yoco diagnose', () => {
  it('reports score correlations and the geometry of each selection', async () => {
    const r = await runCli([
      'diagnose',
      withFeatures,
      '--ipc',
      '1',
      '--methods',
      'yoco,lbpe+hard+balanced,random+balanced',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      samples: number;
      lbpeSpearman: Record<string, number>;
      rows: DiagnoseRow[];
    };
    expect(report.samples).toBe(80);
    // The tiny bundle derives every score from σ: LBPE agrees with EL2N and disagrees with AUM.
    expect(report.lbpeSpearman.el2n).toBeGreaterThan(0.9);
    expect(report.lbpeSpearman.aum).toBeLessThan(-0.9);
    const [easy, hard, random] = report.rows as [DiagnoseRow, DiagnoseRow, DiagnoseRow];
    expect(easy.lbpePercentile).toBeLessThan(20);
    expect(hard.lbpePercentile).toBeGreaterThan(80);
    expect(random.lbpePercentile).toBeGreaterThan(20);
    expect(random.lbpePercentile).toBeLessThan(80);
    // One end of a 1-d σ range is tightly clustered, a random draw spreads over the class.
    expect(easy.spread).toBeLessThan(random.spread);
    expect(hard.spread).toBeLessThan(random.spread);
    expect(easy.emptyClasses).toBe(0);
  });

  it('writes a contact sheet of the easiest and hardest samples per class', async () => {
    const sheet = join(root(), 'sheet.png');
    const r = await runCli(['diagnose', withFeatures, '--ipc', '1', '--sheet', sheet]);
    expect(r.code).toBe(0);
    const png = PNG.sync.read(await readFile(sheet));
    // 4 classes of 20 samples: 8 + gap + 8 columns of 8×8 samples at ×2 with a 2 px border.
    expect([png.width, png.height]).toEqual([17 * 18, 4 * 18]);
  });

  it('draws a float32 bundle: pixels decoded to 0…255 units, overshoots clamped', async () => {
    const dir = join(root(), 'float');
    await writeTinyBundleDir(dir, { ...TINY, features: true, imageDType: 'float32' });
    const sheet = join(root(), 'float.png');
    expect((await runCli(['diagnose', dir, '--ipc', '1', '--sheet', sheet])).code).toBe(0);
    const png = PNG.sync.read(await readFile(sheet));
    // Top-right cell (column 16 of 17, 18 px wide): class 0's highest-LBPE (noisiest) sample, at ×2.
    const b = await readBundleDir(dir);
    const samples = decodeSamples(b.images, [8, 8, 3], 20, 2);
    let hardest = 0;
    for (let s = 1; s < 20; s++) if (b.scores.lbpe[s]! > b.scores.lbpe[hardest]!) hardest = s;
    let clamped = 0;
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        for (let k = 0; k < 3; k++) {
          const v = samples[((hardest * 8 + y) * 8 + x) * 3 + k]!;
          if (v < 0 || v > 255) clamped++;
          expect(png.data[(2 * y * png.width + 16 * 18 + 2 * x) * 4 + k]).toBe(
            Math.round(Math.min(255, Math.max(0, v))),
          );
        }
      }
    }
    expect(clamped).toBeGreaterThan(0); // the check above covered values that needed clamping
  });

  it('names a bundle without features and refuses the full row', async () => {
    const none = await runCli(['diagnose', without, '--ipc', '1']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/bundle tiny ships no features payload/);
    const full = await runCli(['diagnose', withFeatures, '--methods', 'full']);
    expect(full.code).toBe(2);
    expect(full.err).toMatch(/"full" keeps everything/);
  });
});
