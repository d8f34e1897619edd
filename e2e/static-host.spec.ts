// Browser tests of opening the built app the two ways a phone can (README: "Open it on a phone"):
// - from a static host that sends no headers at all (e2e/static-server.ts): the service worker
//   (src/serving/coi-sw.ts) makes the page cross-origin isolated after one reload, and wasm then
//   trains with more than one thread; screenshots of it on a laptop and at 390 px. Reached by this
//   machine's network address over plain http (what a phone gets from `npm run dev`), the page is
//   no secure context: it still loads (SHA-256 without crypto.subtle), single-threaded, and says so;
// - over HTTPS with a self-signed certificate (`npm run serve:lan`'s configuration, accepted as a
//   phone's user would): a secure context, isolated by the server's own headers.
// Both serve the build playwright.config.ts made, on ports of their own.
import type { Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { preview, type PreviewServer } from 'vite';
import { E2E_BUILD_DIR } from './build-dir';
import { expect, test } from './fixtures';
import { appUrl, FAST, shot, waitForRun } from './helpers';
import { serveStatic } from './static-server';
import { policyText, WORKER_POLICY, WORKER_SCRIPT } from '../src/serving/csp';
import { COI_SW_FILE } from '../src/serving/isolation';
import { LAN_MODE } from '../src/serving/lan';

const STATIC_PORT = Number(process.env.E2E_STATIC_PORT ?? 4462);
const LAN_PORT = Number(process.env.E2E_LAN_PORT ?? 4463);

/** This machine's first non-loopback IPv4 address, if it has one. */
function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

test.describe('a static host that sends no headers', () => {
  const origin = `http://127.0.0.1:${STATIC_PORT}/`;
  let server: Server;
  test.beforeAll(async () => {
    server = await serveStatic(E2E_BUILD_DIR, STATIC_PORT, '0.0.0.0');
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('the page becomes cross-origin isolated through the service worker and trains on wasm with threads', async ({
    page,
  }) => {
    const plain = await fetch(origin);
    for (const header of [
      'cross-origin-opener-policy',
      'cross-origin-embedder-policy',
      'content-security-policy',
    ])
      expect(plain.headers.get(header), `the host sends no ${header}`).toBeNull();

    // The first load registers the worker and reloads; the app renders only after the reload.
    await page.goto(new URL(appUrl({ ...FAST, backend: 'wasm' }), origin).href);
    await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
    const state = await page.evaluate(async () => ({
      isolated: crossOriginIsolated,
      navigation: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
        .type,
      worker: navigator.serviceWorker.controller?.scriptURL ?? null,
      coep: (await fetch('./')).headers.get('cross-origin-embedder-policy'),
    }));
    expect(state).toEqual({
      isolated: true,
      navigation: 'reload',
      worker: new URL(COI_SW_FILE, origin).href,
      coep: 'require-corp', // added by the worker
    });

    const badge = page.getByTestId('backend-badge');
    await expect(badge).toHaveAttribute('data-backend', 'wasm');
    await page.getByTestId('train-button').click();
    await waitForRun(page);
    await expect(badge).toHaveAttribute('data-backend', 'wasm');
    await expect
      .poll(async () => Number(await badge.getAttribute('data-threads')))
      .toBeGreaterThan(1);
    await expect(badge).toContainText(/wasm · \d+ threads/);
    await expect(page.getByText(/single-threaded/)).toHaveCount(0);
    // The engine worker's script came through the service worker with its own policy.
    const script = page.workers().find((w) => WORKER_SCRIPT.test(new URL(w.url()).pathname));
    expect(script, 'the engine worker is running').toBeDefined();
    const workerCsp = await page.evaluate(
      async (url) => (await fetch(url)).headers.get('content-security-policy'),
      script!.url(),
    );
    expect(workerCsp).toBe(policyText(WORKER_POLICY));

    await shot(page, 'static-host-laptop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'static-host-phone');
  });

  test('over plain http to a network address: no secure context, single-threaded, and said so', async ({
    page,
  }) => {
    const address = lanAddress();
    test.skip(address === undefined, 'this machine has no network address');
    await page.goto(`http://${address}:${STATIC_PORT}/${appUrl({ ...FAST, backend: 'wasm' })}`);
    // The bundle's digests are checked with the pure TypeScript SHA-256 here.
    await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
    expect(
      await page.evaluate(() => ({
        secure: isSecureContext,
        isolated: crossOriginIsolated,
        subtle: typeof crypto.subtle,
        workers: 'serviceWorker' in navigator,
      })),
    ).toEqual({ secure: false, isolated: false, subtle: 'undefined', workers: false });
    await expect(page.getByTestId('notices')).toContainText(/wasm runs single-threaded/);
    const badge = page.getByTestId('backend-badge');
    await expect(badge).toHaveAttribute('data-backend', 'wasm');
    await expect(badge).toHaveAttribute('data-threads', '1');
  });
});

test.describe('serve:lan: HTTPS with a self-signed certificate', () => {
  // What the phone's user does at the certificate warning: proceed.
  test.use({ ignoreHTTPSErrors: true });
  let server: PreviewServer;
  test.beforeAll(async () => {
    server = await preview({
      mode: LAN_MODE,
      logLevel: 'warn',
      build: { outDir: E2E_BUILD_DIR },
      preview: { host: '127.0.0.1', port: LAN_PORT, strictPort: true },
    });
  });
  test.afterAll(async () => {
    await server.close();
  });

  test('the page is a secure context, cross-origin isolated, and loads the tiny bundle', async ({
    page,
  }) => {
    const origin = `https://127.0.0.1:${LAN_PORT}/`;
    const response = await page.goto(new URL(appUrl(FAST), origin).href);
    const tls = await response?.securityDetails();
    expect(tls?.issuer, 'self-signed: issued by itself').toBe(tls?.subjectName);
    await expect(page.getByTestId('gallery')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('dataset-select')).toHaveValue('tiny');
    expect(
      await page.evaluate(() => ({
        protocol: location.protocol,
        secure: isSecureContext,
        isolated: crossOriginIsolated,
        subtle: typeof crypto.subtle?.digest,
        // Isolated by the server's headers: the service worker was not needed.
        worker: navigator.serviceWorker.controller,
      })),
    ).toEqual({
      protocol: 'https:',
      secure: true,
      isolated: true,
      subtle: 'function',
      worker: null,
    });
  });
});
