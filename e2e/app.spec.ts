// Browser tests of the app: loading and provenance, gallery and slider, WebGPU and wasm
// runs with no CPU-heavy main-thread task, cancel-and-restart, saved results, error handling, layout.
// The settings (URL in and out, restart on change) are in settings.spec.ts.
import { expect, test } from './fixtures';
import {
  classCounts,
  galleryPixels,
  mainThreadTasks,
  openApp,
  setSlider,
  shot,
  waitForRun,
} from './helpers';

test('loads the bundle: provenance, isolation, every stored image in the gallery', async ({
  page,
}) => {
  await openApp(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('provenance-source')).toContainText('synthetic stripes and blobs');
  await expect(page.getByTestId('provenance-ipc')).toContainText(
    '3 stored images per class · f = 2',
  );
  await expect(page.getByTestId('provenance-method')).toContainText('synthetic');
  await expect(page.getByTestId('provenance-scoring')).toContainText('derivedFrom');
  await expect(page.getByTestId('provenance-command')).toHaveText('npx tsx e2e/make-public.ts');
  await page.getByText('Reference accuracies').click();
  await expect(page.getByTestId('reference-table').locator('tbody tr')).toHaveCount(3);
  // 4 classes × IPC_F 3 stored images, each drawn once on its own canvas, with f² = 4 patches.
  const images = page.getByTestId('gallery-img');
  await expect(images).toHaveCount(12);
  await expect(page.getByTestId('gallery').locator('[data-sample]')).toHaveCount(48);
  const [first] = await galleryPixels(page);
  expect(first).toMatchObject({ width: 16, height: 16 });
  expect(first!.rgba.filter((_, i) => i % 4 === 0).some((r) => r > 0)).toBe(true);
  await expect(page.getByTestId('backend-badge')).not.toHaveText('starting…');
  await shot(page, 'loaded-desktop');
});

test('the slider changes the kept patches with balanced class counts; hover shows LBPE', async ({
  page,
}) => {
  await openApp(page);
  await expect(page.getByTestId('kept-total')).toHaveText('16 of 48 patches kept');
  expect(await classCounts(page)).toEqual([4, 4, 4, 4]);
  const keptBefore = await page
    .locator('[data-kept="1"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-sample')));
  await setSlider(page, 7);
  await expect(page.getByTestId('kept-total')).toHaveText('28 of 48 patches kept');
  expect(await classCounts(page)).toEqual([7, 7, 7, 7]);
  await expect(page.getByTestId('class-counts')).toHaveAttribute('data-balanced', 'true');
  await expect(page.getByTestId('ipc-value')).toContainText('IPC 1.75');
  const keptAfter = await page
    .locator('[data-kept="1"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-sample')));
  expect(keptAfter).toHaveLength(28);
  expect(keptBefore.every((s) => keptAfter.includes(s))).toBe(true); // YOCO keeps the easiest first
  // Keyboard: the slider moves with the arrow keys.
  await page.getByTestId('ipc-slider').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('kept-total')).toHaveText('24 of 48 patches kept');
  // Hover a patch: its LBPE score shows, and the gallery stays where it was (a shift would put
  // another patch under the still pointer: CI once saw sample 7 reported for sample 5).
  // Measured in the page, not the viewport: hovering scrolls the patch into view.
  const galleryTop = () =>
    page.getByTestId('gallery').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  const topBefore = await galleryTop();
  await page.locator('[data-sample="47"]').hover(); // a longer text here: two lines at 1280 px
  await expect(page.getByTestId('patch-info')).toContainText('sample 47');
  expect(await galleryTop()).toBe(topBefore);
  await page.locator('[data-sample="5"]').hover();
  await expect(page.getByTestId('patch-info')).toContainText(/LBPE \d+\.\d{3}/);
  await expect(page.getByTestId('patch-info')).toContainText('sample 5');
  expect(await galleryTop()).toBe(topBefore);
  // An imbalanced ablation row can leave classes uneven; the bar says which it is.
  await page.getByTestId('method-select').selectOption('lbpe+easy+imbalanced');
  const counts = await classCounts(page);
  await expect.poll(async () => (await classCounts(page)).reduce((a, b) => a + b, 0)).toBe(24);
  expect(counts).toHaveLength(4);
  await shot(page, 'slider-moved');
});

test('the main-thread check sees a blocking task: fixed busy work counts as CPU time', async ({
  page,
}) => {
  await page.setContent('<p>busy</p>');
  const tasks = await mainThreadTasks(page, async () => {
    // A fixed amount of work (not a wall-clock loop, which a busy machine would cut short):
    // 300 million multiply-adds, some hundreds of milliseconds of CPU on any machine.
    await page.evaluate(() => {
      let x = 1;
      for (let i = 0; i < 3e8; i++) x = (x * 1103515245 + 12345) | 0;
      return x;
    });
  });
  expect(tasks.filter((t) => t.cpuMs > 50).length).toBeGreaterThan(0);
  console.log('busy work:', JSON.stringify(tasks));
});

for (const backend of ['webgpu', 'wasm'] as const) {
  test(`a ${backend} run completes with a test accuracy and no main-thread task using 50 ms of CPU`, async ({
    page,
  }) => {
    const wasmFiles: { url: string; status: number; type: string; coep: string }[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.wasm')) {
        const h = r.headers();
        wasmFiles.push({
          url: r.url(),
          status: r.status(),
          type: h['content-type'] ?? '',
          coep: h['cross-origin-embedder-policy'] ?? '',
        });
      }
    });
    // WebGPU on SwiftShader is slow: 2 epochs; wasm runs long enough (30 epochs) to watch the page.
    await openApp(page, { backend, ...(backend === 'wasm' ? { epochs: '30', width: '8' } : {}) });
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend);
    let accuracy = '';
    const tasks = await mainThreadTasks(page, async () => {
      await page.getByTestId('train-button').click();
      await expect(page.getByTestId('stop-button')).toBeEnabled();
      accuracy = await waitForRun(page);
    });
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend);
    await expect(page.getByTestId('epoch-progress')).toHaveAttribute('aria-valuenow', '100');
    // The live curve gets about 20 test points: a 30-epoch run is evaluated every 2nd epoch.
    await expect(page.getByTestId('chart-test-accuracy').locator('circle')).toHaveCount(
      backend === 'wasm' ? 15 : 2,
    );
    await expect(page.getByTestId('results-table').getByTestId('result-row')).toHaveCount(1);
    await expect(page.getByTestId('results-table')).toContainText(accuracy);
    // Training runs in the worker: no main-thread task used 50 ms of CPU (wall-clock alone is
    // not evidence; see mainThreadTasks). The clock-only long tasks are logged for the record.
    console.log(`${backend}: main-thread tasks over 50 ms of wall-clock:`, JSON.stringify(tasks));
    expect(tasks.filter((t) => t.cpuMs > 50)).toEqual([]);
    if (backend === 'wasm') {
      // The wasm binaries came from this origin, served as application/wasm with the COEP header.
      expect(wasmFiles.length).toBeGreaterThan(0);
      for (const f of wasmFiles)
        expect(f).toMatchObject({ status: 200, type: 'application/wasm', coep: 'require-corp' });
    }
    await shot(page, `run-${backend}`);
  });
}

test('device budget: measures throughput, fits n, then compares estimated and actual time', async ({
  page,
}) => {
  await openApp(page, { backend: 'wasm', epochs: '3', budget: '20' });
  await page.getByTestId('budget-fit').click();
  const result = page.getByTestId('budget-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('budget-basis')).toContainText(
    /measured on wasm at width 4: \d+ training samples\/s in full batches of 64/,
  );
  const n = Number((await result.textContent())!.match(/n = (\d+) per class/)![1]);
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(12);
  await expect(page.getByTestId('ipc-slider')).toHaveValue(String(n));
  expect((await classCounts(page)).every((c) => c === n)).toBe(true);
  await page.getByTestId('train-button').click();
  await waitForRun(page);
  await expect(page.getByTestId('budget-compare')).toContainText(
    /^Last run: estimated .+, actual .+ \(\d+% of the estimate\)\.$/,
  );
  await expect(page.getByTestId('run-summary')).toContainText(
    /^Estimated .+ · actual .+ on wasm \(\d+% of the estimate\)$/,
  );
  await shot(page, 'budget');
  // The user can switch backend; the badge follows.
  await page.getByTestId('backend-select').selectOption('cpu');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.getByTestId('backend-badge')).toHaveText('cpu');
});

test('moving the slider mid-run cancels the run and starts the new one', async ({ page }) => {
  await openApp(page, { backend: 'wasm', epochs: '60', autotrain: '1', width: '8' });
  await setSlider(page, 12);
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  await expect(page.getByTestId('chart-loss').locator('circle').first()).toBeVisible();
  await setSlider(page, 2);
  await expect(page.getByTestId('kept-total')).toHaveText('8 of 48 patches kept');
  await waitForRun(page);
  // Only the second run finished and was recorded.
  const rows = page.getByTestId('results-table').getByTestId('result-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('0.5 (2)');
  await shot(page, 'cancel-restart');
});

test('Stop ends a run; a finished run is still listed after a reload', async ({ page }) => {
  await openApp(page, { backend: 'wasm', epochs: '400' });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped');
  await expect(page.getByTestId('results-count')).toHaveText('0 runs saved in this browser');
  await page.getByTestId('epochs-input').fill('2');
  await page.getByTestId('epochs-input').press('Enter');
  await page.getByTestId('train-button').click();
  const accuracy = await waitForRun(page);
  await page.reload();
  await expect(page.getByTestId('gallery')).toBeVisible();
  const rows = page.getByTestId('results-table').getByTestId('result-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(accuracy);
  await expect(rows.first()).toContainText('YOCO');
  await expect(page.getByTestId('accuracy-chart').locator('circle')).toHaveCount(1);
  // Export and clear (with confirmation).
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  expect((await download).suggestedFilename()).toMatch(/^yoco-runs-.*\.csv$/);
  await page.getByTestId('clear-results').click();
  await page.getByTestId('confirm-clear').click();
  await expect(rows).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('results-count')).toHaveText('0 runs saved in this browser');
});

test('a corrupted stored record is skipped with a message, not a crash', async ({ page }) => {
  await openApp(page);
  await page.evaluate(async () => {
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('yoco-web', 1);
      open.onsuccess = () => {
        const tx = open.result.transaction('runs', 'readwrite');
        tx.objectStore('runs').put({ id: 'corrupt-1', testAccuracy: 'not a number' });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
  });
  await page.reload();
  await expect(page.getByTestId('gallery')).toBeVisible();
  await expect(page.getByTestId('results-skipped')).toHaveText(
    '1 stored record was unreadable and skipped.',
  );
});

test('a corrupted bundle shows the error panel naming the file and problem', async ({ page }) => {
  await page.goto('./?bundle=corrupt');
  const panel = page.getByTestId('error-panel');
  await expect(panel).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('error-file')).toHaveText('images.u8');
  await expect(panel.getByTestId('error-problem')).toHaveText('SHA-256 digest mismatch');
  await shot(page, 'error-corrupt-bundle');
  await page.goto('./?bundle=no-such-bundle');
  await expect(page.getByTestId('error-panel').getByTestId('error-file')).toHaveText(
    'manifest.json',
    { timeout: 60_000 },
  );
  // The panel offers the shipped bundles; opening one recovers.
  await page.getByRole('button', { name: /Open Tiny synthetic stripes \(e2e\)/ }).click();
  await expect(page.getByTestId('gallery')).toBeVisible();
});

test('a class-sorted test set: per-epoch and final accuracy use every class', async ({ page }) => {
  // testLimit 16 of 32 (FAST): the first 16 stored test images are classes 0 and 1 only.
  await openApp(page, { bundle: 'tiny-sorted' });
  await page.getByTestId('train-button').click();
  await waitForRun(page);
  await expect(page.getByTestId('test-subset-hint')).toHaveText(
    'Test accuracy uses 16 of the 32 test images (stratified: 4 per class, all 4 classes).',
  );
  await expect(page.getByTestId('chart-test-accuracy').locator('circle')).toHaveCount(2);
});

test('usable at 390 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow).toBeLessThanOrEqual(390);
  // The first screen holds the slider and the preview of what it keeps (releasing it trains);
  // Train is one scroll further down.
  await expect(page.getByTestId('ipc-slider')).toBeInViewport();
  await expect(page.getByTestId('kept-preview')).toBeInViewport();
  await page.getByTestId('train-button').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('train-button')).toBeInViewport();
  await shot(page, 'phone-390');
});
