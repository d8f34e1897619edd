// Browser tests of WebGPU device loss (src/engine/tf/device-loss.ts). Headless Chromium renders
// WebGPU through SwiftShader, and its GPU process cannot be killed from a test, so the loss is
// simulated at the narrowest honest seam: the test calls `destroy()` on the very GPUDevice the
// engine's webgpu backend holds, inside the engine worker (reached through tfjs's global engine,
// `self._tfengine`, with Playwright's worker.evaluate; the app has no hook for it). The device's
// `lost` promise then resolves as it does when the GPU process dies (reason "destroyed" instead
// of "unknown"), and every later use of the device fails as it would.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, shot, waitForRun } from './helpers';

/** Destroys the engine's WebGPU device; resolves once the device reports itself lost. */
async function loseDevice(page: Page): Promise<string> {
  const worker = page.workers().find((w) => w.url().includes('engine.worker'));
  if (!worker) throw new Error('no engine worker');
  return worker.evaluate(async () => {
    const engine = (self as unknown as { _tfengine: { registry: Record<string, unknown> } })
      ._tfengine;
    const { device } = engine.registry.webgpu as {
      device: { destroy(): void; lost: Promise<{ message: string }> };
    };
    device.destroy();
    const info = await device.lost;
    return info.message;
  });
}

const notices = (page: Page) => page.getByTestId('notices').locator('li');

test('a device lost between runs: the next run re-initialises WebGPU and finishes on it', async ({
  page,
}) => {
  await openApp(page, { backend: 'webgpu' });
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  expect(await loseDevice(page)).toBeTruthy();
  await page.getByTestId('train-button').click();
  await waitForRun(page);
  await expect(notices(page)).toContainText([/^WebGPU was lost \(.+\); re-initialised\./]);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('results-table').getByTestId('result-row').first()).toContainText(
    'WebGPU',
  );
});

test('a device lost mid-run: the run finishes on wasm; WebGPU chosen again works afresh', async ({
  page,
}) => {
  await openApp(page, { backend: 'webgpu', epochs: '4' });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('chart-loss').locator('circle').first()).toBeVisible({
    timeout: 120_000,
  });
  await loseDevice(page);
  await waitForRun(page);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  await expect(notices(page).first()).toHaveText(
    /^WebGPU failed during training \(the GPU device was lost: .+\)\. Continuing on wasm\./,
  );
  // Before the fix, WebGPU chosen again reused the dead backend and every run failed at once.
  await page.getByTestId('backend-select').selectOption('webgpu');
  await expect(notices(page)).toContainText([/^WebGPU was lost \(.+\); re-initialised\./]);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  await waitForRun(page);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  const rows = page.getByTestId('results-table').getByTestId('result-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('WebGPU');
  await shot(page, 'webgpu-lost');
});
