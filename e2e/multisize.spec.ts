// A multisize bundle (design.md §6b): its method menu offers "as condensed (prefix)", which keeps
// each class's first samples in stored order; a plain bundle's menu does not offer it.
import { expect, test } from '@playwright/test';
import { openApp, shot } from './helpers';

const keptSamples = (page: import('@playwright/test').Page) =>
  page
    .locator('[data-kept="1"]')
    .evaluateAll((els) =>
      els.map((e) => Number(e.getAttribute('data-sample'))).sort((a, b) => a - b),
    );

test('a multisize bundle offers its condensed order, which keeps each class’s first samples', async ({
  page,
}) => {
  await openApp(page, { bundle: 'tiny-multisize' });
  const select = page.getByTestId('method-select');
  await expect(
    select.locator('optgroup[label="As condensed (multisize bundle)"] option'),
  ).toHaveText(['As condensed (prefix)']);
  await select.selectOption('prefix');
  await expect(page.getByTestId('kept-total')).toHaveText('16 of 48 patches kept');
  // 4 classes of 12 samples, stored class by class: the first 4 of each.
  await expect
    .poll(() => keptSamples(page))
    .toEqual([0, 1, 2, 3, 12, 13, 14, 15, 24, 25, 26, 27, 36, 37, 38, 39]);
  await expect(page.getByTestId('method-select')).toHaveValue('prefix');
  await shot(page, 'multisize-prefix');
});

test('a plain bundle does not offer the condensed order', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('method-select').locator('option[value="prefix"]')).toHaveCount(0);
});
