// The fuzz and corruption test of bundle loading (design.md §7: nothing in a bundle is trusted). It runs, through the real reader in
// Node (readBundle over fileSystemGetFile, and over fetchBundleFile for the HTTP cases):
// - named hostile cases (bundle-fuzz-cases.ts): FIFOs, links leaving the folder, sparse giant
//   files, deep and long JSON, poisonous values, and a server sending 300 MB;
// - RANDOM_CASES seeded random manifest mutations (manifest-mutations.ts).
// Each case runs under a time bound (CASE_MS) and a memory bound (CASE_MEMORY, peak RSS growth),
// every read checked against the limit the reader gave (bundle-fuzz-harness.ts). It asserts 0
// hangs, 0 crashes (anything thrown but a BundleError), 0 unbounded reads, a named BundleError on
// an expected file for every case that must be rejected, and a load for every harmless one, and
// prints the figures.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fetchBundleFile } from '../../src/engine/bundle/fetch';
import { readBundle } from '../../src/engine/bundle/read';
import { makeTinyBundle } from '../../test-support/engine/tiny-bundle';
import { manifestMutator } from '../../test-support/engine/manifest-mutations';
import {
  decodeText,
  encodeText,
  manifestOf,
  type BundleFiles,
} from '../../test-support/engine/bundle-edits';
import { fileSystemGetFile } from './bundle-fs';
import { fakeServer, namedCases } from '../../test-support/node/bundle-fuzz-cases';
import {
  describeFigures,
  newFigures,
  runCase,
  type Bounds,
} from '../../test-support/node/bundle-fuzz-harness';
import { useTempDir } from '../../test-support/node/test-dirs';

const RANDOM_CASES = 400;
const CASE_MS = 5000;
const CASE_MEMORY = 64 * 2 ** 20;
const unix = process.platform !== 'win32';

const figures = newFigures();
const bounds: Bounds = { ms: CASE_MS, memory: CASE_MEMORY };

const root = useTempDir('yoco-fuzz-');
let base: BundleFiles;
let caseCount = 0;

/** Writes `files` (default: the base bundle) as a fresh bundle folder; returns its path. */
async function bundleDir(files: BundleFiles = base): Promise<string> {
  const dir = join(root(), `case-${caseCount++}`);
  await mkdir(dir);
  for (const [path, bytes] of files) await writeFile(join(dir, path), bytes);
  return dir;
}

beforeAll(async () => {
  const tiny = await makeTinyBundle({
    classes: 3,
    ipc: 2,
    size: 8,
    channels: 1,
    testPerClass: 4,
    features: true,
    teacher: true,
    seed: 11,
  });
  // Give the base every optional part the mutations aim at: a source URL and a reference table.
  const m = manifestOf(tiny.files);
  m.source.url = 'https://example.org/tiny';
  m.testOrder = { shuffled: false };
  m.referenceTable = {
    protocol: { epochs: 3 },
    rows: [
      { method: 'full', ipc: null, mean: 0.6, std: 0.01, seeds: 2, runs: [0.59, 0.61] },
      { method: 'yoco', ipc: 1, mean: 0.5, std: 0, seeds: 1, runs: [0.5] },
    ],
  };
  base = new Map(tiny.files).set('manifest.json', encodeText(JSON.stringify(m, null, 2)));
  // The base loads, from disk and from the fake server.
  await readBundle(fileSystemGetFile(await bundleDir()));
  await readBundle(fetchBundleFile('/b', { fetch: fakeServer(base, {}) }));
});

afterAll(() => {
  console.log(describeFigures(figures));
});

describe('bundle fuzz and corruption (Node reader)', () => {
  it('named hostile cases: each a named BundleError on the right file, none hangs or reads unbounded', async () => {
    const cases = await namedCases({ root: root(), base, bundleDir });
    const before = figures.failures.length;
    for (const c of cases) await runCase(c, bounds, figures);
    expect(figures.failures.slice(before)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(unix ? 27 : 23);
  });

  it(`${RANDOM_CASES} seeded random manifest mutations: loads or named errors only, no hang, crash or unbounded read`, async () => {
    const dir = await bundleDir();
    const mutation = manifestMutator(decodeText(base.get('manifest.json')!));
    const kinds = figures.kinds;
    const before = figures.failures.length;
    for (let seed = 0; seed < RANDOM_CASES; seed++) {
      const mut = mutation(seed);
      kinds.set(mut.kind, (kinds.get(mut.kind) ?? 0) + 1);
      await writeFile(join(dir, 'manifest.json'), mut.bytes);
      await runCase(
        {
          name: `seed ${seed} ${mut.kind} (${mut.detail.slice(0, 80)})`,
          expect: mut.expect,
          ...(mut.files ? { files: mut.files } : {}),
          getFile: fileSystemGetFile(dir),
        },
        bounds,
        figures,
      );
    }
    expect(figures.failures.slice(before)).toEqual([]);
    // Every kind of mutation was drawn (15 kinds in 11 families).
    expect(kinds.size).toBe(15);
  });
});
