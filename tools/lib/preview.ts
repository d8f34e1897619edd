// A production build of the app served by `vite preview` on 127.0.0.1 (COOP/COEP headers on, so
// wasm runs threaded), with Debian Chromium attached: what the browser benchmark and the
// browser-vs-CLI scoring comparison drive. Stopping it kills the server's whole process group.
import { chromium, type Browser } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { errorMessage } from '../../src/engine/errors';
import { intFlag, type FlagSpecs } from './args';

export interface Preview {
  /** The app's address, ending in `/`. */
  readonly base: string;
  readonly browser: Browser;
  stop(): Promise<void>;
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`preview server at ${url} did not start within ${ms / 1000} s`);
}

/** Builds the app into a temporary folder named `name`, serves it on `port`, launches Chromium. */
export async function startPreview(name: string, port: number): Promise<Preview> {
  const outDir = join(tmpdir(), name);
  process.stderr.write(`building the app into ${outDir}\n`);
  execFileSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'],
    { stdio: 'ignore', detached: true },
  );
  const base = `http://127.0.0.1:${port}/`;
  const stopServer = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  let browser: Browser;
  try {
    await waitForServer(base, 60_000);
    browser = await chromium.launch(chromiumLaunchOptions());
  } catch (err) {
    stopServer();
    throw err;
  }
  return {
    base,
    browser,
    async stop() {
      await browser.close();
      stopServer();
    },
  };
}

/** The flags every browser tool takes besides its own. */
export function browserToolFlags(defaultPort: number): FlagSpecs {
  return {
    port: intFlag(1024, 65535, `preview port (default ${defaultPort})`),
    json: { kind: 'boolean', description: 'one JSON object per backend' },
    help: { kind: 'boolean', description: 'show this help' },
  };
}

/** Runs a browser tool's `main` on the command line's arguments; an error is one line, exit 1. */
export function runBrowserTool(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(errorMessage(err));
      process.exit(1);
    },
  );
}
