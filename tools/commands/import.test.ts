// `yoco import` end to end on the DSA-style fixture (tools/fixtures/import/) with a tiny image-folder
// test set of its 3 classes and tiny scoring settings (E 2, K 1, R 1, width 4): the bundle validates,
// holds exactly the pixels torch.load gives (un-normalised), records its provenance, and `yoco
// table` runs on it. A test set of another class count (a tiny IDX folder, 10 classes) is refused.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './test-run';
import { readBundleDir } from '../lib/bundle-fs';
import { useTempDir } from '../../test-support/node/test-dirs';

const root = useTempDir('yoco-import-');
const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const fixture = (name: string) => new URL(name, FIXTURES).pathname;
const CLASSES = ['a', 'b', 'c'];
const TINY =
  '--score-width 4 --score-epochs 2 --top-k 1 --runs 1 --score-schedule 2 --batch 16 --seed 0 --threads 1'.split(
    ' ',
  );

let folder = '';
let idx = '';

beforeAll(async () => {
  folder = join(root(), 'folder');
  for (const split of ['train', 'test']) {
    for (const [c, name] of CLASSES.entries()) {
      await mkdir(join(folder, split, name), { recursive: true });
      for (let i = 0; i < 4; i++) {
        const png = new PNG({ width: 8, height: 8, colorType: 0 });
        for (let p = 0; p < 64; p++) {
          png.data.fill((p * (c + 1) * 7 + i * 13) % 256, p * 4, p * 4 + 3);
          png.data[p * 4 + 3] = 255;
        }
        await writeFile(
          join(folder, split, name, `${i}.png`),
          PNG.sync.write(png, { colorType: 0 }),
        );
      }
    }
  }
  // An IDX test set alone (no training files): 10 MNIST classes, 8×8.
  idx = join(root(), 'idx');
  await mkdir(idx);
  const n = 20;
  await writeFile(
    join(idx, 't10k-images-idx3-ubyte'),
    Buffer.concat([
      Buffer.from([0, 0, 8, 3, 0, 0, 0, n, 0, 0, 0, 8, 0, 0, 0, 8]),
      Buffer.alloc(n * 64, 7),
    ]),
  );
  await writeFile(
    join(idx, 't10k-labels-idx1-ubyte'),
    Buffer.concat([
      Buffer.from([0, 0, 8, 1, 0, 0, 0, n]),
      Buffer.from(Array.from({ length: n }, (_, i) => i % 10)),
    ]),
  );
});

describe('yoco import', () => {
  it('imports a DSA result file into a bundle that validates, with provenance, and table runs on it', async () => {
    const out = join(root(), 'bundle');
    const cache = join(root(), 'cache');
    const args = [
      'import',
      fixture('dsa-zip.pt'),
      '--test',
      folder,
      '--out',
      out,
      '--cache',
      cache,
      '--exp',
      '1',
      '--mean',
      '0.2861',
      '--std',
      '0.353',
      ...TINY,
    ];
    const r = await runCli(args);
    expect(r.err).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /imported .*dsa-zip\.pt as dsa \(torch zip\) in [\d.]+ s: 3 classes × 2 images, 8×8×1, factor 1, experiment 1 of 2/,
    );
    expect(r.err).toMatch(/ETA/);

    const bundle = await readBundleDir(out);
    const m = bundle.manifest;
    expect(m).toMatchObject({
      ipc: 2,
      factor: 1,
      imageDType: 'float32',
      classes: CLASSES,
      normalization: { mean: [0.2861], std: [0.353] },
    });
    const bytes = await readFile(fixture('dsa-zip.pt'));
    expect(m.condensation.params).toMatchObject({
      imported: {
        files: [
          {
            name: 'dsa-zip.pt',
            bytes: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            format: 'torch zip',
          },
        ],
        layout: 'dsa',
        experiment: 1,
        experiments: 2,
        factor: 1,
        pixels: 'normalized',
        normalizationFrom: '--mean/--std',
        whiteningCheck: 'not run (the layout is never whitened)',
      },
    });
    expect(m.tool.command).toBe(`npm run yoco -- ${args.slice(0).join(' ')}`);
    expect(m.scoring.params).toMatchObject({ E: 2, K: 1, R: 1, width: 4 });
    const expected = JSON.parse(await readFile(fixture('expected.json'), 'utf8')) as {
      files: Record<string, { experiments: { pixels: number[] }[] }>;
    };
    expect(Array.from(bundle.images)).toEqual(
      Array.from(Float32Array.from(expected.files['dsa-zip.pt']!.experiments[1]!.pixels)),
    );

    const again = await runCli(args);
    expect(again.err).toMatch(/stage scores-run-0: cached/);

    const table = await runCli([
      'table',
      out,
      '--ipc',
      '1',
      '--methods',
      'yoco',
      '--seeds',
      '1',
      '--epochs',
      '1',
      '--width',
      '4',
      '--batch',
      '16',
      '--threads',
      '1',
      '--cache',
      join(root(), 'table'),
      '--json',
    ]);
    expect(table.code).toBe(0);
    expect(JSON.parse(table.out).rows[0]).toMatchObject({ method: 'yoco', ipc: 1, seeds: 1 });
  }, 120_000);

  it('refuses a test set of another class count, naming both', async () => {
    const r = await runCli([
      'import',
      fixture('dsa-zip.pt'),
      '--test',
      idx,
      '--out',
      join(root(), 'no'),
      ...TINY,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dsa-zip\.pt: the set holds images of 3 classes but the test set has 10/);
  });

  it('usage errors: no --test, a bad --layout, --mean without --std', async () => {
    const f = fixture('dsa-zip.pt');
    expect((await runCli(['import', f, '--out', 'x'])).err).toMatch(/missing --test/);
    expect(
      (await runCli(['import', f, '--test', idx, '--out', 'x', '--layout', 'zip'])).err,
    ).toMatch(/--layout must be auto or dsa, idc, mtt, kip/);
    expect((await runCli(['import', f, '--test', idx, '--out', 'x', '--mean', '0.5'])).err).toMatch(
      /give both --mean and --std/,
    );
  });
});
