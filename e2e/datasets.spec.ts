// Browser tests of the dataset picker and of float32 bundles: the picker lists every bundle of
// datasets/index.json by title with the chosen one's description and switches between them (the
// `bundle` URL parameter follows and survives a reload); a float32 bundle opened from the picker
// draws its pixels clamped to [0, 1], says so, and trains to a finished run.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { galleryPixels, openApp, shot, waitForRun } from './helpers';

interface IndexEntry {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

async function datasetIndex(page: Page): Promise<IndexEntry[]> {
  return page.evaluate(async () => {
    const r = await fetch('datasets/index.json');
    return ((await r.json()) as { bundles: IndexEntry[] }).bundles;
  });
}

test('the picker lists every bundle with its description and switches between two', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  const bundles = await datasetIndex(page);
  expect(bundles.map((b) => b.id)).toEqual(
    expect.arrayContaining(['tiny', 'tiny-gray', 'tiny-f32', 'corrupt']),
  );
  const select = page.getByTestId('dataset-select');
  await expect(select).toBeVisible();
  await expect(select).toHaveValue('tiny'); // the index's default
  // One option per index entry, in index order, labelled by title.
  const options = await select
    .locator('option')
    .evaluateAll((els) => els.map((e) => [(e as HTMLOptionElement).value, e.textContent]));
  expect(options).toEqual(bundles.map((b) => [b.id, b.title]));
  // Every e2e entry carries a description; the chosen one's shows under the select.
  for (const id of ['tiny', 'tiny-gray', 'tiny-f32', 'corrupt']) {
    expect(bundles.find((b) => b.id === id)?.description).toBeTruthy();
  }
  const description = page.getByTestId('dataset-description');
  const describe = (id: string): string => bundles.find((b) => b.id === id)!.description!;
  await expect(description).toHaveText(describe('tiny'));
  await expect(page.getByTestId('gallery-img')).toHaveCount(12);
  await shot(page, 'picker-desktop');

  await select.selectOption('tiny-gray');
  await expect(page.getByTestId('gallery-img')).toHaveCount(6);
  await expect(description).toHaveText(describe('tiny-gray'));
  await expect(page.getByTestId('provenance')).toContainText('Tiny synthetic stripes, grey (e2e)');
  expect(new URL(page.url()).searchParams.get('bundle')).toBe('tiny-gray');
  // The URL parameter opens the chosen bundle after a reload, other parameters kept.
  await page.reload();
  await expect(page.getByTestId('gallery-img')).toHaveCount(6, { timeout: 60_000 });
  await expect(select).toHaveValue('tiny-gray');
  await expect(page.getByTestId('width-input')).toHaveValue('4');

  await select.selectOption('tiny');
  await expect(page.getByTestId('gallery-img')).toHaveCount(12);
  await expect(description).toHaveText(describe('tiny'));
  await expect(page.getByTestId('kept-total')).toHaveText('16 of 48 patches kept');
  expect(new URL(page.url()).searchParams.get('bundle')).toBe('tiny');
});

test('a float32 bundle from the picker: clamped gallery with its note, then a finished run', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, { backend: 'wasm', epochs: '2', width: '4' });
  await expect(page.getByTestId('gallery-dtype-note')).toHaveCount(0); // uint8: no note
  await page.getByTestId('dataset-select').selectOption('tiny-f32');
  // 3 classes × IPC_F 2 stored images, f² = 4 patches each.
  await expect(page.getByTestId('gallery-img')).toHaveCount(6, { timeout: 60_000 });
  await expect(page.getByTestId('gallery').locator('[data-sample]')).toHaveCount(24);
  await expect(page.getByTestId('gallery-dtype-note')).toHaveText(
    /^float32 pixels, shown clamped to \[0, 1\] · \d+(\.\d+)?% of values lie outside$/,
  );
  // Every drawn pixel is its stored float32 value clamped to [0, 1], times 255, rounded.
  const { images, dtype } = await page.evaluate(() => {
    const { view } = (
      window as unknown as {
        __yoco: {
          getState(): { view: { images: Float32Array; manifest: { imageDType?: string } } };
        };
      }
    ).__yoco.getState();
    return {
      images: view.images instanceof Float32Array ? [...view.images] : null,
      dtype: view.manifest.imageDType,
    };
  });
  const drawn = await galleryPixels(page);
  let mismatches = 0;
  let outside = 0;
  drawn.forEach(({ width, height, rgba }, n) => {
    const size = width * height;
    for (let p = 0; p < size; p++) {
      for (let k = 0; k < 3; k++) {
        const v = images![(n * size + p) * 3 + k]!;
        if (v < 0 || v > 1) outside++;
        if (rgba[p * 4 + k] !== Math.round(Math.min(1, Math.max(0, v)) * 255)) mismatches++;
      }
    }
  });
  const check = { float: images !== null, dtype, count: drawn.length, mismatches, outside };
  expect(check).toMatchObject({ float: true, dtype: 'float32', count: 6, mismatches: 0 });
  expect(check.outside).toBeGreaterThan(0); // the comparison covered clamped values
  await page.getByTestId('train-button').click();
  const accuracy = await waitForRun(page);
  const row = page.getByTestId('results-table').getByTestId('result-row').first();
  await expect(row).toContainText(accuracy);
  // The results are the open dataset's, and say so.
  await expect(page.getByTestId('results-scope')).toHaveText(
    'Runs on Tiny synthetic stripes, float32 (e2e)',
  );
  await shot(page, 'float32-bundle');
});
