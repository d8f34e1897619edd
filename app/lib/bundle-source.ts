// Which bundles the app opens, and from where (the `bundle` URL parameter and the dataset picker):
// a bundle listed in datasets/index.json (each is a folder under datasets/), or any folder under
// datasets/ on the app's own origin. Anything else is refused before a byte is fetched, with a
// message that names the origin or the path: `?bundle=http://other-host/b` or
// `?bundle=//other-host/b` would otherwise load a bundle from another site and show it as if it
// were ours, and `?bundle=/assets/` a folder of this site that holds no bundle. Loading from
// another origin is not offered behind a confirmation either: the app's Content-Security-Policy
// allows fetches from its own origin only (connect-src 'self'), so such a load could not work.
import { bundleUrl } from '../../src/engine/bundle/dataset-index';

/** The folder bundles live in, under the app's base. */
export const DATASETS_FOLDER = 'datasets/';

export class BundleSourceError extends Error {
  constructor(
    /** The bundle as asked for. */
    readonly bundle: string,
    /** The foreign origin it points to, when that is why it was refused. */
    readonly origin: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'BundleSourceError';
  }
}

/**
 * The folder URL (ending in '/') of `bundle` when the app may open it: an id (as the index lists
 * them, or any folder name) is `<baseUrl>datasets/<id>/`; a path or URL (anything with a '/',
 * dataset-index.ts `bundleUrl`) must resolve to a folder under `<baseUrl>datasets/` on the same
 * origin. Query and fragment are dropped. Throws BundleSourceError for anything else.
 */
export function resolveBundleUrl(baseUrl: string, bundle: string): string {
  const asked = bundle.trim();
  if (asked === '') throw new BundleSourceError(bundle, null, 'No bundle was named.');
  const base = new URL(baseUrl);
  const root = new URL(DATASETS_FOLDER, base);
  let url: URL;
  try {
    url = new URL(bundleUrl(base.href, asked), base);
  } catch {
    throw new BundleSourceError(bundle, null, `“${asked}” is not a bundle name or folder path.`);
  }
  url.search = '';
  url.hash = '';
  if (url.origin !== base.origin) {
    const origin = url.origin === 'null' ? url.protocol : url.origin;
    throw new BundleSourceError(
      bundle,
      origin,
      `“${asked}” is on ${origin}, another origin than this app's (${base.origin}), and was ` +
        `not opened. The app opens the bundles in its dataset list and folders under ` +
        `${DATASETS_FOLDER} on its own origin only, so that nothing from elsewhere is shown as ` +
        `its own.`,
    );
  }
  if (!url.href.startsWith(root.href) || url.href === root.href) {
    throw new BundleSourceError(
      bundle,
      null,
      `“${asked}” resolves to ${url.pathname}, outside ${root.pathname}, and was not opened: ` +
        `bundles are folders under ${DATASETS_FOLDER}.`,
    );
  }
  return url.href;
}
