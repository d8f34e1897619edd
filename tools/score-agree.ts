// Browser vs CLI scoring (`npm run score:agree -- FILE --test <dataset> --bundle <id>`): scores one
// condensed-set file with `yoco import` in Node (wasm), then in Debian Chromium through the app's
// "Open a condensed set…" on each backend asked for (same E, K, R, width and seed 0), and prints,
// per backend, the wall time of each side, the Spearman correlation and largest difference of every
// score, and whether YOCO's IPC_T 1 selection is the same. Figures, not assertions (docs/cli.md; design.md §9).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  getBoolean,
  getList,
  getNumber,
  getString,
  intFlag,
  parseArgs,
  UsageError,
  type FlagSpecs,
} from './lib/args';
import type { Page } from '@playwright/test';
import { browserToolFlags, runBrowserTool, startPreview } from './lib/preview';
import { readBundleDir } from './lib/bundle-fs';
import { MAX_WASM_THREADS } from './lib/wasm-node';
import { checkScoreFlags } from './commands/build-flags';
import { cachedScores, dropFile, setImportFields, type ImportFields } from '../e2e/import-helpers';
import { PAPER_SCORING } from '../src/engine/scores/score-set';
import { spearman } from '../src/engine/scores/spearman';
import { selectIndices } from '../src/engine/select/methods';
import { parseSelection } from '../src/engine/select/selection';
import { sampleLabels } from '../src/engine/decode';
import { SCORE_NAMES, type ScoreName } from '../src/engine/types';

const FLAGS: FlagSpecs = {
  test: { kind: 'string', description: 'dataset folder with the real test set, for `yoco import`' },
  bundle: {
    kind: 'string',
    description: 'shipped bundle the app opens first (its test set pairs)',
  },
  backends: { kind: 'list', description: 'browser backends (default wasm)' },
  // As `yoco import` bounds them (build-flags.ts), which the CLI side runs.
  'score-epochs': intFlag(1, 10_000, `E (default ${PAPER_SCORING.scoreEpochs})`),
  'top-k': intFlag(1, 10_000, `K (default ${PAPER_SCORING.topK})`),
  runs: intFlag(1, 100, `R (default ${PAPER_SCORING.runs})`),
  'score-width': intFlag(1, 1024, `width (default ${PAPER_SCORING.scoreWidth})`),
  threads: intFlag(1, MAX_WASM_THREADS, 'wasm threads of the CLI side (default 1)'),
  ...browserToolFlags(4321),
};

type Scores = Record<ScoreName, ArrayLike<number>>;

/** Runs `yoco import` in a child process (what a user runs) and returns its bundle and wall time. */
function cliImport(file: string, test: string, f: ImportFields, threads: number, out: string) {
  const args = [
    'tsx',
    'tools/yoco.ts',
    'import',
    file,
    '--test',
    test,
    '--out',
    join(out, 'bundle'),
    '--cache',
    join(out, 'cache'),
    '--score-epochs',
    String(f.epochs),
    '--top-k',
    String(f.topK),
    '--runs',
    String(f.runs),
    '--score-width',
    String(f.width),
    '--threads',
    String(threads),
    '--seed',
    String(PAPER_SCORING.seed),
  ];
  process.stderr.write(`CLI: npx ${args.join(' ')}\n`);
  const t0 = Date.now();
  const r = spawnSync('npx', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`yoco import failed with status ${r.status}`);
  return { ms: Date.now() - t0, dir: join(out, 'bundle') };
}

/** Waits for the app to finish scoring; throws its error message, and logs progress meanwhile. */
async function untilScored(page: Page): Promise<void> {
  const done = page.getByTestId('import-done').filter({ hasText: 'scored on this device' });
  const error = page.getByTestId('import-error');
  for (;;) {
    if (await done.count()) return;
    if (await error.count()) throw new Error(`the app refused: ${await error.textContent()}`);
    const progress = page.getByTestId('import-progress');
    if (await progress.count()) process.stderr.write(`  ${await progress.innerText()}\n`);
    await page.waitForTimeout(15_000);
  }
}

function compare(cli: Scores, app: Scores, labels: Int32Array, classes: number) {
  const perScore = Object.fromEntries(
    SCORE_NAMES.map((name) => {
      const a = Array.from(cli[name]);
      const b = Array.from(app[name]);
      const maxDiff = Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
      return [name, { spearman: spearman(a, b), maxAbsDiff: maxDiff, identical: maxDiff === 0 }];
    }),
  );
  const yoco = { ...parseSelection('yoco'), perClass: 1 };
  const pick = (s: Scores) =>
    Array.from(
      selectIndices(yoco, {
        scores: s as Record<ScoreName, Float64Array>,
        labels,
        numClasses: classes,
      }),
    );
  const a = pick(cli);
  const b = new Set(pick(app));
  return {
    perScore,
    yocoIpc1Same: a.length === b.size && a.every((i) => b.has(i)),
    yocoIpc1Shared: a.filter((i) => b.has(i)).length,
    yocoIpc1Size: a.length,
  };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (getBoolean(args, 'help')) {
    console.log(
      'usage: npm run score:agree -- FILE --test <dataset-folder> --bundle <id> [--backends wasm,webgpu] [--score-epochs E --top-k K --runs R --score-width W] [--json]',
    );
    return 0;
  }
  const file = args.positional[0];
  if (!file) throw new UsageError('missing the condensed-set FILE');
  const test = getString(args, 'test', '');
  const bundle = getString(args, 'bundle', '');
  if (!test || !bundle) throw new UsageError('--test and --bundle are required');
  const fields: ImportFields = {
    epochs: getNumber(args, 'score-epochs', PAPER_SCORING.scoreEpochs),
    topK: getNumber(args, 'top-k', PAPER_SCORING.topK),
    runs: getNumber(args, 'runs', PAPER_SCORING.runs),
    width: getNumber(args, 'score-width', PAPER_SCORING.scoreWidth),
  };
  // What `yoco import` would refuse, refused here before the app is built: the CLI side passes no
  // --score-schedule, so the paper's schedule applies.
  checkScoreFlags({
    topK: fields.topK,
    scoreEpochs: fields.epochs,
    scoreScheduleEpochs: PAPER_SCORING.scoreScheduleEpochs,
  });
  const threads = getNumber(args, 'threads', 1);
  const port = getNumber(args, 'port', 4321);
  const out = mkdtempSync(join(tmpdir(), 'yoco-agree-'));
  try {
    const cli = cliImport(file, test, fields, threads, out);
    const loaded = await readBundleDir(cli.dir);
    const m = loaded.manifest;
    const labels = sampleLabels(loaded.labels, m.factor);
    const bytes = new Uint8Array(readFileSync(file));
    const preview = await startPreview('yoco-agree-dist', port);
    try {
      for (const backend of getList(args, 'backends') ?? ['wasm']) {
        const page = await preview.browser.newPage(); // a fresh context: an empty IndexedDB
        await page.goto(
          `${preview.base}?${new URLSearchParams({ bundle, backend, autotrain: '0' })}`,
        );
        await page.getByTestId('gallery').waitFor({ state: 'visible', timeout: 300_000 });
        await setImportFields(page, fields);
        process.stderr.write(`browser (${backend}): scoring ${basename(file)}\n`);
        const t0 = Date.now();
        await dropFile(page, basename(file), bytes);
        await untilScored(page);
        const browserMs = Date.now() - t0;
        const ran = (await page.getByTestId('backend-badge').getAttribute('data-backend')) ?? '';
        const appScores = await cachedScores(page);
        await page.close();
        const c = compare(loaded.scores, appScores, labels, m.classes.length);
        const result = {
          file: basename(file),
          samples: labels.length,
          ...fields,
          seed: PAPER_SCORING.seed,
          cli: { backend: 'wasm', threads, seconds: cli.ms / 1000 },
          browser: { requested: backend, ran, seconds: browserMs / 1000 },
          ...c,
        };
        if (getBoolean(args, 'json')) console.log(JSON.stringify(result));
        else {
          console.log(
            `${basename(file)} (${labels.length} samples), E ${fields.epochs} K ${fields.topK} R ${fields.runs} width ${fields.width}, seed ${PAPER_SCORING.seed}`,
          );
          console.log(
            `  CLI wasm (${threads} thread${threads > 1 ? 's' : ''}): ${(cli.ms / 1000).toFixed(1)} s; browser ${ran}: ${(browserMs / 1000).toFixed(1)} s`,
          );
          for (const [name, s] of Object.entries(c.perScore)) {
            console.log(
              `  ${name.padEnd(10)} Spearman ${s.spearman.toFixed(6)}  max |diff| ${s.maxAbsDiff.toExponential(2)}${s.identical ? '  (identical)' : ''}`,
            );
          }
          console.log(
            `  YOCO IPC_T 1 selection: ${c.yocoIpc1Same ? 'the same' : 'different'} (${c.yocoIpc1Shared} of ${c.yocoIpc1Size} shared)`,
          );
        }
      }
    } finally {
      await preview.stop();
    }
    return 0;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

runBrowserTool(main);
