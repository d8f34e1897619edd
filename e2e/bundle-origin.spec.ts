// Browser tests of where bundles come from (app/lib/bundle-source.ts): a `bundle` URL parameter
// that points to another origin, in any spelling, is refused with a message naming the origin and
// nothing is fetched from it, even when that origin serves a valid bundle (here: the same server
// as http://localhost, a different origin from http://127.0.0.1); a path of this origin outside
// datasets/ is refused too; a folder under datasets/ opens. (Spellings with a backslash or `..`
// never get this far: the URL parameter itself ignores them, src/engine/settings/kinds.ts.)
import { expect, test } from './fixtures';
import { appUrl, FAST, shot } from './helpers';

test('a bundle on another origin is refused, naming the origin, and nothing is fetched', async ({
  page,
  baseURL,
}) => {
  const own = new URL(baseURL!);
  const foreign = new URL(own.href);
  foreign.hostname = 'localhost';
  const requests: string[] = [];
  page.context().on('request', (r) => {
    if (new URL(r.url()).origin !== own.origin && !r.url().startsWith('data:'))
      requests.push(r.url());
  });
  const cases: [string, string][] = [
    [`${foreign.origin}/datasets/tiny/`, foreign.origin],
    [`//${foreign.host}/datasets/tiny/`, foreign.origin],
    ['http://other-host.example/b', 'http://other-host.example'],
  ];
  for (const [bundle, origin] of cases) {
    await page.goto(appUrl({ ...FAST, bundle }));
    const panel = page.getByTestId('error-panel');
    await expect(panel).toBeVisible({ timeout: 60_000 });
    await expect(panel.getByRole('heading')).toHaveText('This bundle was not opened');
    await expect(panel.getByTestId('error-origin')).toHaveText(origin);
    await expect(panel.getByTestId('error-message')).toContainText(
      `is on ${origin}, another origin than this app's (${own.origin}), and was not opened`,
    );
    await expect(page.getByTestId('gallery')).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  }
  await shot(page, 'bundle-foreign-origin');
  expect(requests).toEqual([]);
  // The panel offers the listed bundles; opening one works.
  await page.getByRole('button', { name: /Open Tiny synthetic stripes \(e2e\)/ }).click();
  await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
});

test('a path outside datasets/ is refused; a folder under datasets/ opens', async ({ page }) => {
  await page.goto(appUrl({ ...FAST, bundle: '/assets/' }));
  await expect(page.getByTestId('error-message')).toContainText(
    'resolves to /assets/, outside /datasets/, and was not opened',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('error-origin')).toHaveCount(0);
  await page.goto(appUrl({ ...FAST, bundle: 'datasets/tiny-gray/' }));
  await expect(page.getByTestId('gallery-img')).toHaveCount(6, { timeout: 60_000 });
});
