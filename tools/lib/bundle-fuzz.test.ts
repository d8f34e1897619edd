// The fuzz and corruption test of bundle loading (issue 9). It runs, through the real reader in
// Node (readBundle over fileSystemGetFile, and over fetchBundleFile for the HTTP cases):
// - named hostile cases: a FIFO, a link to /dev/zero, links leaving the folder, a 1.5 GB sparse
//   payload and a 600 MB sparse manifest, a 2 MB manifest, 5,000-deep JSON and huge strings in
//   manifest.json and scores.json, poisonous values (normalisation std, reference table, class
//   names, source URL), and a server sending 300 MB where the manifest says a few KB;
// - RANDOM_CASES seeded random manifest mutations (manifest-mutations.ts).
// Each case runs under a time bound (CASE_MS) and a memory bound (CASE_MEMORY, peak RSS growth),
// every read checked against the limit the reader gave (bundle-fuzz-harness.ts). It asserts 0
// hangs, 0 crashes (anything thrown but a BundleError), 0 unbounded reads, a named BundleError on
// an expected file for every case that must be rejected, and a load for every harmless one, and
// prints the figures.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BundleProblem } from '../../src/engine/errors';
import { fetchBundleFile } from '../../src/engine/bundle/fetch';
import { MAX_JSON_STRING } from '../../src/engine/bundle/json-limits';
import type { Manifest, PayloadKey } from '../../src/engine/bundle/manifest';
import { readBundle } from '../../src/engine/bundle/read';
import { sha256Hex } from '../../src/engine/bundle/sha256';
import { makeTinyBundle } from '../../src/engine/testing/tiny-bundle';
import { manifestMutator } from '../../src/engine/testing/manifest-mutations';
import { fileSystemGetFile } from './bundle-fs';
import {
  describeFigures,
  newFigures,
  runCase,
  type Bounds,
  type Case,
} from './bundle-fuzz-harness';

const RANDOM_CASES = 400;
const CASE_MS = 5000;
const CASE_MEMORY = 64 * 2 ** 20;
const unix = process.platform !== 'win32';

const figures = newFigures();
const bounds: Bounds = { ms: CASE_MS, memory: CASE_MEMORY };

let root: string;
let base: Map<string, Uint8Array>;
let manifest: Manifest;
let caseCount = 0;

// Free-form JSON editing of manifests under test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A fresh copy of the base bundle with some files replaced; returns its folder. */
async function bundleDir(replace: Record<string, Uint8Array> = {}): Promise<string> {
  const dir = join(root, `case-${caseCount++}`);
  const files = new Map(base);
  for (const [path, bytes] of Object.entries(replace)) files.set(path, bytes);
  await mkdir(dir);
  for (const [path, bytes] of files) await writeFile(join(dir, path), bytes);
  return dir;
}

/** The base files with payload `key` replaced and the manifest re-signed to match. */
async function resigned(key: PayloadKey, bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
  const m = JSON.parse(dec(base.get('manifest.json')!)) as Manifest;
  const path = m.files[key].path;
  const files = {
    ...m.files,
    [key]: { path, bytes: bytes.length, sha256: await sha256Hex(bytes) },
  };
  return { [path]: bytes, 'manifest.json': enc(JSON.stringify({ ...m, files })) };
}

function manifestWith(edit: (m: Loose) => void): Uint8Array {
  const m = JSON.parse(dec(base.get('manifest.json')!)) as Record<string, unknown>;
  edit(m);
  return enc(JSON.stringify(m));
}

/** A fake HTTP server over a bundle folder's files, with some bodies replaced. */
function server(files: Map<string, Uint8Array>, endless: Record<string, { length?: number }>) {
  return async (url: string): Promise<Response> => {
    const path = decodeURIComponent(url.replace(/^\/b\//, ''));
    const special = endless[path];
    if (special) {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 300_000_000) return controller.close();
          sent += 65536;
          controller.enqueue(new Uint8Array(65536));
        },
      });
      const headers: Record<string, string> =
        special.length !== undefined ? { 'content-length': String(special.length) } : {};
      return new Response(body, { headers });
    }
    const bytes = files.get(path);
    return bytes ? new Response(bytes.slice()) : new Response('no', { status: 404 });
  };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'yoco-fuzz-'));
  const tiny = await makeTinyBundle({
    classes: 3,
    ipc: 2,
    size: 8,
    channels: 1,
    testPerClass: 4,
    features: true,
    seed: 11,
  });
  base = new Map(tiny.files);
  // Give the base every optional part the mutations aim at: a source URL and a reference table.
  const m = JSON.parse(dec(base.get('manifest.json')!)) as Loose;
  m.source.url = 'https://example.org/tiny';
  m.testOrder = { shuffled: false };
  m.referenceTable = {
    protocol: { epochs: 3 },
    rows: [
      { method: 'full', ipc: null, mean: 0.6, std: 0.01, seeds: 2, runs: [0.59, 0.61] },
      { method: 'yoco', ipc: 1, mean: 0.5, std: 0, seeds: 1, runs: [0.5] },
    ],
  };
  base.set('manifest.json', enc(JSON.stringify(m, null, 2)));
  manifest = m as Manifest;
  // The base loads, from disk and from the fake server.
  await readBundle(fileSystemGetFile(await bundleDir()));
  await readBundle(fetchBundleFile('/b', { fetch: server(base, {}) }));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  console.log(describeFigures(figures));
});

describe('bundle fuzz and corruption (Node reader)', () => {
  it('named hostile cases: each a named BundleError on the right file, none hangs or reads unbounded', async () => {
    const images = manifest.files.images.path;
    const scores = manifest.files.scores.path;
    const disk = (name: string, dir: string, rest: Omit<Case, 'name' | 'getFile'>): Case => ({
      name,
      getFile: fileSystemGetFile(dir),
      ...rest,
    });
    const reject = (file: string, problem: BundleProblem) => ({
      expect: 'reject' as const,
      files: [file],
      problem,
    });
    const cases: Case[] = [];

    if (unix) {
      for (const file of [images, 'manifest.json']) {
        const fifo = await bundleDir();
        await unlink(join(fifo, file));
        execFileSync('mkfifo', [join(fifo, file)]);
        cases.push(disk(`${file} is a FIFO`, fifo, reject(file, 'missing')));
        const zero = await bundleDir();
        await unlink(join(zero, file));
        await symlink('/dev/zero', join(zero, file));
        cases.push(disk(`${file} links to /dev/zero`, zero, reject(file, 'missing')));
      }
    }
    const outside = await bundleDir();
    await writeFile(join(root, 'outside-images'), base.get(images)!);
    await unlink(join(outside, images));
    await symlink(join(root, 'outside-images'), join(outside, images));
    cases.push(
      disk(
        'payload links to an identical file outside the folder',
        outside,
        reject(images, 'missing'),
      ),
    );

    const loop = await bundleDir();
    await unlink(join(loop, images));
    await symlink(images, join(loop, images));
    cases.push(disk('payload is a symbolic link loop', loop, reject(images, 'missing')));

    const folder = await bundleDir();
    await unlink(join(folder, images));
    await mkdir(join(folder, images));
    cases.push(disk('payload is a folder', folder, reject(images, 'missing')));

    const sparse = await bundleDir();
    await truncate(join(sparse, images), 1_500_000_000);
    cases.push(disk('1.5 GB sparse payload', sparse, reject(images, 'size')));
    const sparseManifest = await bundleDir();
    await truncate(join(sparseManifest, 'manifest.json'), 600_000_000);
    cases.push(
      disk('600 MB sparse manifest.json', sparseManifest, reject('manifest.json', 'size')),
    );
    const padded = await bundleDir({
      'manifest.json': enc(dec(base.get('manifest.json')!) + ' '.repeat(2 << 20)),
    });
    cases.push(disk('2 MB manifest.json (valid JSON)', padded, reject('manifest.json', 'size')));

    const deepText = dec(manifestWith((m) => (m.scoring.params.deep = '@D@'))).replace(
      '"@D@"',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
    );
    cases.push(
      disk(
        '5,000-deep array in scoring.params',
        await bundleDir({ 'manifest.json': enc(deepText) }),
        reject('manifest.json', 'manifest'),
      ),
    );
    const long = 'z'.repeat(900_000);
    cases.push(
      disk(
        '900,000-character title',
        await bundleDir({ 'manifest.json': manifestWith((m) => (m.title = long)) }),
        reject('manifest.json', 'manifest'),
      ),
    );

    const scoresObj = JSON.parse(dec(base.get(scores)!)) as Record<string, unknown[]>;
    const deepScore = JSON.stringify({
      ...scoresObj,
      lbpe: scoresObj.lbpe!.map((v, i) => (i === 1 ? '@D@' : v)),
    }).replace('"@D@"', `${'['.repeat(5000)}1${']'.repeat(5000)}`);
    cases.push(
      disk(
        '5,000-deep score entry in scores.json',
        await bundleDir(await resigned('scores', enc(deepScore))),
        reject(scores, 'json'),
      ),
    );
    const extraDeep = JSON.stringify({ ...scoresObj, extra: '@D@' }).replace(
      '"@D@"',
      `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
    );
    cases.push(
      disk(
        '5,000-deep extra key in scores.json',
        await bundleDir(await resigned('scores', enc(extraDeep))),
        reject(scores, 'json'),
      ),
    );
    const longScore = JSON.stringify({ ...scoresObj, note: 'n'.repeat(MAX_JSON_STRING * 100) });
    cases.push(
      disk(
        '1,000,000-character string in scores.json',
        await bundleDir(await resigned('scores', enc(longScore))),
        reject(scores, 'json'),
      ),
    );

    const poisons: Array<[string, (m: Loose) => void]> = [
      ['normalization.std 1e-300', (m) => (m.normalization.std = [1e-300])],
      ['normalization.std 1e300', (m) => (m.normalization.std = [1e300])],
      ['reference mean 65.8', (m) => (m.referenceTable.rows[1].mean = 65.8)],
      ['reference std −0.1', (m) => (m.referenceTable.rows[0].std = -0.1)],
      ['reference runs ≠ seeds', (m) => (m.referenceTable.rows[0].runs = [0.6])],
      ['duplicate class names', (m) => (m.classes[2] = m.classes[0])],
      ['empty class name', (m) => (m.classes[1] = '')],
      ['javascript: source URL', (m) => (m.source.url = 'javascript:alert(1)')],
    ];
    for (const [name, edit] of poisons) {
      cases.push(
        disk(
          name,
          await bundleDir({ 'manifest.json': manifestWith(edit) }),
          reject('manifest.json', 'manifest'),
        ),
      );
    }

    const inside = await bundleDir();
    await mkdir(join(inside, 'store'));
    await writeFile(join(inside, 'store', 'images'), base.get(images)!);
    await unlink(join(inside, images));
    await symlink(join('store', 'images'), join(inside, images));
    cases.push(
      disk('payload links to a file inside the folder (allowed)', inside, { expect: 'load' }),
    );

    const http = (
      name: string,
      endless: Record<string, { length?: number }>,
      file: string,
    ): Case => ({
      name,
      getFile: fetchBundleFile('/b', { fetch: server(base, endless) }),
      ...reject(file, 'size'),
    });
    cases.push(http('server sends 300 MB of images, chunked', { [images]: {} }, images));
    cases.push(
      http('server announces 300 MB of images', { [images]: { length: 300_000_000 } }, images),
    );
    cases.push(
      http('server sends an endless manifest.json', { 'manifest.json': {} }, 'manifest.json'),
    );

    const before = figures.failures.length;
    for (const c of cases) await runCase(c, bounds, figures);
    expect(figures.failures.slice(before)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(unix ? 27 : 23);
  });

  it(`${RANDOM_CASES} seeded random manifest mutations: loads or named errors only, no hang, crash or unbounded read`, async () => {
    const dir = await bundleDir();
    const mutation = manifestMutator(dec(base.get('manifest.json')!));
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
