// "Open a condensed set…" in the browser (issue 10): the DSA fixture (tools/fixtures/import/, 3
// grey 8×8 classes × 2) is dropped on the app with the tiny-gray8 bundle open, scored in the worker
// with tiny settings (E 2, K 1, R 1, width 4), and becomes the open bundle: the gallery shows its
// 6 images and the slider keeps, per class, the sample of lowest LBPE (YOCO's easy end). A reload
// reopens it from IndexedDB without scoring again. No request leaves the page's origin, and none
// carries the file (it never leaves the device).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, setSlider } from './helpers';

const FIXTURE = new URL('../tools/fixtures/import/dsa-zip.pt', import.meta.url);

/** Drops `name` with `bytes` on the import panel, as a user dragging the file there. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const data = await page.evaluateHandle(
    ({ name, b64 }) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bin], name));
      return dt;
    },
    { name, b64: bytes.toString('base64') },
  );
  await page.getByTestId('import-panel').dispatchEvent('drop', { dataTransfer: data });
}

/** The LBPE of every sample of the cached scored set (IndexedDB record's scores.json). */
function cachedLbpe(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('yoco-imports', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('scored').objectStore('scored').getAll();
          get.onsuccess = () => {
            const files = (get.result[0] as { files: Map<string, Uint8Array> }).files;
            const text = new TextDecoder().decode(files.get('scores.json'));
            resolve((JSON.parse(text) as { lbpe: number[] }).lbpe);
          };
        };
      }),
  );
}

test('a dropped condensed set is scored on the device, selected by its LBPE, and reopened from the cache', async ({
  page,
}) => {
  const foreign: string[] = [];
  const posts: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1:')) foreign.push(r.url());
    if (r.method() !== 'GET') posts.push(`${r.method()} ${r.url()}`);
  });
  await openApp(page, { bundle: 'tiny-gray8', method: 'yoco' });
  await page.getByTestId('import-epochs').fill('2');
  await page.getByTestId('import-epochs').press('Enter');
  await page.getByTestId('import-topk').fill('1');
  await page.getByTestId('import-topk').press('Enter');
  await page.getByTestId('import-runs').fill('1');
  await page.getByTestId('import-runs').press('Enter');
  await page.getByTestId('import-width').fill('4');
  await page.getByTestId('import-width').press('Enter');
  const started = Date.now();
  await dropFile(page, 'dsa-zip.pt', readFileSync(FIXTURE));
  await expect(page.getByTestId('import-done')).toContainText('scored on this device', {
    timeout: 120_000,
  });
  console.log(`import + scoring of dsa-zip.pt in the browser: ${Date.now() - started} ms`);
  await expect(page.getByTestId('gallery-img')).toHaveCount(6);
  await setSlider(page, 1);
  const lbpe = await cachedLbpe(page);
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
