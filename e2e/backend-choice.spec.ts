// Browser tests of the measured backend choice and of Stop (design.md §8), in Chromium with the
// SwiftShader WebGPU flags (e2e/chromium.ts): with no URL parameters the app never picks WebGPU on
// SwiftShader, says why, and shows the run's estimated time before anything trains; a WebGPU run
// at width 128, whose steps take seconds on SwiftShader and do not yield, stops within 2 s (its
// worker is replaced), nothing is saved, and the next run works.
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, shot, waitForRun } from './helpers';

const engineWorker = (page: Page): Worker | undefined =>
  page.workers().find((w) => w.url().includes('engine.worker'));

test('no URL parameters: the automatic backend is not WebGPU on SwiftShader, and the estimate shows first', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
  const badge = page.getByTestId('backend-badge');
  await expect(page.getByTestId('backend-reason')).toContainText(
    'WebGPU here is a software adapter (SwiftShader)',
    { timeout: 60_000 },
  );
  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('backend-select')).toHaveValue('auto');
  // Before any run: the default run's estimate on the chosen backend.
  const estimate = page.getByTestId('run-estimate');
  await expect(estimate).toContainText(
    /100 epochs .*: about .+ on wasm here \(training .+, testing .+\)\./,
  );
  expect(Number(await estimate.getAttribute('data-ms'))).toBeGreaterThan(0);
  await expect(page.getByTestId('run-status')).toHaveText('Not started');
  await expect(page.getByTestId('compare-estimate')).toContainText(
    /runs? \(.+\): about .+ in all on wasm here/,
  );
  await expect(page.getByTestId('preset-standard')).toHaveAttribute('aria-pressed', 'true');
  await shot(page, 'backend-auto');
});

test('Stop on a WebGPU width-128 run ends it within 2 s, mid-step; nothing is saved; the next run works', async ({
  page,
}) => {
  await openApp(page, { backend: 'webgpu', width: '128', epochs: '2' });
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('backend-reason')).toContainText(
    'chosen by you; a software adapter',
  );
  // A software adapter is not measured by itself: no estimate, and it says why.
  await expect(page.getByTestId('run-estimate')).toContainText(
    'No estimate: WebGPU here is a software adapter',
  );
  const worker = engineWorker(page);
  expect(worker).toBeDefined();
  const closed = new Promise<number>((resolve) => worker!.on('close', () => resolve(Date.now())));
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  await page.waitForTimeout(3_000);
  // Still inside the first epoch's step: no epoch has reported.
  await expect(page.getByTestId('chart-loss').locator('circle')).toHaveCount(0);
  let replacedAt = 0;
  const replaced = page.waitForEvent('worker', {
    predicate: (w) => w.url().includes('engine.worker') && (replacedAt = Date.now()) > 0,
    timeout: 5_000,
  });
  const stoppedAt = Date.now();
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 2_000 });
  const shownMs = Date.now() - stoppedAt;
  await replaced;
  // The busy worker was terminated and a fresh one took its place within 2 s. (Its thread may
  // take longer to end: SwiftShader finishes the GPU work already submitted; logged.)
  expect(replacedAt - stoppedAt).toBeLessThan(2_000);
  void closed.then((t) =>
    console.log(`Stop: the old worker's thread ended after ${t - stoppedAt} ms`),
  );
  console.log(
    `Stop: shown after ${shownMs} ms, worker replaced after ${replacedAt - stoppedAt} ms`,
  );
  await expect(page.getByTestId('results-count')).toHaveText('0 runs saved in this browser');
  // The next run works, on the fresh worker.
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  await page.getByTestId('width-input').fill('4');
  await page.getByTestId('width-input').press('Enter');
  await page.getByTestId('train-button').click();
  // Clicked before the new width was measured: the run waits for the measurement, and gets it.
  await waitForRun(page);
  await expect(page.getByTestId('results-table').getByTestId('result-row')).toHaveCount(1);
  await expect(page.getByTestId('run-summary')).toContainText(
    /^Estimated .+ · actual .+ on wasm \(\d+% of the estimate\)$/,
  );
});
