// Browser tests of the built app's Content-Security-Policy (src/serving/csp.ts): the page carries it
// in a <meta> tag and as a header (with frame-ancestors), the engine worker's script gets its own,
// the app stays cross-origin isolated, and a wasm run with its threads finishes with no violation
// reported by the page or the worker. A control proves the check sees violations: an inline
// script and a fetch from another origin are refused and reported.
import { openApp, waitForRun } from './helpers';
import { expect, test } from './fixtures';
import {
  HEADER_ONLY_POLICY,
  PAGE_POLICY,
  WORKER_POLICY,
  WORKER_SCRIPT,
  policyText,
} from '../src/serving/csp';

test('the app loads and a wasm run finishes under the policy, with no violation reported', async ({
  page,
  cspViolations,
}) => {
  const headers = new Map<string, string>();
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    const csp = r.headers()['content-security-policy'];
    if (csp !== undefined && (path === '/' || WORKER_SCRIPT.test(path))) headers.set(path, csp);
  });
  await openApp(page, { backend: 'wasm', epochs: '2' });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveAttribute('content', policyText(PAGE_POLICY));
  expect(policyText(PAGE_POLICY)).toContain("default-src 'self'");
  expect(policyText(PAGE_POLICY)).not.toMatch(/unsafe-inline|unsafe-eval'/);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  await page.getByTestId('train-button').click();
  await waitForRun(page);
  expect(headers.get('/')).toBe(policyText(PAGE_POLICY, HEADER_ONLY_POLICY));
  const worker = [...headers].find(([path]) => path !== '/');
  expect(worker?.[1]).toBe(policyText(WORKER_POLICY));
  expect(worker?.[1]).toContain("'wasm-unsafe-eval'");
  // The wasm backend runs threaded: its threads are blob: workers, which the worker policy allows.
  expect(page.workers().filter((w) => w.url().startsWith('blob:')).length).toBeGreaterThan(0);
  expect(cspViolations).toEqual([]);
});

test('the check sees violations: an inline script and a foreign fetch are refused and reported', async ({
  page,
  cspViolations,
}) => {
  await openApp(page);
  expect(cspViolations).toEqual([]);
  const foreign = new URL(page.url());
  foreign.hostname = 'localhost'; // the same server under another origin
  const outcome = await page.evaluate(async (url) => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.append(script);
    const fetched = await fetch(url).then(
      () => 'fetched',
      () => 'refused',
    );
    return { ran: (window as { __inlineRan?: boolean }).__inlineRan === true, fetched };
  }, new URL('datasets/index.json', foreign).href);
  expect(outcome).toEqual({ ran: false, fetched: 'refused' });
  await expect
    .poll(() => cspViolations.join('\n'))
    .toMatch(/inline script[\s\S]*connect-src|connect-src[\s\S]*inline script/);
  cspViolations.length = 0; // provoked on purpose
});
