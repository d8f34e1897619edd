// Tests of fetchBundleFile over an in-process fake server: streaming with progress, HTTP and
// network failures as BundleError('missing'), abort, and a whole bundle loaded through it.
import { describe, it, expect } from 'vitest';
import { AbortedError, BundleError } from '../errors';
import { makeTinyBundle } from '../testing/tiny-bundle';
import { bundleFileUrl, fetchBundleFile } from './fetch';
import { readBundle } from './read';

type FakeFetch = (input: string, init?: RequestInit) => Promise<Response>;

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
    const tiny = await makeTinyBundle({
      classes: 2,
      ipc: 2,
      size: 8,
      channels: 1,
      testPerClass: 3,
    });
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
