// CLI tests on a tiny bundle written to a temp folder: inspect, select and train's test subset
// give exact outcomes, and bad input (unknown flags, missing files, impossible IPCs) gives a clear error and exit code.
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './test-run';
import { readBundleDir } from '../lib/bundle-fs';
import { useTempDir, writeTinyBundleDir } from '../../test-support/node/test-dirs';

const root = useTempDir('yoco-cli-');

/** Every bundle here: 4 classes × ipc 3 of 16×16×3, f = 2 (48 samples), 8 test images per class. */
const TINY = { classes: 4, ipc: 3, factor: 2, size: 16, channels: 3, seed: 7 } as const;

let bundleDir = '';

const run = runCli;

beforeAll(async () => {
  bundleDir = join(root(), 'tiny');
  await writeTinyBundleDir(bundleDir, TINY);
});

describe('yoco inspect', () => {
  it('validates and summarises a bundle', async () => {
    const r = await run(['inspect', bundleDir, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({
      valid: true,
      ipc: 3,
      factor: 2,
      storedImages: 12,
      samples: 48,
      samplesPerClass: 12,
    });
  });

  it('prints the image dtype, and for float32 pixels their range and the fraction outside [0, 1]', async () => {
    const u8 = JSON.parse((await run(['inspect', bundleDir, '--json'])).out);
    expect(u8.imageDType).toBe('uint8');
    expect(u8.pixels).toBeUndefined();
    const floatDir = join(root(), 'tiny-f32');
    await writeTinyBundleDir(floatDir, { ...TINY, imageDType: 'float32' });
    const values = (await readBundleDir(floatDir)).images as Float32Array;
    const outside = values.filter((v) => v < 0 || v > 1).length / values.length;
    const json = await run(['inspect', floatDir, '--json']);
    expect(json.code).toBe(0);
    const s = JSON.parse(json.out);
    expect(s.imageDType).toBe('float32');
    expect(s.pixels.min).toBe(Math.min(...values));
    expect(s.pixels.max).toBe(Math.max(...values));
    expect(s.pixels.outsideFraction).toBeCloseTo(outside, 12);
    expect(s.pixels.min).toBeLessThan(0);
    expect(s.pixels.max).toBeGreaterThan(1);
    const text = await run(['inspect', floatDir]);
    expect(text.out).toContain(
      `pixels        float32, pixel/255 units, range ${s.pixels.min.toFixed(3)} … ${s.pixels.max.toFixed(3)}, ` +
        `${(100 * outside).toFixed(2)}% of values outside [0, 1]`,
    );
  });

  it('says when the test set is stored sorted by class, and still validates it', async () => {
    const sorted = join(root(), 'sorted');
    await writeTinyBundleDir(sorted, { ...TINY, testOrder: 'sorted' });
    const text = await run(['inspect', sorted]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      /test set {6}32 images \(8 per class, all 4 classes\), order not recorded/,
    );
    expect(text.out).toMatch(/⚠ test order {2}sorted by class: .* stratified by class/);
    expect(JSON.parse((await run(['inspect', sorted, '--json'])).out)).toMatchObject({
      valid: true,
      testSortedByClass: true,
      testOrder: null,
      testPerClass: [8, 8, 8, 8],
    });
    const interleaved = await run(['inspect', bundleDir]);
    expect(interleaved.out).not.toMatch(/sorted by class/);
  });

  it('names the file and the problem for a corrupted bundle', async () => {
    const bad = join(root(), 'bad');
    await writeTinyBundleDir(bad, TINY);
    await writeFile(join(bad, 'labels.u8'), new Uint8Array(12).fill(9));
    const r = await run(['inspect', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/labels\.u8: SHA-256 mismatch/);
  });

  it('reports a missing folder with exit code 1', async () => {
    const r = await run(['inspect', join(root(), 'nope')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nope: .*(not found|does not exist|no such)/i);
  });
});

describe('yoco train', () => {
  it('evaluates --test-limit on a stratified subset of a class-sorted test set', async () => {
    const sorted = join(root(), 'sorted-train');
    await writeTinyBundleDir(sorted, { ...TINY, testOrder: 'sorted' });
    const args = ['train', sorted, '--ipc', '1', '--method', 'yoco', '--epochs', '1'];
    const r = await run([...args, '--width', '4', '--test-limit', '8', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/% on 8 images \(stratified: 2 per class, all 4 classes\)/);
    const json = await run([...args, '--width', '4', '--test-limit', '8', '--quiet', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({
      testImages: 8,
      testSubset: 'stratified',
      testPerClass: [2, 2, 2, 2],
    });
    const all = await run([...args, '--width', '4', '--quiet', '--json']);
    expect(JSON.parse(all.out)).toMatchObject({
      testImages: 32,
      testSubset: 'all',
      testPerClass: [8, 8, 8, 8],
    });
  }, 60_000);
});

describe('yoco select', () => {
  it('yoco at IPC_T 0.25 keeps the lowest-LBPE sample of each class', async () => {
    const bundle = await readBundleDir(bundleDir);
    const expected: number[] = [];
    for (let c = 0; c < 4; c++) {
      let best = -1;
      for (let s = c * 12; s < (c + 1) * 12; s++) {
        if (best < 0 || bundle.scores.lbpe[s]! < bundle.scores.lbpe[best]!) best = s;
      }
      expected.push(best);
    }
    const r = await run(['select', bundleDir, '--ipc', '0.25', '--method', 'yoco', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.indices).toEqual(expected);
    expect(out).toMatchObject({ perClass: 1, method: 'yoco', prefer: 'easy', balanced: true });
  });

  it('balanced selection keeps n per class; imbalanced keeps n·classes in all', async () => {
    const bal = JSON.parse(
      (await run(['select', bundleDir, '--ipc', '1', '--method', 'lbpe+balanced', '--json'])).out,
    );
    const counts = [0, 0, 0, 0];
    for (const i of bal.indices as number[]) counts[Math.floor(i / 12)]!++;
    expect(counts).toEqual([4, 4, 4, 4]);
    const imb = JSON.parse(
      (await run(['select', bundleDir, '--ipc', '1', '--method', 'lbpe+imbalanced', '--json'])).out,
    );
    expect(imb.indices).toHaveLength(16);
    expect([...imb.indices].sort((a: number, b: number) => a - b)).toEqual(imb.indices);
  });

  it('random is deterministic for a seed', async () => {
    const args = ['select', bundleDir, '--ipc', '1', '--method', 'random', '--seed', '3', '--json'];
    const pick = async (): Promise<unknown> => JSON.parse((await run(args)).out).indices;
    const a = await pick();
    expect(a).toHaveLength(16);
    expect(await pick()).toEqual(a);
  });

  it('rejects impossible IPCs, unknown flags and methods with clear errors', async () => {
    const above = await run(['select', bundleDir, '--ipc', '4', '--method', 'yoco']);
    expect(above.code).toBe(1);
    expect(above.err).toMatch(/IPC_T 4 is above IPC_F = 3/);
    const zero = await run(['select', bundleDir, '--ipc', '0', '--method', 'yoco']);
    expect(zero.code).toBe(2);
    expect(zero.err).toMatch(/--ipc must be in \(0, 1000000\], got 0/);
    const step = await run(['select', bundleDir, '--ipc', '0.3', '--method', 'yoco']);
    expect(step.code).toBe(1);
    expect(step.err).toMatch(/IPC_T 0.3 is not a multiple of 1\/4/);
    const flag = await run(['select', bundleDir, '--ipc', '1', '--method', 'yoco', '--fast']);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/unknown flag --fast/);
    const method = await run(['select', bundleDir, '--ipc', '1', '--method', 'dream']);
    expect(method.code).toBe(2);
    expect(method.err).toMatch(/unknown method "dream"/);
    const fixed = await run(['select', bundleDir, '--ipc', '1', '--method', 'yoco+hard']);
    expect(fixed.code).toBe(2);
    expect(fixed.err).toMatch(/yoco is fixed/);
    const gone = await run([
      'select',
      bundleDir,
      '--ipc',
      '1',
      '--method',
      'lbpe',
      '--prefer',
      'hard',
    ]);
    expect(gone.code).toBe(2);
    expect(gone.err).toMatch(/unknown flag --prefer/);
  });

  it("--help prints the command's flags and exits 0", async () => {
    const r = await run(['select', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: yoco select <bundle-folder> --ipc <IPC_T> --method <token>/);
    expect(r.out).toMatch(/--method <string> +selection method: yoco, lbpe, /);
    expect(r.out).toMatch(/--seed <integer> +seed for random, CCS and k-means \(default 0\)/);
  });

  it('an unknown command exits 2', async () => {
    expect((await run(['condense'])).code).toBe(2);
  });
});
