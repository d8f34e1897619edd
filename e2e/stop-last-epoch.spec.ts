// Browser test of Stop during the last epoch: the worker can finish the run (its last evaluation
// done) before the cancel reaches it, and its result then crosses the Stop on the way back. Stop
// is pressed the moment the last epoch's report reaches the page, so the result is already on
// its way or about to be: the run must end as stopped and never be saved as finished.
import { expect, test } from './fixtures';
import { openApp } from './helpers';

test('Stop pressed when the last epoch has reported: stopped, nothing saved', async ({ page }) => {
  await openApp(page, { backend: 'wasm', epochs: '2' });
  await page.evaluate(() => {
    type Run = { status: string; reports: unknown[]; params: { epochs: number } | null };
    const store = (
      window as unknown as {
        __yoco: { subscribe(f: (s: { run: Run }) => void): () => void };
        __stoppedAfter?: number;
      }
    ).__yoco;
    const stop = store.subscribe(({ run }) => {
      if (run.status !== 'running' || !run.params) return;
      if (run.reports.length < run.params.epochs) return;
      stop();
      (window as unknown as { __stoppedAfter?: number }).__stoppedAfter = run.reports.length;
      document.querySelector<HTMLButtonElement>('[data-testid="stop-button"]')!.click();
    });
  });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 120_000 });
  expect(await page.evaluate(() => (window as { __stoppedAfter?: number }).__stoppedAfter)).toBe(2);
  await expect(page.getByTestId('results-count')).toHaveText('0 runs saved in this browser');
  await page.reload();
  await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('results-count')).toHaveText('0 runs saved in this browser');
});
