// `yoco diagnose <bundle> --ipc 1,2 --methods yoco,random+balanced,… [--seeds N] [--json]`: why a
// selection rule trains better or worse on a bundle, without training. Prints how the scores relate
// (Spearman of LBPE against the other scores, and between scoring runs as the builder recorded it)
// and, per row and IPC_T, the geometry of the kept samples in the bundle's feature space (spread,
// class coverage, LBPE percentile) beside the row's accuracy in the bundle's reference table.
// --sheet writes a contact sheet of each class's easiest and hardest samples by LBPE.
import { writeFile } from 'node:fs/promises';
import {
  COMMON_FLAGS,
  getBoolean,
  getString,
  parseFolderCommand,
  UsageError,
  type FlagSpecs,
} from '../lib/args';
import { openBundleSession } from '../lib/session-node';
import { ROW_FLAGS, rowFlags } from '../lib/table-rows';
import { subsetGeometry } from '../lib/geometry';
import { averageRanks, spearman } from '../../src/engine/scores/spearman';
import { contactSheet } from '../lib/contact-sheet';
import { decodeSamples, sampleLabels } from '../../src/engine/decode';
import { perClassFromIpc } from '../../src/engine/select/ipc';
import { ConfigError } from '../../src/engine/errors';
import { SCORE_NAMES } from '../../src/engine/types';

export const FLAGS: FlagSpecs = {
  ...ROW_FLAGS,
  sheet: {
    kind: 'string',
    description:
      'write a PNG: per class, the 8 lowest-LBPE samples (left) and the 8 highest (right)',
  },
  ...COMMON_FLAGS,
};

const SYNOPSIS = '<bundle-folder> --ipc 1,2 --methods yoco,random+balanced,... [options]';
const ROWS = ['yoco', 'random+balanced', 'lbpe+hard+balanced', 'kmeans'];

export interface DiagnoseRow {
  readonly method: string;
  readonly ipc: number;
  readonly spread: number;
  readonly coverage: number;
  /** Mean within-class LBPE percentile of the kept samples (0 = easiest, 100 = hardest). */
  readonly lbpePercentile: number;
  readonly emptyClasses: number;
  /** Accuracy from the bundle's reference table, when it has this row. */
  readonly accuracy?: number;
}

export async function runDiagnose(argv: string[]): Promise<number> {
  const cmd = parseFolderCommand(argv, FLAGS, 'diagnose', SYNOPSIS);
  if (!cmd) return 0;
  const { args, dir } = cmd;
  const { ipcs, rows, seeds } = rowFlags(args, { ipc: [1], methods: ROWS });
  if (rows.some((r) => !r.selection))
    throw new UsageError('"full" keeps everything; diagnose compares subsets');
  const { session, bundle } = await openBundleSession(dir);
  const m = bundle.manifest;
  if (!bundle.features) {
    throw new ConfigError(
      `bundle ${m.id} ships no features payload; diagnose needs penultimate features`,
    );
  }
  const labels = sampleLabels(bundle.labels, m.factor);
  const K = m.classes.length;
  const { values: features, dim } = bundle.features;

  // Within-class LBPE percentile of every sample (0 = easiest of its class).
  const percentile = new Float64Array(labels.length);
  for (let c = 0; c < K; c++) {
    const members = Array.from(labels.keys()).filter((i) => labels[i] === c);
    const ranks = averageRanks(members.map((i) => bundle.scores.lbpe[i]!));
    members.forEach(
      (i, k) =>
        (percentile[i] = members.length > 1 ? (100 * ranks[k]!) / (members.length - 1) : 50),
    );
  }
  const correlations = Object.fromEntries(
    SCORE_NAMES.filter((s) => s !== 'lbpe').map((s) => [
      s,
      round(spearman(bundle.scores.lbpe, bundle.scores[s])),
    ]),
  );
  const runAgreement = (m.scoring.params as Record<string, unknown>).runSpearman ?? null;

  const out: DiagnoseRow[] = [];
  for (const row of rows) {
    for (const ipc of ipcs) {
      const perClass = perClassFromIpc(ipc, m.factor, m.ipc);
      let spread = 0;
      let coverage = 0;
      let pct = 0;
      let empty = 0;
      for (let seed = 0; seed < seeds; seed++) {
        const kept = await session.select({ ...row.selection!, perClass, seed });
        const g = subsetGeometry(features, dim, labels, K, kept);
        spread += g.spread / seeds;
        coverage += g.coverage / seeds;
        empty += g.emptyClasses / seeds;
        pct += kept.reduce((s, i) => s + percentile[i]!, 0) / kept.length / seeds;
      }
      const ref = m.referenceTable?.rows.find((r) => r.method === row.token && r.ipc === ipc);
      out.push({
        method: row.token,
        ipc,
        spread: round(spread),
        coverage: round(coverage),
        lbpePercentile: Math.round(pct * 10) / 10,
        emptyClasses: empty,
        ...(ref ? { accuracy: ref.mean } : {}),
      });
    }
  }
  const sheet = getString(args, 'sheet');
  if (sheet) {
    const samples = decodeSamples(bundle.images, m.imageShape, bundle.labels.length, m.factor);
    await writeFile(
      sheet,
      contactSheet({
        samples,
        shape: m.imageShape,
        labels,
        numClasses: K,
        scores: bundle.scores.lbpe,
        show: 8,
      }),
    );
  }
  const report = {
    bundle: m.id,
    samples: labels.length,
    featureDim: dim,
    lbpeSpearman: correlations,
    runAgreement,
    rows: out,
  };
  if (getBoolean(args, 'json')) {
    console.log(JSON.stringify(report));
    return 0;
  }
  console.log(
    `${m.id}: ${labels.length} samples, features ${dim}-d (${m.features?.model ?? 'model unknown'})`,
  );
  console.log(
    `LBPE vs other scores (Spearman, all samples): ${Object.entries(correlations)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  if (runAgreement)
    console.log(
      `agreement between scoring runs (Spearman per pair): ${JSON.stringify(runAgreement)}`,
    );
  console.log('');
  console.log(
    `${'row'.padEnd(22)} ${'IPC_T'.padStart(5)} ${'spread'.padStart(7)} ${'coverage'.padStart(9)} ${'LBPE pct'.padStart(9)} ${'empty'.padStart(6)} ${'accuracy'.padStart(9)}`,
  );
  for (const r of out) {
    console.log(
      `${r.method.padEnd(22)} ${String(r.ipc).padStart(5)} ${r.spread.toFixed(3).padStart(7)} ${r.coverage.toFixed(3).padStart(9)} ` +
        `${r.lbpePercentile.toFixed(1).padStart(9)} ${r.emptyClasses.toFixed(1).padStart(6)} ${(r.accuracy === undefined ? '—' : (100 * r.accuracy).toFixed(2)).padStart(9)}`,
    );
  }
  console.log(
    "\nspread: kept samples' mean pairwise distance ÷ their class's (1 = as varied as the class); coverage: mean distance",
  );
  console.log(
    "from each sample to its nearest kept one ÷ the class's mean pairwise distance (lower = better covered).",
  );
  return 0;
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
