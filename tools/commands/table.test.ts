// Tests of `yoco table` on a tiny bundle with tiny widths and epochs: mean ± std computed from the
// per-seed runs, cells cached and reused, the table written into the manifest (still valid), rows
// merged into an existing table with --merge, and a protocol mismatch refused before any training.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseManifest } from '../../src/engine/bundle/validate';
import type { ReferenceRow, ReferenceTable } from '../../src/engine/bundle/manifest';
import { useTempDir, writeTinyBundleDir } from '../../test-support/node/test-dirs';
import { mergeTables } from '../lib/table-manifest';
import { runCli } from './test-run';

const root = useTempDir('yoco-table-');

let bundleDir: string;
let cache: string;
const PROTOCOL = ['--seeds', '2', '--epochs', '3', '--width', '4', '--batch', '16'];

beforeAll(async () => {
  bundleDir = join(root(), 'bundle');
  cache = join(root(), 'cache');
  await writeTinyBundleDir(bundleDir, { classes: 3, ipc: 2, factor: 2, size: 8, seed: 4 });
});

const manifestTable = async (): Promise<ReferenceTable> =>
  parseManifest(await readFile(join(bundleDir, 'manifest.json'), 'utf8')).referenceTable!;

describe('yoco table', () => {
  it('--test-limit gives the same cell on a class-sorted copy of a bundle as on the original', async () => {
    const opts = { classes: 3, ipc: 2, factor: 2, size: 8, testPerClass: 8, seed: 4 };
    const dirs = { interleaved: join(root(), 'interleaved'), sorted: join(root(), 'sorted') };
    await writeTinyBundleDir(dirs.interleaved, opts);
    await writeTinyBundleDir(dirs.sorted, { ...opts, testOrder: 'sorted' });
    const cell = async (dir: string): Promise<ReferenceTable> => {
      const args = [
        'table',
        dir,
        '--ipc',
        '1',
        '--methods',
        'yoco',
        ...PROTOCOL,
        '--test-limit',
        '6',
      ];
      const r = await runCli([...args, '--cache', join(root(), 'cache-order'), '--json']);
      expect(r.code).toBe(0);
      return JSON.parse(r.out) as ReferenceTable;
    };
    const a = await cell(dirs.interleaved);
    const b = await cell(dirs.sorted);
    // Both evaluate the first 2 images of each class: the same 6 images, so the same accuracy
    // (the first 6 of the sorted copy would be class 0 only).
    expect(b.rows[0]!.runs).toEqual(a.rows[0]!.runs);
    expect(b.protocol).toMatchObject({
      testImages: 6,
      testSubset:
        "stratified by class: 2 per class, all 3 classes, of 24 (largest-remainder quotas, each class's first images in stored order)",
    });
  }, 120_000);

  it('measures every cell, caches it, and writes a valid table into the manifest', async () => {
    const args = [
      'table',
      bundleDir,
      '--ipc',
      '0.5',
      '--methods',
      'full,yoco,random',
      ...PROTOCOL,
      '--cache',
      cache,
      '--json',
    ];
    const first = await runCli([...args, '--into-manifest']);
    expect(first.code).toBe(0);
    const table = JSON.parse(first.out) as ReferenceTable;
    expect(table.rows.map((r) => [r.method, r.ipc])).toEqual([
      ['full', null],
      ['yoco', 0.5],
      ['random', 0.5],
    ]);
    for (const row of table.rows) {
      expect(row.runs).toHaveLength(2);
      const mean = (row.runs![0]! + row.runs![1]!) / 2;
      expect(row.mean).toBeCloseTo(mean, 12);
      expect(row.std).toBeCloseTo(Math.abs(row.runs![0]! - row.runs![1]!) / 2, 12);
      for (const a of row.runs!) expect(a).toBeGreaterThanOrEqual(0);
    }
    expect(first.err).toMatch(/\[6\/6\] random IPC_T 0.5 seed 1/);
    expect(table.protocol).toMatchObject({
      width: 4,
      epochs: 3,
      batchSize: 16,
      seeds: 2,
      testImages: 24,
    });
    expect((await manifestTable()).rows).toEqual(table.rows);

    // A rerun answers from the cache with the same numbers.
    const again = await runCli(args);
    expect(JSON.parse(again.out).rows).toEqual(table.rows);
  }, 120_000);

  it('--merge adds rows to the manifest table and replaces re-measured ones', async () => {
    const before = await manifestTable();
    const r = await runCli([
      'table',
      bundleDir,
      '--ipc',
      '0.5,1',
      '--methods',
      'random+balanced',
      ...PROTOCOL,
      '--cache',
      cache,
      '--into-manifest',
      '--merge',
    ]);
    expect(r.code).toBe(0);
    const after = await manifestTable();
    expect(after.rows.slice(0, 3)).toEqual(before.rows);
    expect(after.rows.slice(3).map((x) => [x.method, x.ipc])).toEqual([
      ['random+balanced', 0.5],
      ['random+balanced', 1],
    ]);
    expect(String(after.protocol.command).split(' && ')).toHaveLength(2);
  }, 120_000);

  it('refuses to merge rows measured with another protocol, before training', async () => {
    const r = await runCli([
      'table',
      bundleDir,
      '--ipc',
      '1',
      '--methods',
      'yoco',
      '--seeds',
      '2',
      '--epochs',
      '4',
      '--width',
      '4',
      '--batch',
      '16',
      '--cache',
      cache,
      '--into-manifest',
      '--merge',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--merge: the manifest's table was measured with another protocol/);
    expect(r.err).not.toMatch(/\[1\/2\]/);
    const lonely = await runCli(['table', bundleDir, '--ipc', '1', '--methods', 'yoco', '--merge']);
    expect(lonely.code).toBe(2);
    expect(lonely.err).toMatch(/--merge only applies with --into-manifest/);
  });
});

describe('mergeTables', () => {
  const row = (method: string, ipc: number | null, mean: number): ReferenceRow => ({
    method,
    ipc,
    mean,
    std: 0,
    seeds: 1,
    runs: [mean],
  });
  it('replaces same (method, IPC_T) rows in place, appends new ones and chains the commands', () => {
    const old: ReferenceTable = {
      protocol: { epochs: 5, command: 'a' },
      rows: [row('yoco', 1, 0.5), row('random', 1, 0.4)],
    };
    const fresh: ReferenceTable = {
      protocol: { epochs: 5, command: 'b' },
      rows: [row('random', 1, 0.45), row('yoco', 2, 0.6)],
    };
    const merged = mergeTables(old, fresh);
    expect(merged.rows.map((r) => [r.method, r.ipc, r.mean])).toEqual([
      ['yoco', 1, 0.5],
      ['random', 1, 0.45],
      ['yoco', 2, 0.6],
    ]);
    expect(merged.protocol.command).toBe('a && b');
    expect(mergeTables(merged, fresh).protocol.command).toBe('a && b');
  });
});
