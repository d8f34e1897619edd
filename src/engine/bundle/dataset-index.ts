// Reads public/datasets/index.json, the list of shipped bundles, and joins a bundle's folder URL
// (bundle-source.ts vets it).
// Accepted shapes: `{ "default": "id", "bundles": [{ "id", "title", "description" } | "id", …] }`
// or `["id", …]`. `title` and `description` are optional; the app's dataset picker lists every
// bundle by title and shows the chosen one's description (how it was condensed) under it.

export interface DatasetEntry {
  readonly id: string;
  readonly title: string;
  /** One line on how the set was condensed (e.g. "RDED-style: …"), if the index gives one. */
  readonly description?: string;
}

export interface DatasetIndex {
  readonly defaultId: string;
  readonly bundles: readonly DatasetEntry[];
}

export class DatasetIndexError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'DatasetIndexError';
  }
}

const FILE = 'datasets/index.json';

function entry(raw: unknown, i: number): DatasetEntry {
  if (typeof raw === 'string' && raw !== '') return { id: raw, title: raw };
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    if (typeof r.id === 'string' && r.id !== '') {
      const title = typeof r.title === 'string' && r.title !== '' ? r.title : r.id;
      if (r.description !== undefined && typeof r.description !== 'string') {
        throw new DatasetIndexError(FILE, 'manifest', `bundles[${i}].description must be a string`);
      }
      const description = r.description?.trim();
      return { id: r.id, title, ...(description ? { description } : {}) };
    }
  }
  throw new DatasetIndexError(FILE, 'manifest', `bundles[${i}] needs a non-empty "id"`);
}

export function parseDatasetIndex(json: unknown): DatasetIndex {
  const list = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as Record<string, unknown>).bundles)
      ? ((json as Record<string, unknown>).bundles as unknown[])
      : null;
  if (!list) throw new DatasetIndexError(FILE, 'manifest', 'expected a "bundles" array');
  const bundles = list.map(entry);
  if (bundles.length === 0) throw new DatasetIndexError(FILE, 'manifest', 'lists no bundles');
  const wanted = !Array.isArray(json) ? (json as Record<string, unknown>).default : undefined;
  const defaultId =
    typeof wanted === 'string' && bundles.some((b) => b.id === wanted) ? wanted : bundles[0]!.id;
  return { defaultId, bundles };
}

/** Fetches and parses the index under `baseUrl` (the app's base, ending in '/'). */
export async function fetchDatasetIndex(baseUrl: string): Promise<DatasetIndex> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${FILE}`, { cache: 'no-cache' });
  } catch (e) {
    throw new DatasetIndexError(FILE, 'missing', `could not be fetched (${String(e)})`);
  }
  // Dev servers answer unknown paths with the app's index.html (SPA fallback): that is "missing" too.
  const html = (response.headers.get('content-type') ?? '').includes('text/html');
  if (!response.ok || html) {
    throw new DatasetIndexError(
      FILE,
      'missing',
      `not found (HTTP ${html ? '200, HTML fallback' : response.status}); no bundle is installed`,
    );
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new DatasetIndexError(FILE, 'json', 'is not valid JSON');
  }
  return parseDatasetIndex(json);
}

/**
 * Folder URL of a bundle: an id maps to `datasets/<id>/`; anything with a '/' is used as given.
 * It only joins; bundle-source.ts decides whether the app may open the result.
 */
export function bundleUrl(baseUrl: string, bundle: string): string {
  const folder = bundle.includes('/') ? bundle : `datasets/${bundle}`;
  const withSlash = folder.endsWith('/') ? folder : `${folder}/`;
  if (/^[a-z]+:\/\//i.test(withSlash) || withSlash.startsWith('/')) return withSlash;
  return `${baseUrl}${withSlash}`;
}
