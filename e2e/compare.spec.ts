// Browser test of Compare (docs/app.md, "Compare") on the e2e tiny bundle, whose reference table has
// YOCO and random at IPC_T 1: the default methods are YOCO, random balanced and random (the best
// other row); one click trains all three, then three labelled bars, the reference cells and the
// per-class differences show, the runs are in the history, and the card fits a phone.
import { expect, test } from './fixtures';
import { ARTIFACTS, openApp, shot } from './helpers';

const LABELS = ['YOCO (LBPE easy, balanced)', 'Random, balanced', 'Random'];

test('Compare trains three methods and shows them side by side, at 1280 and 390 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, { backend: 'wasm', cseeds: '1' });
  const card = page.locator('.card-compare');
  await expect(card.getByTestId('compare-methods-summary')).toHaveText(
    `Methods: ${LABELS.join(' · ')}`,
  );
  await card.getByTestId('compare-button').click();
  await expect(card.getByTestId('compare-status')).toHaveAttribute('data-status', 'done', {
    timeout: 180_000,
  });
  await expect(card.getByTestId('compare-bar-label')).toHaveText(LABELS);
  await expect(card.getByTestId('compare-settings')).toHaveText(
    'IPC 1, 2 epochs, width 4, hard labels, seed 0.',
  );
  // Each bar's value is a percentage with one seed (std 0).
  for (const value of await card.locator('.compare-bar-value').allTextContents()) {
    expect(value).toMatch(/^\d{1,3}\.\d% ± 0\.0% \(1 seed\)$/);
  }
  // The reference table has YOCO and random at IPC_T 1, not random balanced.
  await expect(card.getByTestId('compare-reference')).toHaveText([
    'reference: 40.0% ± 3.0% over 3 seeds',
    'reference: 30.0% ± 5.0% over 3 seeds',
  ]);
  await expect(card.getByTestId('compare-reference-note')).toContainText('2 epochs, width 4');
  const classes = card.getByTestId('compare-classes');
  await expect(classes.getByTestId('compare-class-row')).toHaveCount(4);
  await expect(classes.locator('thead th')).toHaveText([
    'Class',
    LABELS[0]!,
    `${LABELS[1]} (Δ pts)`,
    `${LABELS[2]} (Δ pts)`,
  ]);
  await expect(page.getByTestId('results-count')).toHaveText('3 runs saved in this browser');
  await expect(page.getByTestId('compared')).toHaveCount(3);
  await shot(page, 'compare-desktop');
  // The card alone, for docs/app.md (docs/screenshots/compare-*.png are copies of these).
  await card.screenshot({ path: `${ARTIFACTS}/compare-card-laptop.png` });

  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const box = (await card.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  // The per-class table's headers wrap: three methods fit without scrolling sideways.
  const scroller = classes.locator('.table-scroll');
  expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await shot(page, 'compare-phone');
  await card.screenshot({ path: `${ARTIFACTS}/compare-card-phone.png` });
});
