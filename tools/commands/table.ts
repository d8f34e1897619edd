// `yoco table <bundle> --ipc 1,2,5 --methods yoco,random,… --seeds N [--epochs E] [--width W]
// [--into-manifest]`: a YOCO-style accuracy table, mean ± std over seeds per method and IPC_T.
// Every cell (method, IPC_T, seed) is cached under --cache, so a long table resumes where it stopped.
// --per-class adds each row's per-class accuracy (from the cells' confusion matrices); --real adds
// the random-real-images control (tools/lib/real-control.ts).
// Cells train through the engine session (the app's orchestrator), so they are the app's numbers.
import {
  COMMON_FLAGS,
  getBoolean,
  getString,
  parseFolderCommand,
  shellLine,
  UsageError,
  type FlagSpecs,
} from '../lib/args';
import { initNodeBackend } from '../lib/backend-node';
import { runProtocol, TRAIN_FLAGS, trainFlags, type TrainFlags } from '../lib/experiment-flags';
import { meanStd } from '../../src/engine/stats';
import { ROW_FLAGS, rowFlags, type TableRow } from '../lib/table-rows';
import { runStage } from '../builder/cache';
import { jsonCodec } from '../builder/cache-codecs';
import { classCounts, describePerClass, stratifiedQuotas } from '../../src/engine/test-subset';
import { perClassFromIpc } from '../../src/engine/select/ipc';
import { parseSelection } from '../../src/engine/select/selection';
import { describeProtocol, DISTILLATION } from '../../src/engine/config';
import type { LoadedBundle } from '../../src/engine/bundle/read';
import { backendLine, openBundleSession, type BundleSession } from '../lib/session-node';
import {
  referenceTableFor,
  type ReferenceRow,
  type ReferenceTable,
} from '../../src/engine/bundle/manifest';
import { mergeTables, writeTableIntoManifest } from '../lib/table-manifest';
import { openRealControl, REAL_ROW } from '../lib/real-control';
import { formatDuration } from '../lib/progress';
import { formatPerClassTable, perClassRow, type PerClassRow } from '../lib/per-class';
import type { ConfusionMatrix } from '../../src/engine/train/confusion';

export const FLAGS: FlagSpecs = {
  ...ROW_FLAGS,
  ...TRAIN_FLAGS,
  cache: { kind: 'string', description: 'cell cache folder (default .cache/table)' },
  'into-manifest': {
    kind: 'boolean',
    description: "write the table into the bundle's manifest.json (replacing its table)",
  },
  'per-class': {
    kind: 'boolean',
    description: 'also print per-class accuracy (mean over seeds) of every row and IPC_T',
  },
  real: {
    kind: 'string',
    description:
      'also the control row real+random: IPC_T random real training images per class from this dataset folder, same protocol and labels',
  },
  merge: {
    kind: 'boolean',
    description:
      'with --into-manifest: keep the rows this run does not measure (same protocol required)',
  },
  ...COMMON_FLAGS,
};

const SYNOPSIS = '<bundle-folder> --ipc 1,2,5 --methods yoco,random,... [options]';

interface CellResult {
  readonly accuracy: number;
  readonly seconds: number;
  readonly samples: number;
  /** The run's confusion matrix: optional and outside the cache key, so older cells load. */
  readonly confusion?: ConfusionMatrix;
}

/** The control row (--real): random balanced real images, IPC_T per class. */
const REAL_TABLE_ROW: TableRow = {
  token: REAL_ROW,
  label: 'random real images',
  selection: parseSelection('random+balanced'),
};

/** The `full` row: every sample (random, balanced, at IPC_F · f² keeps them all, in index order). */
const FULL = parseSelection('random+balanced');

export async function runTable(argv: string[]): Promise<number> {
  const cmd = parseFolderCommand(argv, FLAGS, 'table', SYNOPSIS);
  if (!cmd) return 0;
  const { args, dir } = cmd;
  const { ipcs, rows, seeds } = rowFlags(args);
  if (ipcs.length === 0 && rows.some((r) => r.selection)) throw new UsageError('missing --ipc');
  const tf = trainFlags(args);
  const opened = await openBundleSession(dir);
  const { bundle } = opened;
  const m = bundle.manifest;
  for (const ipc of ipcs) perClassFromIpc(ipc, m.factor, m.ipc);
  const { backend, threads } = await initNodeBackend(
    tf.backend,
    tf.threads !== undefined ? { threads: tf.threads } : {},
  );
  const cacheDir = getString(args, 'cache', '.cache/table');

  const merge = getBoolean(args, 'merge') === true;
  const into = getBoolean(args, 'into-manifest') === true;
  if (merge && !into) throw new UsageError('--merge only applies with --into-manifest');
  const testTotal = bundle.testLabels.length;
  const testImages = Math.min(tf.testLimit ?? testTotal, testTotal);
  const protocol: Record<string, unknown> = {
    ...describeProtocol(tf),
    testImages,
    ...(testImages < testTotal ? { testSubset: testSubsetNote(bundle, testImages) } : {}),
    seeds,
    backend,
    threads,
    std: 'population standard deviation over seeds',
    ...labelsProtocol(bundle, tf),
    command: `npm run yoco -- table ${shellLine(argv)}`,
  };
  // Check before training that the rows can join the manifest's table (of the same label mode).
  const old = referenceTableFor(m, tf.labels);
  if (merge && old) mergeTables(old, { protocol, rows: [] });

  const realDir = getString(args, 'real');
  const real = realDir === undefined ? undefined : await openRealControl(bundle, realDir);
  const cells: { row: TableRow; ipc: number | null }[] = [];
  const allRows = real ? [...rows, REAL_TABLE_ROW] : rows;
  for (const row of allRows) {
    if (!row.selection) cells.push({ row, ipc: null });
    else for (const ipc of ipcs) cells.push({ row, ipc });
  }
  const total = cells.length * seeds;
  let done = 0;
  const started = Date.now();
  const results: ReferenceRow[] = [];
  const perClass: PerClassRow[] = [];
  for (const { row, ipc } of cells) {
    const runs: number[] = [];
    const confusions: (ConfusionMatrix | undefined)[] = [];
    for (let seed = 0; seed < seeds; seed++) {
      const cell =
        row === REAL_TABLE_ROW
          ? await runCell(real!, row, ipc, seed, tf, cacheDir, real!.digest)
          : await runCell(opened, row, ipc, seed, tf, cacheDir);
      runs.push(cell.accuracy);
      confusions.push(cell.confusion);
      done++;
      const eta = (((Date.now() - started) / done) * (total - done)) / 1000;
      process.stderr.write(
        `[${done}/${total}] ${row.token} IPC_T ${ipc ?? 'full'} seed ${seed}: ${(100 * cell.accuracy).toFixed(2)}%` +
          ` (${cell.samples} samples, ${formatDuration(cell.seconds)}) ETA ${formatDuration(eta)}\n`,
      );
    }
    const { mean, std } = meanStd(runs);
    results.push({ method: row.token, ipc, mean, std, seeds, runs });
    perClass.push(perClassRow(row.token, ipc, confusions));
  }
  const table: ReferenceTable = { protocol, rows: results };
  if (into) await writeTableIntoManifest(dir, table, merge);
  // Per-class figures go to the output only, never into the manifest's table.
  const withPerClass = getBoolean(args, 'per-class') === true;
  if (getBoolean(args, 'json')) {
    const extra = withPerClass ? { perClass: { classes: m.classes, rows: perClass } } : {};
    console.log(JSON.stringify({ ...table, ...extra }));
  } else {
    console.log(formatTable(table, allRows, ipcs));
    if (withPerClass) console.log(`\n${formatPerClassTable(m.classes, perClass)}`);
  }
  return 0;
}

async function runCell(
  { session, bundle }: BundleSession,
  row: TableRow,
  ipc: number | null,
  seed: number,
  tf: TrainFlags,
  cacheDir: string,
  /** The real-image control's digest: its cells are keyed by the real images, not the bundle's. */
  realDigest?: string,
): Promise<CellResult> {
  const m = bundle.manifest;
  const perClass =
    ipc === null ? m.ipc * m.factor * m.factor : perClassFromIpc(ipc, m.factor, m.ipc);
  const inputs = {
    bundle: {
      images: realDigest ?? m.files.images.sha256,
      scores: m.files.scores.sha256,
      test: m.files.testImages.sha256,
    },
    row: row.token,
    perClass,
    seed,
    ...withoutLabels(tf), // epochs, width, depth, batchSize, testLimit, backend
    testLimit: tf.testLimit ?? null,
    // Hard-label cells keep the key they had before there were label modes; a teacher's cells
    // name the teacher.
    ...(tf.labels === 'teacher' ? { labels: 'teacher', teacher: m.files.teacher?.sha256 } : {}),
    // Cells cached before subsets were stratified evaluated the first N images: keep them apart.
    ...(tf.testLimit !== undefined && tf.testLimit < bundle.testLabels.length
      ? { testSubset: 'stratified' }
      : {}),
  };
  const stage = await runStage(
    { cacheDir, log: () => undefined },
    'table-cell',
    inputs,
    async () => {
      const r = await session.train(
        {
          ...(row.selection ?? FULL),
          perClass,
          seed,
          ...runProtocol(tf),
        },
        { onEvent: (e) => e.type === 'backend' && process.stderr.write(backendLine(e)) },
      );
      return {
        accuracy: r.testAccuracy,
        seconds: r.elapsedMs / 1000,
        samples: r.indices.length,
        confusion: r.confusion,
      };
    },
    jsonCodec<CellResult>(),
  );
  return stage.value;
}

function formatTable(table: ReferenceTable, rows: TableRow[], ipcs: number[]): string {
  const cell = (r: ReferenceRow | undefined) =>
    r ? `${(100 * r.mean).toFixed(2)} ± ${(100 * r.std).toFixed(2)}` : '—';
  const labelWidth = Math.max(6, ...rows.map((r) => `${r.token} — ${r.label}`.length));
  const head = ['method'.padEnd(labelWidth), ...ipcs.map((i) => `IPC_T ${i}`.padStart(16))];
  const lines = [head.join(' ')];
  for (const row of rows) {
    const mine = table.rows.filter((r) => r.method === row.token);
    const values = row.selection
      ? ipcs.map((i) => cell(mine.find((r) => r.ipc === i)))
      : [`${cell(mine[0])} (all)`];
    lines.push(
      [`${row.token} — ${row.label}`.padEnd(labelWidth), ...values.map((v) => v.padStart(16))].join(
        ' ',
      ),
    );
  }
  const p = table.protocol;
  const subset = p.testSubset !== undefined ? `, ${String(p.testSubset)}` : '';
  lines.push(
    '',
    `accuracy % on ${p.testImages} test images${subset}, mean ± std over ${p.seeds} seeds; ` +
      `${p.model} width ${p.width}, ${p.epochs} epochs, batch ${p.batchSize}, ${p.backend}`,
  );
  return lines.join('\n');
}

/** The protocol's words for a stratified test subset of `count` images (test-subset.ts). */
function testSubsetNote(bundle: LoadedBundle, count: number): string {
  const counts = classCounts(bundle.testLabels, bundle.manifest.classes.length);
  const perClass = describePerClass(stratifiedQuotas(counts, count));
  return (
    `stratified by class: ${perClass}, of ${bundle.testLabels.length} ` +
    "(largest-remainder quotas, each class's first images in stored order)"
  );
}

function withoutLabels(tf: TrainFlags): Omit<TrainFlags, 'labels'> {
  const { labels: _labels, ...rest } = tf;
  return rest;
}

/** The protocol's label mode and, with a teacher, how it labels and which teacher it is. */
function labelsProtocol(bundle: LoadedBundle, tf: TrainFlags): Record<string, unknown> {
  if (tf.labels !== 'teacher') return { labels: 'hard' };
  const t = bundle.teacher;
  if (!t) throw new UsageError(`--labels teacher: bundle "${bundle.manifest.id}" has no teacher`);
  return {
    labels: 'teacher',
    distillation: `the teacher labels every augmented, CutMix-ed batch; loss T²·KL at T ${DISTILLATION.temperature}`,
    teacher: `ConvNet-D${t.info.depth} width ${t.info.width}, ${(100 * t.info.testAccuracy).toFixed(2)}% on ${t.info.testImages} test images (teacher.bin ${bundle.manifest.files.teacher!.sha256.slice(0, 12)})`,
  };
}
