// Browser tests of the label mode (hard labels, or the bundle's teacher's soft labels) on the e2e
// bundles: tiny-teacher ships a teacher and a reference table for teacher labels, tiny has no
// teacher. At 1280 and 390 px the Labels control is visible and usable; choosing Teacher writes
// labels=teacher to the URL, switches the reference figures to the teacher's table and a short
// wasm run trains on teacher labels, saved as such in the history; the provenance card shows the
// teacher. On tiny the Teacher choice is disabled with its reason, and ?labels=teacher trains on
// hard labels with a notice.
import { expect, test } from './fixtures';
import { ARTIFACTS, openApp, shot, waitForRun } from './helpers';

const urlLabels = (url: string): string | null => new URL(url).searchParams.get('labels');

test('at 1280 px: choosing Teacher writes the URL, trains on teacher labels, the history says so', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, { bundle: 'tiny-teacher', backend: 'wasm' });
  const field = page.getByTestId('labels-field');
  await expect(field).toBeVisible();
  const hard = page.getByTestId('labels-hard');
  const teacher = page.getByTestId('labels-teacher');
  await expect(hard).toBeChecked();
  await expect(teacher).toBeEnabled();
  await expect(teacher).toHaveAccessibleName('Teacher');
  await expect(teacher).toHaveAccessibleDescription(/^soft labels, T\s=\s20$/);
  await expect(page.getByTestId('provenance-teacher')).toHaveText(
    /^ConvNet-D1 \(width 2\), 50\.0% on 32 test images, trained 1 epoch on the /,
  );
  // The hard-label reference: random at IPC 1 is 30.0%.
  const context = page.getByTestId('accuracy-context');
  await expect(context).toContainText('30.0% ± 5.0');

  // The terms under the choice are defined on keyboard focus, like the page's other terms.
  const term = field.getByTestId('term-teacher');
  await expect(term).toHaveAccessibleDescription(/trained on the whole original training set/);
  const tip = field
    .locator('.term', { has: page.getByTestId('term-soft labels') })
    .getByRole('tooltip', { includeHidden: true });
  await expect(tip).toBeHidden();
  await field.getByTestId('term-soft labels').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('T = 20');
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();

  await teacher.check();
  await expect(teacher).toBeChecked();
  await expect.poll(() => urlLabels(page.url())).toBe('teacher');
  await expect(page.getByTestId('protocol-hint')).toContainText(
    'trained on the teacher’s soft labels (KL divergence at T = 20)',
  );
  // The reference tick now reads the teacher's table: random at IPC 1 is 35.0%.
  await expect(context).toContainText('35.0% ± 4.0');
  await expect(page.getByTestId('context-protocol')).toContainText('table for teacher labels');
  await expect(page.getByTestId('compare-head')).toContainText('teacher labels');
  await expect(page.getByTestId('reference-hint')).toContainText(
    'On this bundle, with teacher labels, YOCO',
  );
  await expect(page.getByTestId('reference-section').locator('h3')).toHaveText(
    'Reference accuracies, teacher labels',
  );

  await page.getByTestId('train-button').click();
  await waitForRun(page);
  await expect(page.getByTestId('run-announcer')).toContainText('Finished: test accuracy');
  await expect(page.getByTestId('context-protocol')).toContainText(
    'this run: 2 epochs, width 4, teacher labels',
  );
  const rows = page.getByTestId('results-table').getByTestId('result-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('result-labels')).toHaveText('teacher');
  await rows.first().click();
  await expect(page.getByTestId('run-details-labels')).toHaveText('teacher labels');
  await expect(page.getByTestId('accuracy-chart')).toContainText('· teacher labels');

  // The URL reopens the same mode.
  await page.reload();
  await expect(page.getByTestId('labels-teacher')).toBeChecked({ timeout: 60_000 });
  await expect(page.getByTestId('notices')).toHaveCount(0);
  await page.locator('details.provenance-details summary').click();
  await expect(page.getByTestId('provenance-teacher-command')).toHaveText(
    'makeTinyBundle({ teacher: true })',
  );
  await shot(page, 'labels-desktop');
  await page.locator('.card-train').screenshot({ path: `${ARTIFACTS}/labels-card-laptop.png` });
});

test('at 390 px: the Labels control fits the phone and is usable', async ({ browser }) => {
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await phone.newPage();
  await openApp(page, { bundle: 'tiny-teacher' });
  const field = page.getByTestId('labels-field');
  await field.scrollIntoViewIfNeeded();
  await expect(field).toBeVisible();
  const box = (await field.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  // The two choices sit side by side, each a comfortable target.
  const choices = field.locator('.label-choice');
  const [a, b] = [(await choices.nth(0).boundingBox())!, (await choices.nth(1).boundingBox())!];
  expect(Math.abs(a.y - b.y)).toBeLessThan(1);
  expect(Math.min(a.height, b.height)).toBeGreaterThanOrEqual(40);
  await choices.nth(1).tap();
  await expect(page.getByTestId('labels-teacher')).toBeChecked();
  await expect.poll(() => urlLabels(page.url())).toBe('teacher');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, 'labels-phone');
  await page.locator('.card-train').screenshot({ path: `${ARTIFACTS}/labels-card-phone.png` });
  await phone.close();
});

test('a bundle without a teacher: Teacher disabled with its reason, ?labels=teacher trains on hard labels', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, { backend: 'wasm', labels: 'teacher' });
  await expect(page.getByTestId('notices')).toContainText(
    'has no teacher: runs train on hard labels instead of teacher labels.',
  );
  const teacher = page.getByTestId('labels-teacher');
  await expect(teacher).toBeDisabled();
  await expect(page.getByTestId('labels-hard')).toBeChecked();
  await expect(page.getByTestId('labels-teacher-reason')).toHaveText('this bundle has no teacher');
  await expect(teacher).toHaveAccessibleDescription('this bundle has no teacher');
  await expect.poll(() => urlLabels(page.url())).toBeNull();
  await expect(page.getByTestId('provenance-teacher')).toHaveCount(0);
  await page.getByTestId('labels-field').scrollIntoViewIfNeeded();
  await page.locator('.card-train').screenshot({
    path: `${ARTIFACTS}/labels-card-no-teacher-phone.png`,
  });
  await page.getByTestId('train-button').click();
  await waitForRun(page);
  const rows = page.getByTestId('results-table').getByTestId('result-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('result-labels')).toHaveText('hard');
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  await shot(page, 'labels-no-teacher-phone');
});
