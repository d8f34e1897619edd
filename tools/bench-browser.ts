// Browser benchmark (`npm run bench:browser`): builds the app, serves it with `vite preview` on
// 127.0.0.1, and drives Debian Chromium through the real UI on each backend (WebGPU through
// SwiftShader here, wasm): releases the IPC slider and measures the time until the first epoch's
// result (its test accuracy) appears, and the training samples/s the app reports; and the run's
// estimate made before it started (design.md §8) against the time it took in the engine. Backend
// `auto` opens the app without one (the measured choice). Prints one JSON object per backend with
// --json, else a table, each run beside its compute floor (bench/compute-floor.ts: the protocol's
// convolution work at this core's best SIMD peak, measured in this process, on every core).
// Figures, not assertions: speed is this machine's.
import type { Page } from '@playwright/test';
import { availableParallelism } from 'node:os';
import './lib/backend-node'; // turns on relaxed SIMD in this process where Node needs the flag
import { measureSimdPeak } from '../src/engine/tf/peak';
import type { ImageShape } from '../src/engine/types';
import { computeFloor, type Floor, type RunWork } from './bench/compute-floor';
import * as cli from './lib/args';
import { browserToolFlags, runBrowserTool, startPreview } from './lib/preview';
import { requiredNumber, settingFlags, settingNumber, settingValue } from './lib/setting-flags';
import { DEFAULT_SETTINGS } from '../src/engine/settings/schema';

/** A short run's size and protocol (the settings table's flags, with this tool's defaults). */
const RUN = { perClass: 4, epochs: 2, testLimit: 200 } as const;

const FLAGS: cli.FlagSpecs = {
  backends: {
    kind: 'list',
    description: 'backends to measure, or auto for the measured choice (default webgpu,wasm)',
  },
  bundle: {
    kind: 'string',
    description: 'bundle id in public/datasets (default fashion-mnist-ipc10)',
  },
  ...settingFlags(['width', 'perClass', 'epochs', 'testLimit', 'labels', 'seed'], {
    perClass: {
      description: `samples per class to train on (default ${RUN.perClass}; with --app-defaults, the slider’s default)`,
    },
    epochs: { default: RUN.epochs },
    testLimit: { default: RUN.testLimit, description: 'test images evaluated' },
  }),
  'app-defaults': {
    kind: 'boolean',
    description:
      "instead: the app's own default run (its default bundle, slider and settings; Train clicked)",
  },
  ...browserToolFlags(4319),
};

interface Measurement {
  readonly requested: string;
  readonly backend: string;
  readonly width: number;
  readonly samples: number;
  readonly epochs: number;
  readonly releaseToFirstEpochMs: number;
  readonly totalMs: number;
  readonly samplesPerSec: number;
  readonly testAccuracy: string;
  /** The estimate shown before the run, and the run's time in the engine (ms). */
  readonly estimatedMs: number | null;
  readonly runMs: number;
  /** The run's work, read from the app's store after it finished. */
  readonly work: RunWork;
  readonly floor?: Floor;
}

interface MeasureOptions {
  bundle: string;
  width: number;
  n: number;
  epochs: number;
  testLimit: number;
  /** Hard labels or the bundle's teacher's (compare a run with the CLI's table at the same settings). */
  labels: string;
  seed: number;
  appDefaults: boolean;
  /** Samples per class for --app-defaults (null: the slider's default). */
  appN: number | null;
}

/** Opens the app and starts a run; returns when the run was asked for (Date.now()). */
async function startRun(
  page: Page,
  base: string,
  backend: string,
  o: MeasureOptions,
): Promise<number> {
  if (o.appDefaults) {
    // What a user gets: nothing set but the backend (none for auto) and the size, then Train.
    const params = new URLSearchParams(backend === 'auto' ? {} : { backend });
    if (o.appN !== null) params.set('n', String(o.appN));
    await page.goto(`${base}?${params}`);
    await page.getByTestId('gallery').waitFor({ state: 'visible', timeout: 120_000 });
    const t0 = Date.now();
    await page.getByTestId('train-button').click();
    return t0;
  }
  const start = o.n > 1 ? 1 : 2;
  const params = new URLSearchParams({
    bundle: o.bundle,
    backend,
    width: String(o.width),
    epochs: String(o.epochs),
    testLimit: String(o.testLimit),
    labels: o.labels,
    seed: String(o.seed),
    autotrain: '1',
    n: String(start),
  });
  await page.goto(`${base}?${params}`);
  await page.getByTestId('gallery').waitFor({ state: 'visible', timeout: 120_000 });
  const t0 = Date.now();
  await page.getByTestId('ipc-slider').fill(String(o.n)); // release the slider at n
  return t0;
}

async function measure(
  page: Page,
  base: string,
  requested: string,
  o: MeasureOptions,
): Promise<Measurement> {
  const t0 = await startRun(page, base, requested, o);
  await page.waitForFunction(
    () => /%$/.test(document.querySelector('[data-testid="test-accuracy"]')?.textContent ?? ''),
    null,
    { timeout: 1_800_000, polling: 100 },
  );
  const t1 = Date.now();
  await page
    .getByTestId('run-status')
    .filter({ hasText: 'Finished' })
    .waitFor({ timeout: 1_800_000 });
  const t2 = Date.now();
  const progress = (await page.getByTestId('run-meta').textContent()) ?? '';
  // The attribute, not the text: the text also says wasm's thread count.
  const badge = (await page.getByTestId('backend-badge').getAttribute('data-backend')) ?? '';
  const rate = /([\d.]+)\s*samples\/s/.exec(progress);
  const run = await page.evaluate(() => {
    type Run = {
      estimatedMs: number | null;
      params: { width: number; depth: number; epochs: number } | null;
      reports: { testAccuracy?: number }[];
      result: {
        elapsedMs: number;
        indices: ArrayLike<number>;
        epochTestCount: number;
        testCount: number;
      } | null;
    };
    type View = { manifest: { imageShape: number[]; classes: string[] } };
    const store = (window as unknown as { __yoco: { getState(): { run: Run; view: View } } })
      .__yoco;
    const { run: r, view } = store.getState();
    const res = r.result!;
    const curvePoints = r.reports.filter((p) => p.testAccuracy !== undefined).length;
    const separateFinal = res.epochTestCount < res.testCount;
    return {
      estimatedMs: r.estimatedMs,
      runMs: res.elapsedMs,
      work: {
        inputShape: view.manifest.imageShape,
        numClasses: view.manifest.classes.length,
        width: r.params!.width,
        depth: r.params!.depth,
        sampleSteps: res.indices.length * r.params!.epochs,
        testForwards: curvePoints * res.epochTestCount + (separateFinal ? res.testCount : 0),
      },
    };
  });
  return {
    requested,
    backend: badge.trim(),
    width: o.appDefaults ? DEFAULT_SETTINGS.width : o.width,
    samples: await page.locator('[data-sample][data-kept="1"]').count(),
    epochs: o.appDefaults ? DEFAULT_SETTINGS.epochs : o.epochs,
    releaseToFirstEpochMs: t1 - t0,
    totalMs: t2 - t0,
    samplesPerSec: rate ? Number(rate[1]) : NaN,
    testAccuracy: ((await page.getByTestId('test-accuracy').textContent()) ?? '').trim(),
    ...run,
    work: { ...run.work, inputShape: run.work.inputShape as unknown as ImageShape },
  };
}

async function main(argv: string[]): Promise<number> {
  const args = cli.parseArgs(argv, FLAGS);
  if (cli.getBoolean(args, 'help')) {
    console.log(
      'usage: npm run bench:browser -- [--backends webgpu,wasm] [--width 128] [--n 4] [--epochs 2] [--app-defaults] [--json]',
    );
    return 0;
  }
  const o = {
    bundle: cli.getString(args, 'bundle', 'fashion-mnist-ipc10'),
    width: requiredNumber(args, 'width'),
    n: requiredNumber(args, 'perClass', RUN.perClass),
    epochs: requiredNumber(args, 'epochs', RUN.epochs),
    testLimit: requiredNumber(args, 'testLimit', RUN.testLimit),
    labels: String(settingValue(args, 'labels') ?? 'hard'),
    seed: requiredNumber(args, 'seed'),
    appDefaults: cli.getBoolean(args, 'app-defaults') === true,
    appN: settingNumber(args, 'perClass') ?? null,
  };
  // This core's best SIMD peak (fused where relaxed SIMD validates), before the browser loads it.
  const peak = measureSimdPeak();
  const peakGflops = peak.fma ?? peak.mulAdd;
  const cores = availableParallelism();
  process.stderr.write(
    `SIMD peak on one core: ${peak.mulAdd.toFixed(1)} GFLOP/s mul+add, ${peak.fma === null ? 'no relaxed SIMD' : `${peak.fma.toFixed(1)} fused`}; ${cores} cores\n`,
  );
  const port = cli.getNumber(args, 'port', 4319);
  const preview = await startPreview('yoco-bench-dist', port);
  const { base, browser } = preview;
  try {
    const results: Measurement[] = [];
    for (const backend of cli.getList(args, 'backends') ?? ['webgpu', 'wasm']) {
      const page = await browser.newPage();
      process.stderr.write(
        o.appDefaults
          ? `measuring ${backend}: the app's default run\n`
          : `measuring ${backend} (width ${o.width}, ${o.n} per class, ${o.epochs} epochs)\n`,
      );
      const measured = await measure(page, base, backend, o);
      const m = { ...measured, floor: computeFloor(measured.work, peakGflops, cores) };
      await page.close();
      results.push(m);
      if (cli.getBoolean(args, 'json')) console.log(JSON.stringify(m));
      else {
        console.log(
          `${m.requested.padEnd(7)} ran on ${m.backend.padEnd(8)} ${m.samplesPerSec.toFixed(1).padStart(7)} samples/s  ` +
            `release→first epoch ${(m.releaseToFirstEpochMs / 1000).toFixed(1)} s  total ${(m.totalMs / 1000).toFixed(1)} s  ` +
            `(${m.samples} samples, width ${m.width}, ${o.labels} labels, test ${m.testAccuracy})  ` +
            `estimate ${m.estimatedMs === null ? '–' : (m.estimatedMs / 1000).toFixed(1)} s, run ${(m.runMs / 1000).toFixed(1)} s  ` +
            `floor ${m.floor.seconds.toFixed(1)} s (${m.floor.teraflops.toFixed(2)} TFLOP at ${peakGflops.toFixed(1)} GFLOP/s × ${cores}): run = ${(m.runMs / 1000 / m.floor.seconds).toFixed(2)}× floor`,
        );
      }
    }
    return 0;
  } finally {
    await preview.stop();
  }
}

runBrowserTool(main);
