// "Open a condensed set…" in the browser (design.md §9): the DSA fixture (tools/fixtures/import/, 3
// grey 8×8 classes × 2) is dropped on the app with the tiny-gray8 bundle open, scored in the worker
// with tiny settings (E 2, K 1, R 1, width 4), and becomes the open bundle: the gallery shows its
// 6 images and the slider keeps, per class, the sample of lowest LBPE (YOCO's easy end). A reload
// reopens it from IndexedDB without scoring again. No request leaves the page's origin, and none
// carries the file (it never leaves the device). A bundle folder picked from disk opens as it is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { openApp, setSlider } from './helpers';
import { cachedScores, dropFile, setImportFields } from './import-helpers';
import { E2E_PUBLIC_DIR } from './make-public';

const FIXTURE = new URL('../tools/fixtures/import/dsa-zip.pt', import.meta.url);

test('a dropped condensed set is scored on the device, selected by its LBPE, and reopened from the cache', async ({
  page,
}) => {
  const foreign: string[] = [];
  const posts: string[] = [];
  page.on('request', (r) => {
    // The page's own origin, and its in-memory blob: URLs (wasm's thread workers start from them).
    const local = ['http://127.0.0.1:', 'blob:http://127.0.0.1:', 'data:'];
    if (!local.some((prefix) => r.url().startsWith(prefix))) foreign.push(r.url());
    if (r.method() !== 'GET') posts.push(`${r.method()} ${r.url()}`);
  });
  await openApp(page, { bundle: 'tiny-gray8', method: 'yoco' });
  await setImportFields(page, { epochs: 2, topK: 1, runs: 1, width: 4 });
  const started = Date.now();
  await dropFile(page, 'dsa-zip.pt', readFileSync(FIXTURE));
  await expect(page.getByTestId('import-done')).toContainText('scored on this device', {
    timeout: 120_000,
  });
  console.log(`import + scoring of dsa-zip.pt in the browser: ${Date.now() - started} ms`);
  await expect(page.getByTestId('gallery-img')).toHaveCount(6);
  await setSlider(page, 1);
  const { lbpe } = await cachedScores(page);
  expect(lbpe).toHaveLength(6);
  await expect(page.locator('[data-sample][data-kept="1"]')).toHaveCount(3);
  const kept = await page
    .locator('[data-sample][data-kept="1"]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-sample'))));
  // Per class (samples 2c, 2c+1), the kept one has the lower LBPE: YOCO keeps the easy end.
  for (let c = 0; c < 3; c++) {
    const pick = kept.find((i) => Math.floor(i / 2) === c)!;
    expect(lbpe[pick]).toBeLessThanOrEqual(lbpe[pick ^ 1]!);
  }

  await page.reload();
  await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
  await page
    .getByTestId('import-cached')
    .getByRole('button', { name: 'Reopen dsa-zip.pt' })
    .click();
  await expect(page.getByTestId('import-done')).toContainText('not scored again');
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  await expect(page.getByTestId('gallery-img')).toHaveCount(6);
  expect(foreign).toEqual([]);
  expect(posts).toEqual([]);
});

test('a bundle folder picked from disk opens as it is, without scoring', async ({ page }) => {
  await openApp(page, { bundle: 'tiny-gray8', method: 'yoco' });
  // The float32 tiny bundle's folder, as a user picks a folder that `yoco build` wrote.
  await page
    .getByTestId('import-folder-input')
    .setInputFiles(join(E2E_PUBLIC_DIR, 'datasets', 'tiny-f32'));
  await expect(page.getByTestId('import-done')).toContainText(
    'a bundle folder with its own scores and test set',
  );
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  await expect(page.getByTestId('gallery-img')).toHaveCount(6); // 3 classes × IPC_F 2
  await expect(page.getByTestId('import-cached')).toContainText('Reopen tiny-f32');
});
