// Screenshots of the app as a user sees it (`npx tsx tools/screenshots.ts --out DIR`): builds the
// app with the shipped bundles, serves it with `vite preview` on 127.0.0.1 and, in Debian
// Chromium, trains a short real run on the shipped bundle, then saves laptop (1280×800) and phone
// (390 px) pictures, the whole page and the first screen, plus the provenance panel. For the
// pictures in docs/app.md and for looking at a change; nothing is asserted.
import { chromium, type Page } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { errorMessage } from '../src/engine/errors';
import { getNumber, getString, intFlag, parseArgs, realFlag, type FlagSpecs } from './lib/args';

const FLAGS: FlagSpecs = {
  out: { kind: 'string', description: 'folder for the PNG files (default e2e-artifacts/screens)' },
  bundle: { kind: 'string', description: 'bundle id (default: the index.json default)' },
  backend: { kind: 'string', description: 'backend of the run (default wasm)' },
  epochs: intFlag(1, 100_000, 'epochs of the run (default 20)'),
  ipc: realFlag(0, 10_000, 'IPC of the run (default 1)', true),
  port: intFlag(1024, 65535, 'preview port (default 4320)'),
};

/** The bundle the app opens first: `default` in public/datasets/index.json. */
function defaultBundle(): string {
  const index = JSON.parse(readFileSync('public/datasets/index.json', 'utf8')) as {
    default?: string;
  };
  if (!index.default) throw new Error('public/datasets/index.json names no default bundle');
  return index.default;
}

async function waitForServer(url: string, ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`preview server at ${url} did not start within ${ms / 1000} s`);
}

/** Opens `url`, trains to the end and saves `<name>-page.png`, `<name>-screen.png`. */
async function capture(page: Page, url: string, out: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('gallery').waitFor({ state: 'visible', timeout: 120_000 });
  await page.getByTestId('train-button').click();
  const finished = page.getByTestId('run-status').filter({ hasText: 'Finished' });
  await finished.waitFor({ timeout: 1_800_000 });
  await page.getByText('Reference accuracies').click();
  // Cards far below the fold use `content-visibility: auto` and lay out only when scrolled near,
  // and their charts then measure their width: scroll through the page as a reader would, then
  // keep every card rendered for the full-page picture.
  const { innerHeight, scrollHeight } = await page.evaluate(() => ({
    innerHeight: window.innerHeight,
    scrollHeight: document.documentElement.scrollHeight,
  }));
  for (let y = 0; y < scrollHeight; y += innerHeight / 2) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(150);
  }
  // Through the CSSOM: the page's Content-Security-Policy (style-src 'self') refuses a <style> tag.
  await page.evaluate(() => {
    document
      .querySelectorAll<HTMLElement>('.card')
      .forEach((card) => card.style.setProperty('content-visibility', 'visible', 'important'));
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, `${name}-page.png`), fullPage: true });
  await page.screenshot({ path: join(out, `${name}-screen.png`) });
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, FLAGS);
  const out = getString(args, 'out', 'e2e-artifacts/screens');
  const port = getNumber(args, 'port', 4320);
  const params = new URLSearchParams({
    bundle: getString(args, 'bundle', defaultBundle()),
    backend: getString(args, 'backend', 'wasm'),
    epochs: String(getNumber(args, 'epochs', 20)),
    ipc: String(getNumber(args, 'ipc', 1)),
    autotrain: '0',
  });
  mkdirSync(out, { recursive: true });
  const dist = join(tmpdir(), 'yoco-screens-dist');
  execFileSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, YOCO_PUBLIC_DIR: 'public' },
  });
  const preview = ['vite', 'preview', '--outDir', dist, '--port', String(port), '--strictPort'];
  const server = spawn('npx', preview, { stdio: 'ignore', detached: true });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const base = `http://127.0.0.1:${port}/`;
    await waitForServer(base, 60_000);
    const laptop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await capture(laptop, `${base}?${params}`, out, 'laptop');
    await laptop.getByTestId('provenance').screenshot({ path: join(out, 'provenance.png') });
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await capture(phone, `${base}?${params}`, out, 'phone');
    console.log(
      `screenshots in ${out}: laptop-page, laptop-screen, provenance, phone-page, phone-screen`,
    );
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(errorMessage(err));
  process.exit(1);
});
