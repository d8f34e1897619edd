// End-to-end build on a tiny image-folder dataset the test writes itself: `yoco build` (tiny widths
// and epochs) makes a bundle that validates, is reproducible from its seed, resumes from its cache,
// and works with `yoco select` and `yoco train`.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { Rng } from '../../src/engine/rng';
import { join } from 'node:path';
import { runCli } from './test-run';
import { useTempDir } from '../../test-support/node/test-dirs';
import {
  FOLDER_CLASSES as CLASSES,
  writeImageFolderDataset,
} from '../../test-support/node/image-folder-dataset';

const root = useTempDir('yoco-build-');

let dataDir = '';

const run = runCli;

/** RDED with tiny widths and epochs, as typed on the command line. */
const TINY = (
  '--ipc 2 --factor 2 --observer-width 4 --observer-epochs 1 --keep 0.8 --pool 12 --crops 2 ' +
  '--score-width 4 --score-epochs 4 --top-k 2 --runs 2 --score-schedule 4 --batch 16 --no-flip --seed 5'
).split(' ');

/** `yoco build` of the test dataset into `out` with stage cache `cache`. */
const build = (out: string, cache: string, ...flags: string[]) =>
  run(['build', dataDir, '--out', out, '--cache', cache, ...flags]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const manifestOf = async (bundle: string): Promise<Record<string, any>> =>
  JSON.parse(await readFile(join(bundle, 'manifest.json'), 'utf8'));

beforeAll(async () => {
  dataDir = join(root(), 'data');
  await writeImageFolderDataset(dataDir);
});

describe('yoco build', () => {
  it('builds a valid, reproducible, resumable bundle that select and train can use', async () => {
    const cache = join(root(), 'cache');
    const outA = join(root(), 'bundle-a');
    const first = await build(outA, cache, ...TINY);
    expect(first.err).not.toMatch(/Error/);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/stage observer: done/);

    const inspect = await run(['inspect', outA, '--json']);
    expect(inspect.code).toBe(0);
    const summary = JSON.parse(inspect.out);
    expect(summary).toMatchObject({
      ipc: 2,
      factor: 2,
      storedImages: 6,
      samples: 24,
      testImages: 30,
    });
    expect(summary.classes).toEqual(CLASSES);
    const manifest = await manifestOf(outA);
    expect(manifest.tool.command).toContain('--seed 5');
    expect(manifest.scoring.params).toMatchObject({ E: 4, K: 2, R: 2, cutmix: 0.5 });
    expect(manifest.scoring.params.runSpearman.lbpe).toHaveLength(1);
    expect(manifest.condensation.params.rded.select).toBe('lowest-loss');
    expect(manifest.features.dim).toBeGreaterThan(0);
    // The image folder is read class by class; the bundle stores its test set shuffled.
    expect(manifest.testOrder).toEqual({ shuffled: true, seed: 5 });
    expect(summary).toMatchObject({ testSortedByClass: false, testPerClass: [10, 10, 10] });
    const testLabels = [...(await readFile(join(outA, manifest.files.testLabels.path)))];
    const imported = Array.from({ length: 30 }, (_, i) => Math.floor(i / 10));
    expect(testLabels).toEqual([...new Rng(5).permutation(30)].map((i) => imported[i]));

    // Same command again: every stage comes from the cache and the bundle is byte-identical.
    const outB = join(root(), 'bundle-b');
    const second = await build(outB, cache, ...TINY);
    expect(second.code).toBe(0);
    for (const stage of ['observer', 'losses', 'rded', 'scores-run-0', 'scores-run-1']) {
      expect(second.err).toMatch(new RegExp(`stage ${stage}: cached`));
    }
    expect((await manifestOf(outB)).files).toEqual({ ...manifest.files });

    // A fresh cache with the same seed reproduces the same bundle payloads.
    const outC = join(root(), 'bundle-c');
    const third = await build(outC, join(root(), 'cache2'), ...TINY);
    expect(third.code).toBe(0);
    const filesC = (await manifestOf(outC)).files;
    expect(filesC.images.sha256).toBe(manifest.files.images.sha256);
    expect(filesC.scores.sha256).toBe(manifest.files.scores.sha256);
    expect(filesC.testImages.sha256).toBe(manifest.files.testImages.sha256);

    // The control condensation and un-mixed scoring reuse the observer but redo the later stages.
    const outD = join(root(), 'bundle-d');
    const control = await build(
      outD,
      cache,
      ...TINY,
      '--crop-select',
      'random',
      '--score-cutmix',
      '0',
    );
    expect(control.code).toBe(0);
    expect(control.err).toMatch(/stage observer: cached/);
    expect(control.err).toMatch(/stage rded: done/);
    expect(control.err).toMatch(/stage scores-run-0: done/);
    const manifestD = await manifestOf(outD);
    expect(manifestD.condensation.params.rded.select).toBe('random');
    expect(manifestD.condensation.method).toMatch(/^random crops/);
    expect(manifestD.scoring.params.cutmix).toBe(0);
    expect(manifestD.files.images.sha256).not.toBe(manifest.files.images.sha256);

    const select = await run(['select', outA, '--ipc', '1', '--method', 'yoco', '--json']);
    expect(select.code).toBe(0);
    const indices = JSON.parse(select.out).indices as number[];
    expect(indices).toHaveLength(3 * 4);
    expect([0, 1, 2].map((c) => indices.filter((i) => Math.floor(i / 8) === c).length)).toEqual([
      4, 4, 4,
    ]);

    const protocol = '--ipc 2 --method random --epochs 60 --width 8 --batch 8 --json --quiet';
    const train = await run(['train', outA, ...protocol.split(' ')]);
    expect(train.code).toBe(0);
    const result = JSON.parse(train.out);
    expect(result.samples).toBe(24);
    expect(result.testAccuracy).toBeGreaterThan(1 / 3 + 0.15);
  }, 300_000);

  it('--condense dm: float32 images, a probed accuracy curve, and a stopped run that resumes', async () => {
    const DM = (
      '--condense dm --dm-real-batch 8 --dm-width 4 --dm-checkpoint-every 2 --probe-epochs 3 ' +
      '--score-width 4 --score-epochs 3 --top-k 2 --runs 2 --score-schedule 3 --ipc 2 --factor 2 ' +
      '--batch 16 --no-flip --seed 5'
    ).split(' ');
    const cache = join(root(), 'dm-cache');
    // A "stopped" build: 2 iterations, then the same build asked for 4 resumes at the checkpoint.
    const short = await build(join(root(), 'dm-short'), cache, ...DM, '--dm-iterations', '2');
    expect(short.code).toBe(0);
    const out = join(root(), 'dm-bundle');
    const resumed = await build(out, cache, ...DM, '--dm-iterations', '4', '--dm-probe-at', '2');
    expect(resumed.code).toBe(0);
    expect(resumed.err).toMatch(/DM: resuming from the checkpoint at iteration 2/);
    expect(resumed.err).toMatch(/DM iterations {2}4\/4/);
    const inspect = await run(['inspect', out, '--json']);
    expect(inspect.code).toBe(0);
    const manifest = await manifestOf(out);
    expect(manifest.imageDType).toBe('float32');
    expect(manifest.files.images.path).toBe('images.f32');
    expect(manifest.condensation.method).toMatch(/^DM: distribution matching/);
    expect(manifest.condensation.params).toMatchObject({
      iterations: 4,
      imageLr: 1,
      momentum: 0.5,
      realBatchPerClass: 8,
    });
    const curve = manifest.condensation.params.fullSetAccuracy.curve as {
      iteration: number;
      accuracy: number;
    }[];
    expect(curve.map((c) => c.iteration)).toEqual([0, 2, 4]);
    for (const c of curve) expect(c.accuracy).toBeGreaterThan(1 / 3); // 3 easy classes, above chance
    // The same 4 iterations in one go, in a fresh cache, give the same synthetic images.
    const straight = join(root(), 'dm-straight');
    const once = await build(straight, join(root(), 'dm-cache2'), ...DM, '--dm-iterations', '4');
    expect(once.code).toBe(0);
    expect((await manifestOf(straight)).files.images.sha256).toBe(manifest.files.images.sha256);
    // The synthetic pixels moved away from the mosaic initialisation (iteration 0).
    const init = await build(join(root(), 'dm-init'), cache, ...DM, '--dm-iterations', '0');
    expect(init.code).toBe(0);
    const initManifest = await manifestOf(join(root(), 'dm-init'));
    expect(initManifest.files.images.sha256).not.toBe(manifest.files.images.sha256);
  }, 300_000);

  it('rejects bad parameters and missing datasets with clear errors', async () => {
    const noOut = await run(['build', dataDir]);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/missing --out/);
    // Each row: the flags after `build <data> --out <x>`, and the usage error they give.
    const usageErrors: Array<[string[], RegExp | undefined]> = [
      [['--keep', '1.5'], /--keep must be in \(0, 1\], got 1.5/],
      [['--crop-select', 'best'], /--crop-select must be lowest-loss or random, got "best"/],
      [['--score-cutmix', '2'], /--score-cutmix must be in \[0, 1\], got 2/],
      [['--condense', 'mtt'], /--condense must be rded or dm, got "mtt"/],
      [['--dm-probe-at', '10'], /--dm-probe-at needs --condense dm/],
      [['--dm-prefixes', '1,2'], /--dm-prefixes needs --condense dm/],
      [['--top-k', '20', '--score-epochs', '10'], undefined],
    ];
    for (const [flags, message] of usageErrors) {
      const r = await run(['build', dataDir, '--out', join(root(), 'x'), ...flags]);
      expect(r.code).toBe(2);
      if (message) expect(r.err).toMatch(message);
    }
    const missing = await run(['build', join(root(), 'nowhere'), '--out', join(root(), 'x')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nowhere/);
  });
});
