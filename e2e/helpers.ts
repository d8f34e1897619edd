// Shared steps of the browser tests: open the app with URL parameters, wait for a loaded bundle,
// watch main-thread long tasks, save screenshots to e2e-artifacts/.
import { mkdirSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export const ARTIFACTS = 'e2e-artifacts';

/** Small, fast settings for SwiftShader WebGPU (~1 image/s at width 128). */
export const FAST = { width: '4', epochs: '2', testLimit: '16', autotrain: '0' } as const;

export function appUrl(params: Record<string, string>): string {
  return `./?${new URLSearchParams(params).toString()}`;
}

/** Opens the app and waits until the bundle is loaded and the gallery drawn. */
export async function openApp(page: Page, params: Record<string, string> = {}): Promise<void> {
  await page.goto(appUrl({ ...FAST, ...params }));
  await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Full-page captures include cards far below the viewport, which `content-visibility: auto`
  // would leave unpainted: render every card for the picture.
  // Through the CSSOM: the page's Content-Security-Policy (style-src 'self') refuses a <style> tag.
  await page.evaluate(() => {
    document
      .querySelectorAll<HTMLElement>('.card')
      .forEach((card) => card.style.setProperty('content-visibility', 'visible', 'important'));
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

/** Records every long task (> 50 ms) of the page's main thread from the first script on. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // longtask entries unsupported: the test then sees none and says so through its own checks
    }
  });
}

export async function longTasksBetween(
  page: Page,
  from: number,
  to: number,
): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(
    ([a, b]) =>
      (
        window as unknown as { __longTasks: { start: number; duration: number }[] }
      ).__longTasks.filter((t) => t.start >= a && t.start <= b && t.duration > 50),
    [from, to] as const,
  );
}

export const now = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/** Sets the IPC slider as a user releasing it there would (input, then change). */
export async function setSlider(page: Page, n: number): Promise<void> {
  await page.getByTestId('ipc-slider').fill(String(n));
}

/** Waits for the current run to finish and returns the shown test accuracy text. */
export async function waitForRun(page: Page, timeout = 180_000): Promise<string> {
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout });
  const text = (await page.getByTestId('test-accuracy').textContent()) ?? '';
  expect(text).toMatch(/^\d{1,3}\.\d%$/);
  return text;
}

export async function classCounts(page: Page): Promise<number[]> {
  return page
    .getByTestId('class-count')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
}
