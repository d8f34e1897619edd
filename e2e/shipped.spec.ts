// Browser tests of every bundle shipped in public/datasets/ (listed in its index.json): it loads,
// validates, shows its provenance and every stored image, and a short wasm run on it finishes.
// With no shipped bundle yet this file defines no tests (the tiny bundles cover the app).
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { classCounts, openApp, shot, waitForRun } from './helpers';

interface Shipped {
  readonly id: string;
  readonly classes: number;
  readonly ipc: number;
  readonly factor: number;
  /** The manifest's `tool.command`, which the provenance panel shows. */
  readonly command: string | null;
}

function shippedBundles(): Shipped[] {
  const index = 'public/datasets/index.json';
  if (!existsSync(index)) return [];
  const json = JSON.parse(readFileSync(index, 'utf8')) as { bundles?: unknown[] } | unknown[];
  const list = Array.isArray(json) ? json : (json.bundles ?? []);
  return list.map((b) => {
    const id = typeof b === 'string' ? b : (b as { id: string }).id;
    const manifest = JSON.parse(readFileSync(`public/datasets/${id}/manifest.json`, 'utf8')) as {
      classes: string[];
      ipc: number;
      factor: number;
      tool: { command?: string };
    };
    const { ipc, factor, tool } = manifest;
    return { id, classes: manifest.classes.length, ipc, factor, command: tool.command ?? null };
  });
}

for (const bundle of shippedBundles()) {
  test(`shipped bundle ${bundle.id}: loads with provenance, gallery and a short run`, async ({
    page,
  }) => {
    await openApp(page, {
      bundle: bundle.id,
      backend: 'wasm',
      epochs: '1',
      width: '4',
      testLimit: '200',
    });
    await expect(page.getByTestId('provenance')).toBeVisible();
    if (bundle.command)
      await expect(page.getByTestId('provenance-command')).toHaveText(bundle.command);
    await expect(page.getByTestId('gallery-img')).toHaveCount(bundle.classes * bundle.ipc);
    const f2 = bundle.factor * bundle.factor;
    expect(await classCounts(page)).toEqual(new Array<number>(bundle.classes).fill(f2));
    await page.getByText('Reference accuracies').click();
    await shot(page, `shipped-${bundle.id}`);
    await page.getByTestId('train-button').click();
    await waitForRun(page, 600_000);
    // 200 test images, stratified: every class is in them.
    await expect(page.getByTestId('test-subset-hint')).toContainText(
      new RegExp(`\\(stratified: \\d+(–\\d+)? per class, all ${bundle.classes} classes\\)`),
    );
  });
}
