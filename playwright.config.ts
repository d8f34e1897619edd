// Playwright browser tests: Debian Chromium (/usr/bin/chromium) with WebGPU through SwiftShader,
// against a production build served by `vite preview` (COOP/COEP headers on) from 127.0.0.1.
// The served public folder holds generated tiny bundles (e2e/make-public.ts) and any shipped one.
import { defineConfig } from '@playwright/test';
import { E2E_BUILD_DIR as OUT_DIR } from './e2e/build-dir';
import { chromiumLaunchOptions } from './e2e/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4317);
const PUBLIC_DIR = process.env.YOCO_PUBLIC_DIR ?? '/tmp/yoco-e2e-public';

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
