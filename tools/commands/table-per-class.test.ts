// `yoco table --per-class` on a tiny bundle: per-class accuracy from the cells' confusion
// matrices (on a balanced test set, their mean is the row's accuracy), and cells cached before
// per-class results were kept: still read (same accuracy, no retraining), with no per-class
// figures and a note that says so.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonCodec } from '../builder/cache-codecs';
import { writeEntry, type EntryHeader } from '../builder/cache-entry';
import { sha256Hex } from '../builder/stable-hash';
import type { PerClassRow } from '../lib/per-class';
import { useTempDir, writeTinyBundleDir } from '../../test-support/node/test-dirs';
import type { ReferenceTable } from '../../src/engine/bundle/manifest';
import { runCli } from './test-run';

const root = useTempDir('yoco-table-pc-');
let bundleDir = '';
let cache = '';

interface PerClassJson extends ReferenceTable {
  readonly perClass: { readonly classes: string[]; readonly rows: PerClassRow[] };
}

beforeAll(async () => {
  bundleDir = join(root(), 'bundle');
  cache = join(root(), 'cache');
  await writeTinyBundleDir(bundleDir, { classes: 3, ipc: 2, factor: 2, size: 8, seed: 4 });
});

/** Two rows, two seeds, a tiny protocol. */
const SETUP = '--ipc 1 --methods yoco,random --seeds 2 --epochs 2 --width 4 --batch 16'.split(' ');
const table = (...extra: string[]) =>
  runCli(['table', bundleDir, ...SETUP, '--cache', cache, '--per-class', ...extra]);

/** Rewrites every cached cell as an older version wrote it: without its confusion matrix. */
async function dropConfusions(dir: string): Promise<number> {
  const codec = jsonCodec<Record<string, unknown>>();
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bin'));
  for (const f of files) {
    const data = await readFile(join(dir, f));
    const headLen = data.readUInt32LE(8);
    const header = JSON.parse(data.subarray(12, 12 + headLen).toString('utf8')) as EntryHeader;
    const { confusion: _dropped, ...old } = codec.decode(data.subarray(12 + headLen));
    const payload = codec.encode(old);
    await writeEntry(
      join(dir, f),
      { ...header, bytes: payload.byteLength, sha256: sha256Hex(payload) },
      payload,
    );
  }
  return files.length;
}

const cacheBytes = async (): Promise<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const f of (await readdir(cache)).sort()) {
    out[f] = sha256Hex(await readFile(join(cache, f)));
  }
  return out;
};

describe('yoco table --per-class', () => {
  it('prints per-class accuracy, and only a note for cells cached without it', async () => {
    const fresh = await table('--json');
    expect(fresh.code).toBe(0);
    const t = JSON.parse(fresh.out) as PerClassJson;
    expect(t.perClass.classes).toHaveLength(3);
    expect(t.perClass.rows.map((r) => [r.method, r.ipc, r.seeds])).toEqual([
      ['yoco', 1, 2],
      ['random', 1, 2],
    ]);
    // 8 test images per class: the mean of the per-class accuracies is the overall accuracy.
    t.perClass.rows.forEach((r, i) => {
      expect(r.accuracy).toHaveLength(3);
      const mean = r.accuracy!.reduce((a, b) => a! + b!, 0)! / 3;
      expect(mean).toBeCloseTo(t.rows[i]!.mean, 12);
    });

    expect(await dropConfusions(cache)).toBe(4);
    const before = await cacheBytes();
    const old = await table('--json');
    expect(old.code).toBe(0);
    // The old cells are read as they are: not retrained, not rewritten.
    expect(await cacheBytes()).toEqual(before);
    const o = JSON.parse(old.out) as PerClassJson;
    expect(o.rows).toEqual(t.rows);
    expect(o.perClass.rows.map((r) => r.accuracy)).toEqual([null, null]);

    const text = await table();
    expect(text.out).toMatch(/^yoco @ 1 +— +— +—$/m);
    expect(text.out).toMatch(/2 rows without per-class figures .* cached before per-class results/);
  }, 120_000);
});
