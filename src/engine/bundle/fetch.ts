// Reading bundle files over HTTP (browser main thread or worker): a GetFile for readBundle that
// streams each response body with byte progress and turns HTTP and network failures into
// BundleError('missing') naming the file and URL. Downloads are capped by the reader's ByteLimit
// (limits.ts): a Content-Length that says a wrong size is refused before the body is read, and a
// body that grows past the limit is cancelled at once (BundleError 'size'), so a server cannot
// make the app hold more than the manifest says. Uses only fetch/Response (WebWorker lib).
import { AbortedError, BundleError, errorMessage } from '../errors';
import { readPastLimitError, sizeFits, wrongSizeError } from './limits';
import type { GetFile } from './read';

export interface FetchBundleOptions {
  readonly signal?: AbortSignal;
  /** Fetch implementation (default: the global fetch); tests pass their own. */
  readonly fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}

/** URL of a bundle file: the folder URL (with or without a trailing slash) plus the encoded path. */
export function bundleFileUrl(baseUrl: string, path: string): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  if (baseUrl === '') return encoded;
  return `${baseUrl.replace(/\/+$/, '')}/${encoded}`;
}

function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (e instanceof Error && e.name === 'AbortError');
}

/** A GetFile that fetches `<baseUrl>/<path>`, streaming with progress. */
export function fetchBundleFile(baseUrl: string, opts: FetchBundleOptions = {}): GetFile {
  const { signal } = opts;
  const doFetch = opts.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  return async (path, onBytes, limit) => {
    const url = bundleFileUrl(baseUrl, path);
    if (signal?.aborted) throw new AbortedError();
    let response: Response;
    try {
      // 'no-cache' revalidates, so a rebuilt bundle is not mixed with stale cached files.
      response = await doFetch(url, { signal, cache: 'no-cache' });
    } catch (e) {
      if (isAbort(e, signal)) throw new AbortedError();
      throw new BundleError(
        path,
        'missing',
        `could not be fetched from ${url} (${errorMessage(e)})`,
      );
    }
    if (response.status === 404) {
      throw new BundleError(path, 'missing', `not found at ${url} (HTTP 404)`);
    }
    if (!response.ok) {
      const text = `${response.status} ${response.statusText}`.trim();
      throw new BundleError(path, 'missing', `could not be fetched from ${url} (HTTP ${text})`);
    }
    // Dev servers answer unknown paths with the app's index.html (SPA fallback); no payload is HTML.
    if ((response.headers.get('content-type') ?? '').toLowerCase().startsWith('text/html')) {
      throw new BundleError(
        path,
        'missing',
        `not found at ${url} (the server answered with an HTML page)`,
      );
    }

    // Content-Length counts encoded bytes; it is only the body size when there is no encoding.
    const encoding = response.headers.get('content-encoding');
    const header = response.headers.get('content-length')?.trim() ?? '';
    const announced =
      (!encoding || encoding === 'identity') && /^\d+$/.test(header) ? Number(header) : undefined;
    const total = announced ?? 0;
    if (limit && announced !== undefined && !sizeFits(announced, limit)) {
      void response.body?.cancel().catch(() => undefined);
      throw wrongSizeError(path, announced, limit, 'by its Content-Length');
    }

    try {
      if (!response.body) {
        const bytes = new Uint8Array(await response.arrayBuffer());
        onBytes?.(bytes.length, total || bytes.length);
        return bytes;
      }
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let loaded = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value.length;
        if (limit && loaded > limit.maxBytes) {
          void reader.cancel().catch(() => undefined);
          throw readPastLimitError(path, loaded, limit);
        }
        chunks.push(value);
        onBytes?.(loaded, total);
      }
      if (chunks.length === 1) return chunks[0]!;
      const bytes = new Uint8Array(loaded);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      return bytes;
    } catch (e) {
      if (e instanceof BundleError) throw e;
      if (isAbort(e, signal)) throw new AbortedError();
      throw new BundleError(
        path,
        'missing',
        `download from ${url} was interrupted (${errorMessage(e)})`,
      );
    }
  };
}
