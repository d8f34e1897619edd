// Browser tests of the settings: URL parameters set them (unknown or invalid ones are ignored with
// a notice), the URL follows them as they change and reopens the same setup, and changing one
// mid-run restarts the run with the new value.
import { expect, test } from './fixtures';
import { openApp, setSlider, waitForRun } from './helpers';

test('URL parameters override settings; a grey bundle draws', async ({ page }) => {
  await page.goto(
    './?bundle=tiny-gray&width=6&epochs=3&seed=5&testLimit=9&method=el2n&ipc=0.5&zoom=2',
  );
  await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('width-input')).toHaveValue('6');
  await expect(page.getByTestId('protocol-hint')).toContainText(
    'ConvNet-D3, width 6, batch 64, SGD momentum 0.9, weight decay 5e-4, lr 0.01 ×0.2 at 2/3 and 5/6',
  );
  await expect(page.getByTestId('epochs-input')).toHaveValue('3');
  await expect(page.getByTestId('seed-input')).toHaveValue('5');
  await expect(page.getByTestId('test-limit-input')).toHaveValue('9');
  await expect(page.getByTestId('method-select')).toHaveValue('el2n');
  await expect(page.getByTestId('ipc-slider')).toHaveValue('2');
  await expect(page.getByTestId('gallery-img')).toHaveCount(6);
  await expect(page.getByTestId('notices')).toContainText(
    'URL parameter zoom is not known and was ignored',
  );
  // The URL follows the setup as it changes, and opening it reproduces the setup.
  await page.getByTestId('autotrain-toggle').uncheck();
  await page.getByTestId('seed-input').fill('9');
  await page.getByTestId('seed-input').press('Enter');
  await setSlider(page, 3);
  await page.getByTestId('method-select').selectOption('lbpe+easy+imbalanced');
  await expect
    .poll(() => Object.fromEntries(new URL(page.url()).searchParams))
    .toEqual({
      bundle: 'tiny-gray',
      method: 'lbpe+easy+imbalanced',
      ipc: '0.75',
      epochs: '3',
      width: '6',
      seed: '9',
      testLimit: '9',
      autotrain: '0',
    });
  await page.reload();
  await expect(page.getByTestId('gallery-img')).toHaveCount(6, { timeout: 60_000 });
  await expect(page.getByTestId('seed-input')).toHaveValue('9');
  await expect(page.getByTestId('ipc-slider')).toHaveValue('3');
  await expect(page.getByTestId('method-select')).toHaveValue('lbpe+easy+imbalanced');
  await expect(page.getByTestId('width-input')).toHaveValue('6');
  await expect(page.getByTestId('autotrain-toggle')).not.toBeChecked();
  await expect(page.getByTestId('notices')).toHaveCount(0);
});

test('changing the seed mid-run restarts the run with the new seed', async ({ page }) => {
  await openApp(page, { backend: 'wasm', epochs: '60', width: '8' });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  await expect(page.getByTestId('chart-loss').locator('circle').first()).toBeVisible();
  await page.getByTestId('seed-input').fill('3');
  await page.getByTestId('seed-input').press('Enter');
  await waitForRun(page);
  // Only the run with the new seed finished and was recorded.
  const rows = page.getByTestId('results-table').getByTestId('result-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('td').nth(4)).toHaveText('3');
  await expect(page.getByTestId('chart-loss').locator('circle')).toHaveCount(60);
});
