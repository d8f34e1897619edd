// Vite (dev server, preview, build) and Vitest configuration.
// The cross-origin-isolation headers let the wasm backend use SharedArrayBuffer threads; where a
// static host cannot send them, the build's service worker adds them (src/serving/coi-sw-plugin.ts).
// The built app carries its Content-Security-Policy (src/serving/csp.ts: a <meta> tag in index.html,
// and headers in `vite preview`). `--mode lan` previews over HTTPS on every interface, for phones
// (src/serving/lan.ts, `npm run serve:lan`). The project's notes the page links to are served beside
// it (src/serving/docs-plugin.ts). Local imports name their .ts file, as Node's own loader of this
// config (Vite's `configLoader: 'native'`) needs.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { coiServiceWorker } from './src/serving/coi-sw-plugin.ts';
import { contentSecurityPolicy } from './src/serving/csp.ts';
import { linkedDocs } from './src/serving/docs-plugin.ts';
import { ISOLATION_HEADERS as isolationHeaders } from './src/serving/isolation.ts';
import { LAN_MODE, lanPlugins } from './src/serving/lan.ts';

export default defineConfig(({ mode }) => ({
  plugins: [
    react(),
    contentSecurityPolicy(),
    coiServiceWorker(),
    linkedDocs(),
    ...(mode === LAN_MODE ? lanPlugins() : []),
  ],
  // End-to-end tests serve generated bundles from a temporary folder (see e2e/make-public.ts).
  publicDir: process.env.YOCO_PUBLIC_DIR ?? 'public',
  server: {
    headers: isolationHeaders,
    host: '127.0.0.1',
    watch: {
      ignored: [
        '**/.cache/**',
        '**/e2e-artifacts/**',
        '**/test-results/**',
        '**/playwright-report/**',
      ],
    },
  },
  preview: { headers: isolationHeaders, host: mode === LAN_MODE ? '0.0.0.0' : '127.0.0.1' },
  worker: {
    format: 'es',
    // The threaded wasm backend rebuilds its pthread script from the factory's source text
    // (Function.toString), so the worker bundle keeps names and expressions (whitespace only).
    rolldownOptions: { output: { minify: { mangle: false, compress: false } } },
  },
  // Pre-bundle everything the worker loads lazily (backends, gradients) at start-up: a dependency
  // found later would make the dev server re-optimise and answer the running worker with 504s.
  optimizeDeps: {
    entries: ['index.html', 'src/workers/engine.worker.ts'],
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-core/dist/register_all_gradients',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
      'comlink',
    ],
  },
  test: {
    environment: 'node',
    include: [
      'src/**/*.test.ts',
      'tools/**/*.test.ts',
      'app/**/*.test.ts',
      'test-support/**/*.test.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
}));
