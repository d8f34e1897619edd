// Tests of fetchBundleFile over an in-process fake server: streaming with progress, HTTP and
// network failures as BundleError('missing'), abort, downloads capped by the reader's byte
// limit (Content-Length refused up front, an endless body cancelled just past the limit), and a
// whole bundle loaded through it.
import { describe, it, expect } from 'vitest';
import { AbortedError, BundleError } from '../errors';
import { makeTinyBundle } from '../../../test-support/engine/tiny-bundle';
import { bundleFileUrl, fetchBundleFile } from './fetch';
import { MAX_MANIFEST_BYTES } from './limits';
import { readBundle } from './read';

type FakeFetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The bundle the whole-bundle loads fetch: 2 classes × ipc 2 of 8×8×1, 6 test images. */
const TINY = { classes: 2, ipc: 2, size: 8, channels: 1, testPerClass: 3 } as const;

/** A fake server: serves `files` under `base/`, in chunks of `chunk` bytes. */
function server(
  files: Map<string, Uint8Array>,
  base: string,
  chunk = 7,
  requested: string[] = [],
): FakeFetch {
  return async (url) => {
    requested.push(url);
    const path = decodeURIComponent(url.slice(base.length + 1));
    const bytes = url.startsWith(`${base}/`) ? files.get(path) : undefined;
    if (!bytes) return new Response('no', { status: 404, statusText: 'Not Found' });
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + chunk));
        offset += chunk;
      },
    });
    return new Response(body, {
      headers: {
        'content-length': String(bytes.length),
        'content-type': 'application/octet-stream',
      },
    });
  };
}

async function failure(p: Promise<unknown>): Promise<BundleError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BundleError);
  return e as BundleError;
}

describe('bundleFileUrl', () => {
  it('joins folder and path with exactly one slash and encodes segments', () => {
    expect(bundleFileUrl('/datasets/cifar10/', 'images.u8')).toBe('/datasets/cifar10/images.u8');
    expect(bundleFileUrl('/datasets/cifar10', 'data/a b.u8')).toBe(
      '/datasets/cifar10/data/a%20b.u8',
    );
    expect(bundleFileUrl('http://10.0.0.2:5173/d', 'x#1.json')).toBe(
      'http://10.0.0.2:5173/d/x%231.json',
    );
  });
});

describe('fetchBundleFile', () => {
  const data = Uint8Array.from({ length: 30 }, (_, i) => i * 3);
  const files = new Map([['payload.u8', data]]);

  it('streams the body in chunks, reporting growing byte counts against Content-Length', async () => {
    const seen: Array<[number, number]> = [];
    const getFile = fetchBundleFile('/b/', { fetch: server(files, '/b', 7) });
    const bytes = await getFile('payload.u8', (loaded, total) => seen.push([loaded, total]));
    expect(bytes).toEqual(data);
    expect(seen).toEqual([
      [7, 30],
      [14, 30],
      [21, 30],
      [28, 30],
      [30, 30],
    ]);
  });

  it('maps HTTP 404 to BundleError("missing") naming the file and URL', async () => {
    const err = await failure(fetchBundleFile('/b', { fetch: server(files, '/b') })('gone.u8'));
    expect(err.problem).toBe('missing');
    expect(err.file).toBe('gone.u8');
    expect(err.message).toBe('gone.u8: not found at /b/gone.u8 (HTTP 404)');
  });

  it('maps other HTTP errors, network errors and HTML fallbacks to "missing"', async () => {
    const http500: FakeFetch = async () =>
      new Response('x', { status: 500, statusText: 'Internal Server Error' });
    const e1 = await failure(fetchBundleFile('/b', { fetch: http500 })('scores.json'));
    expect([e1.problem, e1.message]).toEqual([
      'missing',
      'scores.json: could not be fetched from /b/scores.json (HTTP 500 Internal Server Error)',
    ]);

    const offline: FakeFetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const e2 = await failure(fetchBundleFile('/b', { fetch: offline })('manifest.json'));
    expect([e2.problem, e2.message]).toEqual([
      'missing',
      'manifest.json: could not be fetched from /b/manifest.json (Failed to fetch)',
    ]);

    const spa: FakeFetch = async () =>
      new Response('<!doctype html>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    const e3 = await failure(fetchBundleFile('/b', { fetch: spa })('manifest.json'));
    expect(e3.problem).toBe('missing');
    expect(e3.message).toMatch(
      /^manifest\.json: not found at \/b\/manifest\.json \(the server answered with an HTML page\)$/,
    );

    const broken: FakeFetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new Uint8Array(3));
            c.error(new Error('connection reset'));
          },
        }),
      );
    const e4 = await failure(fetchBundleFile('/b', { fetch: broken })('images.u8'));
    expect(e4.problem).toBe('missing');
    expect(e4.message).toMatch(
      /images\.u8: download from \/b\/images\.u8 was interrupted \(connection reset\)/,
    );
  });

  it('turns an abort into AbortedError', async () => {
    const controller = new AbortController();
    const hanging: FakeFetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      });
    const pending = fetchBundleFile('/b', { fetch: hanging, signal: controller.signal })(
      'images.u8',
    );
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });

  it('loads a whole bundle through readBundle with overall progress', async () => {
    const tiny = await makeTinyBundle(TINY);
    const requested: string[] = [];
    const getFile = fetchBundleFile('http://192.168.1.5:5173/datasets/tiny/', {
      fetch: server(tiny.files, 'http://192.168.1.5:5173/datasets/tiny', 50, requested),
    });
    const loaded: number[] = [];
    const bundle = await readBundle(getFile, { onProgress: (p) => loaded.push(p.loadedBytes) });
    expect(bundle.manifest).toEqual(tiny.manifest);
    expect(requested[0]).toBe('http://192.168.1.5:5173/datasets/tiny/manifest.json');
    expect(requested).toHaveLength(6);
    const total = [...tiny.files.entries()]
      .filter(([p]) => p !== 'manifest.json')
      .reduce((s, [, b]) => s + b.length, 0);
    expect(loaded.at(-1)).toBe(total);
    expect(loaded.length).toBeGreaterThan(6); // chunked progress, not just one event per file
  });
});

/** A body of `total` bytes made lazily in `chunk`-byte pieces, counting what was pulled. */
function endlessBody(total: number, chunk = 65536) {
  const stats = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= total) return controller.close();
      const n = Math.min(chunk, total - stats.pulled);
      stats.pulled += n;
      controller.enqueue(new Uint8Array(n));
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { body, stats };
}

describe('fetchBundleFile byte limits', () => {
  const exact = { maxBytes: 78_400, exact: true };

  it('cancels a body as soon as it passes the manifest byte count (300 MB sent for 78 KB)', async () => {
    const { body, stats } = endlessBody(300_000_000);
    const fetch: FakeFetch = async () => new Response(body); // no Content-Length: chunked
    const err = await failure(fetchBundleFile('/b', { fetch })('images.u8', undefined, exact));
    expect([err.problem, err.file]).toEqual(['size', 'images.u8']);
    expect(err.message).toBe(
      'images.u8: is larger than the 78400 bytes the manifest says (stopped reading at 131072)',
    );
    expect(stats.pulled).toBeLessThanOrEqual(78_400 + 2 * 65536);
    expect(stats.cancelled).toBe(true);
  });

  it('refuses before reading when Content-Length says more, or less, than the manifest', async () => {
    for (const length of [300_000_000, 78_399]) {
      const { body, stats } = endlessBody(length);
      const fetch: FakeFetch = async () =>
        new Response(body, { headers: { 'content-length': String(length) } });
      const err = await failure(fetchBundleFile('/b', { fetch })('images.u8', undefined, exact));
      expect([err.problem, err.file]).toEqual(['size', 'images.u8']);
      expect(err.message).toMatch(
        new RegExp(
          `^images\\.u8: has ${length} bytes \\(.*\\) by its Content-Length but the manifest says 78400; not read$`,
        ),
      );
      expect(stats.pulled).toBeLessThanOrEqual(65536); // at most the stream's own first pull
    }
  });

  it('caps manifest.json at MAX_MANIFEST_BYTES, by Content-Length or while streaming', async () => {
    const cap = { maxBytes: MAX_MANIFEST_BYTES, exact: false };
    const big: FakeFetch = async () =>
      new Response(endlessBody(600_000_000).body, {
        headers: { 'content-length': '600000000' },
      });
    const e1 = await failure(
      fetchBundleFile('/b', { fetch: big })('manifest.json', undefined, cap),
    );
    expect(e1.message).toBe(
      'manifest.json: has 600000000 bytes (572.2 MiB) by its Content-Length, more than the 1048576 bytes (1.0 MiB) it may have; not read',
    );
    const { body, stats } = endlessBody(600_000_000);
    const chunked: FakeFetch = async () => new Response(body);
    const e2 = await failure(
      fetchBundleFile('/b', { fetch: chunked })('manifest.json', undefined, cap),
    );
    expect(e2.problem).toBe('size');
    expect(e2.message).toMatch(
      /^manifest\.json: is larger than the 1048576 bytes \(1\.0 MiB\) it may have/,
    );
    expect(stats.pulled).toBeLessThanOrEqual(MAX_MANIFEST_BYTES + 2 * 65536);
  });

  it('a whole bundle whose server sends 300 MB of images fails fast with a size error', async () => {
    const tiny = await makeTinyBundle(TINY);
    const good = server(tiny.files, '/t', 50);
    const { body, stats } = endlessBody(300_000_000);
    const fetch: FakeFetch = async (url, init) =>
      url.endsWith('/images.u8') ? new Response(body) : good(url, init);
    let caught: unknown;
    await readBundle(fetchBundleFile('/t', { fetch })).catch((e: unknown) => (caught = e));
    expect(caught).toBeInstanceOf(BundleError);
    expect([(caught as BundleError).problem, (caught as BundleError).file]).toEqual([
      'size',
      'images.u8',
    ]);
    expect(stats.pulled).toBeLessThanOrEqual(tiny.manifest.files.images.bytes + 2 * 65536);
  });
});
