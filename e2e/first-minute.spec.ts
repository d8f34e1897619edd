// Browser tests of a visitor's first minute, in Chromium with the SwiftShader WebGPU flags: the
// page opened plain (no URL parameters) says what it is and links the paper, defines its words on
// keyboard focus, and on a 390 px phone shows the kept-images preview within a screen of the
// slider; a short run (URL parameters for speed) puts its accuracy beside the full set's and
// random's and announces it in a live region; names are unique; the results fit a phone; the
// preselection of Compare is explained and its list has one entry per method; switching dataset
// keeps the size; dark mode follows the system.
import { expect, test } from './fixtures';
import { openApp, setSlider, waitForRun } from './helpers';

test('opened plain: an introduction that links the paper, terms defined on focus', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
  const intro = page.getByTestId('intro');
  await expect(intro).toBeVisible();
  await expect(intro.getByTestId('paper-link')).toHaveAttribute(
    'href',
    'https://arxiv.org/abs/2310.14019',
  );
  await expect(intro.getByTestId('findings-link')).toHaveAttribute(
    'href',
    'docs/findings-fashion-mnist.md',
  );
  // The findings are served beside the app, so the relative link works on any static host.
  const findings = await page.request.get('docs/findings-fashion-mnist.md');
  expect(findings.ok()).toBe(true);
  expect(await findings.text()).toContain('# Does YOCO hold?');
  // A term's definition: described for screen readers, shown on keyboard focus, hidden by Escape.
  const term = intro.getByTestId('term-LBPE');
  await expect(term).toHaveAccessibleDescription(/prediction error/);
  const tip = intro
    .locator('.term', { has: page.getByTestId('term-LBPE') })
    .getByRole('tooltip', { includeHidden: true });
  await expect(tip).toBeHidden();
  await term.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab'); // focus from the keyboard (focus-visible)
  await expect(tip).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  // Jargon waits behind "details".
  await expect(page.getByTestId('provenance-scoring')).toBeHidden();
});

test('at 390 px, plain: the kept preview within a screen of the slider, dragging changes it', async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('gallery')).toBeAttached({ timeout: 60_000 });
  const slider = page.getByTestId('ipc-slider');
  const preview = page.getByTestId('kept-preview');
  await expect(preview).toBeVisible();
  const s = (await slider.boundingBox())!;
  const p = (await preview.boundingBox())!;
  const gap = p.y - (s.y + s.height);
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(844);
  expect(p.y + p.height).toBeLessThan(s.y + s.height + 844);
  // Dragging (not releasing: auto-train is on in a plain page), the preview follows: kept
  // patches grow from 4 to 7 per class.
  const keptInPreview = () => preview.locator('.kept').count();
  await expect.poll(keptInPreview).toBe(16);
  await slider.evaluate((el: HTMLInputElement) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, '7');
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect.poll(keptInPreview).toBe(28);
  // The bars show n of the class's total, not full width at every size.
  const counts = page.getByTestId('class-counts');
  const share = async () => {
    const bar = (await counts.locator('.class-bar span').first().boundingBox())!;
    const track = (await counts.locator('.class-bar').first().boundingBox())!;
    return bar.width / track.width;
  };
  await expect.poll(share).toBeCloseTo(7 / 12, 1);
  // The slider is named once; its value is spoken in words.
  const named = page.getByRole('slider', { name: 'Target size', exact: true });
  await expect(named).toHaveAttribute('aria-valuetext', '1.75 images per class (7 patches)');
  // A touch-only screen is not told to drop files.
  await expect(page.getByTestId('drop-words')).toBeHidden();
  // Tapping a patch shows its score without moving the gallery under the finger.
  // Measured in the page, not the viewport: hovering scrolls the patch into view.
  const galleryTop = () =>
    page.getByTestId('gallery').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  const topBefore = await galleryTop();
  await page.locator('[data-sample="9"]').tap();
  await expect(page.getByTestId('patch-info')).toContainText('sample 9');
  expect(await galleryTop()).toBe(topBefore);
  await context.close();
});

test('a short run: accuracy beside the full set and random, announced; names unique; phone results', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, { backend: 'wasm', epochs: '2', width: '8' });
  // Unique accessible names.
  await expect(page.getByRole('button', { name: 'Stop training', exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Stop comparison', exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toHaveCount(0);
  for (const name of ['Epochs', 'Width']) {
    await expect(page.getByRole('spinbutton', { name, exact: true })).toHaveCount(1);
  }
  await page.getByTestId('train-button').click();
  const accuracy = await waitForRun(page);
  const context = page.getByTestId('accuracy-context');
  await expect(context).toContainText(`This run (IPC 1)${accuracy}`);
  // The e2e table: full set 50.0 ± 2.0, plain random 30.0 ± 5.0 at IPC 1.
  await expect(context).toContainText('Full condensed set (IPC 3)50.0% ± 2.0');
  await expect(context).toContainText('Random at IPC 130.0% ± 5.0');
  const live = page.locator('[aria-live="polite"][role="status"]');
  await expect(live).toHaveText(
    `Finished: test accuracy ${accuracy}. Full condensed set: 50.0%. Random at IPC 1: 30.0%.`,
  );
  // The results chart draws the references: the full level and random's diamond.
  const chart = page.getByTestId('accuracy-chart');
  await expect(chart.locator('.mark text')).toHaveText('full condensed set (IPC 3) 50.0%');
  await expect(chart.locator('.ref-dot')).toHaveCount(1);
  // The reference table is in view without expanding anything.
  await expect(page.getByTestId('reference-table')).toBeVisible();
  // Patch scores from the keyboard: focus a patch, move with the arrows.
  await page.locator('[data-sample="0"]').focus();
  await expect(page.getByTestId('patch-info')).toContainText('sample 0');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('patch-info')).toContainText('sample 1');
  await expect(page.locator('[data-sample="1"]')).toBeFocused();

  await page.setViewportSize({ width: 390, height: 844 });
  const table = page.getByTestId('results-table');
  await table.scrollIntoViewIfNeeded();
  const fits = await table.evaluate((t) => {
    const box = t.parentElement!;
    return { scroll: box.scrollWidth, client: box.clientWidth };
  });
  expect(fits.scroll).toBeLessThanOrEqual(fits.client);
  const cells = table.getByTestId('result-row').first().locator('td');
  await expect(cells).toHaveCount(9); // when, method, IPC, epochs, seed, labels, backend, accuracy, time
  for (const cell of await cells.all()) {
    const box = (await cell.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  // Whole IPCs on the chart's x axis.
  const ticks = await chart.locator('svg > text.tick').allTextContents();
  expect(ticks.length).toBeGreaterThan(1);
  for (const t of ticks) expect(t).toMatch(/^\d+$/);
});

test('Compare lists each method once and says why; switching dataset keeps the size; dark mode', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, { backend: 'wasm' });
  const card = page.locator('.card-compare');
  await card.getByTestId('compare-methods-summary').click();
  const labels = await card.locator('.compare-method-list label').allTextContents();
  expect(labels).toContain('YOCO (LBPE easy, balanced)');
  expect(labels).not.toContain('LBPE easy, balanced');
  expect(labels).toContain('Random');
  expect(labels).not.toContain('Random (imbalanced)');
  await expect(card.getByTestId('compare-why')).toHaveText(
    'Preselected: YOCO, and random balanced as the plainest rule that keeps the classes even, ' +
      "and Random, the best other method in this bundle's reference table at IPC 1.",
  );
  // IPC 1.5 on tiny (12 per class at most) is 6 of tiny-f32's 8: it stays.
  await setSlider(page, 6);
  await page.getByTestId('dataset-select').selectOption('tiny-f32');
  await expect(page.getByTestId('gallery-img')).toHaveCount(6, { timeout: 60_000 });
  await expect(page.getByTestId('ipc-slider')).toHaveValue('6');
  await expect(page.getByTestId('results-scope')).toHaveText(
    'Runs on Tiny synthetic stripes, float32 (e2e)',
  );
  // Dark mode from the system's preference.
  const background = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).not.toBe(light);
});
