// Playwright browser tests: Debian Chromium (/usr/bin/chromium) with WebGPU through SwiftShader,
// against a production build served by `vite preview` (COOP/COEP headers on) from 127.0.0.1.
// The served public folder holds generated tiny bundles (e2e/make-public.ts) and any shipped one.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4317);
const PUBLIC_DIR = process.env.YOCO_PUBLIC_DIR ?? '/tmp/yoco-e2e-public';
// The test build goes outside the repository so linters and watchers never see it.
const OUT_DIR = join(tmpdir(), 'yoco-e2e-dist');

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  timeout: 240_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: {
    command: `npx tsx e2e/make-public.ts && npx vite build --outDir ${OUT_DIR} --emptyOutDir && npx vite preview --outDir ${OUT_DIR} --port ${PORT} --strictPort`,
    env: { YOCO_PUBLIC_DIR: PUBLIC_DIR },
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: 'pipe',
  },
});
