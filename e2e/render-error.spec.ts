// Browser test of the error boundaries (app/components/error-boundary.tsx): a part of the page that
// throws while rendering shows the error panel in its place, naming the part and the error, and
// the rest of the page stays usable; "Try again" renders it anew. The failure is provoked by
// putting a value into the store that the provenance panel cannot render (a manifest without its
// source), through the store the page exposes for tests and debugging.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, shot } from './helpers';

type Store = {
  getState(): { view: { manifest: { source: unknown } } };
  setState(patch: object): void;
};

/** Sets (null) or restores the loaded manifest's source. */
async function setSource(page: Page, source: 'break' | 'restore'): Promise<void> {
  await page.evaluate((how) => {
    const w = window as unknown as { __yoco: Store; __source?: unknown };
    const { view } = w.__yoco.getState();
    if (how === 'break') w.__source = view.manifest.source;
    const value = how === 'break' ? null : w.__source;
    w.__yoco.setState({ view: { ...view, manifest: { ...view.manifest, source: value } } });
  }, source);
}

for (const width of [1280, 390]) {
  test(`a panel that fails to render shows the error panel, the rest works (${width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await openApp(page);
    await setSource(page, 'break');
    const panel = page.getByTestId('render-error');
    await expect(panel).toHaveCount(1);
    await expect(panel).toHaveAttribute('data-part', "The dataset's provenance");
    await expect(panel.getByRole('heading')).toHaveText(
      "The dataset's provenance could not be shown",
    );
    await expect(panel.getByTestId('render-error-message')).toContainText(/null/);
    await expect(page.getByTestId('provenance')).toHaveCount(0);
    // Not a blank page: the header, the gallery and the controls are still there and work.
    await expect(page.getByTestId('dataset-select')).toBeVisible();
    await expect(page.getByTestId('gallery-img')).toHaveCount(12);
    await page.getByTestId('ipc-slider').fill('7');
    await expect(page.getByTestId('kept-total')).toHaveText('28 of 48 patches kept');
    await panel.scrollIntoViewIfNeeded();
    await shot(page, `render-error-${width}`);
    await setSource(page, 'restore');
    await panel.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('provenance')).toBeVisible();
    await expect(page.getByTestId('render-error')).toHaveCount(0);
  });
}
