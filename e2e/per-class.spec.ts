// Browser tests of per-class results and of the dataset card's hint on which rule wins (docs/app.md,
// "Results" and "Provenance"): after
// a run, each class's accuracy and the confusion matrix show with the bundle's class names, its
// rows sum to the stratified test subset's per-class counts and its diagonal gives the run's
// accuracy; the same results open from the history; the matrix stays inside its card at 390 px,
// with the shipped 10-class bundle too.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { stratifiedQuotas } from '../src/engine/test-subset';
import { APP_TINY } from '../test-support/engine/tiny-bundle';
import { expect, test } from './fixtures';
import { FAST, openApp, shot, waitForRun } from './helpers';

/** The tiny bundle's class names (tiny-bundle.ts: stripes at 180°·c / classes). */
const TINY_CLASSES = Array.from(
  { length: APP_TINY.classes! },
  (_, c) => `stripes ${Math.round((180 * c) / APP_TINY.classes!)}°`,
);

/** The matrix's counts, row by row (true class), read from the cells' data-count. */
async function matrixCounts(view: Locator): Promise<number[][]> {
  return view
    .getByTestId('confusion-row')
    .evaluateAll((rows) =>
      rows.map((r) =>
        Array.from(r.querySelectorAll('td'), (td) => Number(td.getAttribute('data-count'))),
      ),
    );
}

/** Class names on both axes of the matrix and in the per-class table. */
async function expectClassNames(view: Locator, names: readonly string[]): Promise<void> {
  await expect(view.getByTestId('class-accuracy-row').locator('td:first-child')).toHaveText([
    ...names,
  ]);
  await expect(view.getByTestId('confusion-row').locator('th')).toHaveText([...names]);
  await expect(view.locator('thead .confusion-col')).toHaveText([...names]);
}

/** Rows sum to the per-class test counts; the table's accuracies are the diagonal's shares. */
async function expectConsistent(view: Locator, perClass: readonly number[]): Promise<number> {
  const m = await matrixCounts(view);
  expect(m.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(perClass);
  const shown = await view
    .getByTestId('class-accuracy-row')
    .locator('td[data-accuracy]')
    .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-accuracy'))));
  expect(shown).toEqual(m.map((row, k) => row[k]! / perClass[k]!));
  return m.reduce((a, row, k) => a + row[k]!, 0);
}

/** Nothing on the page is wider than the screen; the matrix scrolls inside its card if needed. */
async function expectFitsPhone(page: Page, view: Locator): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const box = (await view.getByTestId('confusion-scroll').boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
}

test('a finished run shows per-class accuracy and the confusion matrix, also from the history', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, { backend: 'wasm' });
  // The e2e table: YOCO 40.0 ± 3, random 30.0 ± 5 at IPC_T 1.
  await expect(page.getByTestId('reference-hint')).toHaveText(
    "On this bundle, YOCO's easy-first beats every other rule at IPC 1: by 10.0 points over " +
      'Random (40.0 vs 30.0).',
  );
  await page.getByTestId('train-button').click();
  const accuracy = await waitForRun(page);
  const run = page.getByTestId('run-class-results');
  await expectClassNames(run, TINY_CLASSES);
  const perClass = stratifiedQuotas(
    new Array<number>(APP_TINY.classes!).fill(APP_TINY.testPerClass!),
    Number(FAST.testLimit),
  );
  expect(perClass).toEqual([4, 4, 4, 4]);
  const correct = await expectConsistent(run, perClass);
  expect(accuracy).toBe(`${((100 * correct) / 16).toFixed(1)}%`);
  // Row shares: each row's cells add up to about 100 (rounded percentages).
  await run.getByTestId('matrix-rows').click();
  await expect(run.getByTestId('confusion-matrix')).toHaveAttribute('data-mode', 'rows');
  const rowPercents = await run
    .getByTestId('confusion-row')
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => Number(td.textContent))),
    );
  for (const row of rowPercents) {
    expect(Math.abs(row.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(2);
  }

  // The stored run opens from the history with the same matrix.
  await page.getByTestId('results-table').getByTestId('result-row').first().click();
  const stored = page.getByTestId('history-class-results');
  await expectClassNames(stored, TINY_CLASSES);
  expect(await matrixCounts(stored)).toEqual(await matrixCounts(run));
  await shot(page, 'per-class-desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await expectFitsPhone(page, run);
  await expectFitsPhone(page, stored);
  await shot(page, 'per-class-phone');
});

test('the shipped 10-class bundle: per-class results readable at 390 px, and its hint', async ({
  page,
}) => {
  const id = 'fashion-mnist-ipc10';
  const manifest = JSON.parse(readFileSync(`public/datasets/${id}/manifest.json`, 'utf8')) as {
    classes: string[];
  };
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, { bundle: id, backend: 'wasm', epochs: '1', testLimit: '20' });
  await expect(page.getByTestId('reference-hint')).toHaveText(
    "On this bundle, LBPE hard, balanced beats YOCO's easy-first at IPC 1 (72.7 vs 65.8). " +
      'See the findings.',
  );
  await page.getByTestId('train-button').click();
  await waitForRun(page, 300_000);
  const run = page.getByTestId('run-class-results');
  await expectClassNames(run, manifest.classes);
  // 20 of 10,000 balanced test images: 2 per class.
  await expectConsistent(run, new Array<number>(10).fill(2));
  await expectFitsPhone(page, run);
  // Ten classes with small counts fit the card without scrolling: every column is on screen.
  const scroller = run.getByTestId('confusion-scroll');
  expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await scroller.scrollIntoViewIfNeeded();
  await expect(run.locator('thead .confusion-col').last()).toBeInViewport({ ratio: 1 });
  await expect(run.getByTestId('confusion-row').first().locator('th')).toBeInViewport({
    ratio: 1,
  });
  await shot(page, 'per-class-phone-10-classes');
});
