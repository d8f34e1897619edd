// The named hostile cases of the bundle fuzz and corruption test (bundle-fuzz.test.ts), each a
// copy of a good bundle folder made hostile in one way, with the named BundleError it must end
// in: a FIFO, a link to /dev/zero, links leaving the folder, a 1.5 GB sparse payload and a 600 MB
// sparse manifest, a 2 MB manifest, 5,000-deep JSON and huge strings in manifest.json and
// scores.json, poisonous values (normalisation std, reference table, class names, source URL),
// and a server (fakeServer) sending 300 MB where the manifest says a few KB; one case, a link
// that stays inside the folder, must load.
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleProblem } from '../../src/engine/errors';
import { fetchBundleFile } from '../../src/engine/bundle/fetch';
import { MAX_JSON_STRING } from '../../src/engine/bundle/json-limits';
import {
  decodeText,
  encodeText,
  manifestOf,
  withManifest,
  withPayload,
  type BundleFiles,
  type LooseManifest,
} from '../engine/bundle-edits';
import { fileSystemGetFile } from '../../tools/lib/bundle-fs';
import type { Case } from './bundle-fuzz-harness';

/** The good bundle the cases start from, and a way to write a copy of files as a fresh folder. */
export interface FuzzFixture {
  /** A scratch folder for files that must lie outside every bundle folder. */
  readonly root: string;
  /** The good bundle's files (with a source URL, a test order and a reference table). */
  readonly base: BundleFiles;
  /** Writes `files` (default: the base) as a fresh bundle folder; returns its path. */
  bundleDir(files?: BundleFiles): Promise<string>;
}

/**
 * A fake HTTP server over a bundle's files at `/b/`; each path in `endless` instead sends 300 MB
 * of zeros in 64 KiB chunks, announcing `length` bytes when given.
 */
export function fakeServer(files: BundleFiles, endless: Record<string, { length?: number }>) {
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

const unix = process.platform !== 'win32';

/** Every named case (27 on Unix, 23 elsewhere, where FIFOs and /dev/zero are left out). */
export async function namedCases({ root, base, bundleDir }: FuzzFixture): Promise<Case[]> {
  const { files } = manifestOf(base) as { files: Record<string, { path: string }> };
  const images = files.images!.path;
  const scores = files.scores!.path;
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
  const withManifestText = (text: string) =>
    bundleDir(new Map(base).set('manifest.json', encodeText(text)));
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
  cases.push(disk('600 MB sparse manifest.json', sparseManifest, reject('manifest.json', 'size')));
  const padded = await withManifestText(
    decodeText(base.get('manifest.json')!) + ' '.repeat(2 << 20),
  );
  cases.push(disk('2 MB manifest.json (valid JSON)', padded, reject('manifest.json', 'size')));

  const deepText = decodeText(
    withManifest(base, (m) => (m.scoring.params.deep = '@D@')).get('manifest.json')!,
  ).replace('"@D@"', `${'['.repeat(5000)}${']'.repeat(5000)}`);
  cases.push(
    disk(
      '5,000-deep array in scoring.params',
      await withManifestText(deepText),
      reject('manifest.json', 'manifest'),
    ),
  );
  const long = 'z'.repeat(900_000);
  cases.push(
    disk(
      '900,000-character title',
      await bundleDir(withManifest(base, (m) => (m.title = long))),
      reject('manifest.json', 'manifest'),
    ),
  );

  const scoresObj = JSON.parse(decodeText(base.get(scores)!)) as Record<string, unknown[]>;
  const withScores = async (text: string) =>
    bundleDir(await withPayload(base, 'scores', encodeText(text)));
  const deepScore = JSON.stringify({
    ...scoresObj,
    lbpe: scoresObj.lbpe!.map((v, i) => (i === 1 ? '@D@' : v)),
  }).replace('"@D@"', `${'['.repeat(5000)}1${']'.repeat(5000)}`);
  cases.push(
    disk(
      '5,000-deep score entry in scores.json',
      await withScores(deepScore),
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
      await withScores(extraDeep),
      reject(scores, 'json'),
    ),
  );
  const longScore = JSON.stringify({ ...scoresObj, note: 'n'.repeat(MAX_JSON_STRING * 100) });
  cases.push(
    disk(
      '1,000,000-character string in scores.json',
      await withScores(longScore),
      reject(scores, 'json'),
    ),
  );

  const poisons: Array<[string, (m: LooseManifest) => void]> = [
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
      disk(name, await bundleDir(withManifest(base, edit)), reject('manifest.json', 'manifest')),
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
    getFile: fetchBundleFile('/b', { fetch: fakeServer(base, endless) }),
    ...reject(file, 'size'),
  });
  cases.push(http('server sends 300 MB of images, chunked', { [images]: {} }, images));
  cases.push(
    http('server announces 300 MB of images', { [images]: { length: 300_000_000 } }, images),
  );
  cases.push(
    http('server sends an endless manifest.json', { 'manifest.json': {} }, 'manifest.json'),
  );
  return cases;
}
