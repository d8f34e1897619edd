// Shared steps of the browser tests: open the app with URL parameters, wait for a loaded bundle,
// measure main-thread tasks, save screenshots to e2e-artifacts/.
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

/** One task of a renderer's main thread: wall-clock and CPU milliseconds. */
export interface MainThreadTask {
  wallMs: number;
  cpuMs: number;
}

/**
 * Runs `during` under a Chromium trace and returns every renderer main-thread task longer than
 * 50 ms of wall-clock time, with the CPU time it used. Why CPU time: the Long Tasks API measures
 * wall-clock only, and on a 2-core machine SwiftShader's WebGPU threads starve the main thread, so
 * a 10 ms task can last 64 ms on the clock (CI saw exactly that). Work that blocks the page, such
 * as a training step on the main thread, needs its CPU time however long the clock says it took.
 */
export async function mainThreadTasks(
  page: Page,
  during: () => Promise<void>,
): Promise<MainThreadTask[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('mainThreadTasks needs a launched browser');
  await browser.startTracing(page, { categories: ['toplevel'] });
  let buf: Buffer;
  try {
    await during();
  } finally {
    buf = await browser.stopTracing();
  }
  const trace = JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] };
  const main = new Set(
    trace.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return trace.traceEvents
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.name === 'ThreadControllerImpl::RunTask' &&
        main.has(`${e.pid}:${e.tid}`) &&
        e.dur! > 50e3,
    )
    .map((e) => ({ wallMs: e.dur! / 1e3, cpuMs: (e.tdur ?? e.dur!) / 1e3 }));
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

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

/** The gallery's images as the page drew them: width, height and RGBA bytes of each, in order. */
export async function galleryPixels(
  page: Page,
): Promise<{ width: number; height: number; rgba: number[] }[]> {
  return page.evaluate(async () => {
    const imgs = document.querySelectorAll<HTMLImageElement>('[data-testid="gallery-img"]');
    const out: { width: number; height: number; rgba: number[] }[] = [];
    for (const img of Array.from(imgs)) {
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      out.push({
        width: c.width,
        height: c.height,
        rgba: [...ctx.getImageData(0, 0, c.width, c.height).data],
      });
    }
    return out;
  });
}

export async function classCounts(page: Page): Promise<number[]> {
  return page
    .getByTestId('class-count')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
}
