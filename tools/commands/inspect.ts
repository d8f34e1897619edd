// `yoco inspect <bundle>`: validate a bundle completely and print a summary (or --json), including
// the stored images' element type and, for float32 pixels, their range and how many leave [0, 1],
// and a warning when the test set is stored sorted by class (it still loads: subsets are stratified).
import { COMMON_FLAGS, getBoolean, parseFolderCommand } from '../lib/args';
import { readBundleDir } from '../lib/bundle-fs';
import { SCORE_NAMES } from '../../src/engine/types';
import { classCounts, describePerClass, groupedByClass } from '../../src/engine/test-subset';
import type { LoadedBundle } from '../../src/engine/bundle/read';
import { imageDTypeOf, type ImageDType } from '../../src/engine/bundle/manifest';
import { floatPixelStats, type FloatPixelStats } from '../../src/engine/bundle/pixel-stats';

export interface BundleSummary {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly classes: readonly string[];
  readonly imageShape: readonly number[];
  readonly imageDType: ImageDType;
  /** float32 bundles only: value range (pixel/255 units) and the fraction outside [0, 1]. */
  readonly pixels?: FloatPixelStats;
  readonly ipc: number;
  readonly factor: number;
  readonly storedImages: number;
  readonly samples: number;
  readonly samplesPerClass: number;
  readonly testImages: number;
  readonly testPerClass: readonly number[];
  /** The manifest's testOrder, or null when the builder did not record one. */
  readonly testOrder: { readonly shuffled: boolean; readonly seed?: number } | null;
  /** Every class's test images form one contiguous run (stored sorted by class). */
  readonly testSortedByClass: boolean;
  readonly condensation: string;
  readonly scoring: Record<string, unknown>;
  readonly scores: Record<string, { min: number; mean: number; max: number }>;
  readonly referenceRows: number;
}

export function summarise(bundle: LoadedBundle): BundleSummary {
  const m = bundle.manifest;
  const f2 = m.factor * m.factor;
  const scores: BundleSummary['scores'] = {};
  for (const name of SCORE_NAMES) {
    const s = bundle.scores[name];
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of s) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    scores[name] = { min, mean: sum / s.length, max };
  }
  return {
    id: m.id,
    title: m.title,
    source: `${m.source.name} (${m.source.licence})`,
    classes: m.classes,
    imageShape: m.imageShape,
    imageDType: imageDTypeOf(m),
    ...(bundle.images instanceof Float32Array ? { pixels: floatPixelStats(bundle.images) } : {}),
    ipc: m.ipc,
    factor: m.factor,
    storedImages: bundle.labels.length,
    samples: bundle.labels.length * f2,
    samplesPerClass: m.ipc * f2,
    testImages: bundle.testLabels.length,
    testPerClass: classCounts(bundle.testLabels, m.classes.length),
    testOrder: m.testOrder ?? null,
    testSortedByClass: groupedByClass(bundle.testLabels),
    condensation: m.condensation.method,
    scoring: { model: m.scoring.model, ...m.scoring.params },
    scores,
    referenceRows: m.referenceTable?.rows.length ?? 0,
  };
}

export async function runInspect(argv: string[]): Promise<number> {
  const cmd = parseFolderCommand(argv, COMMON_FLAGS, 'inspect', '<bundle-folder> [--json]');
  if (!cmd) return 0;
  const { args, dir } = cmd;
  const bundle = await readBundleDir(dir);
  const s = summarise(bundle);
  if (getBoolean(args, 'json')) {
    console.log(JSON.stringify({ valid: true, ...s }));
    return 0;
  }
  const [h, w, c] = s.imageShape;
  console.log(
    `✓ ${dir}: valid bundle (all sizes, SHA-256 digests, shapes, labels and scores checked)`,
  );
  console.log(`  id            ${s.id} — ${s.title}`);
  console.log(`  source        ${s.source}`);
  console.log(`  classes       ${s.classes.length}: ${s.classes.join(', ')}`);
  console.log(
    `  images        ${h}×${w}×${c}, IPC_F ${s.ipc}, factor ${s.factor} → ${s.storedImages} stored, ${s.samples} samples (${s.samplesPerClass} per class)`,
  );
  console.log(`  pixels        ${pixelLine(s)}`);
  const order = s.testOrder
    ? s.testOrder.shuffled
      ? `stored shuffled (seed ${s.testOrder.seed})`
      : 'stored in the source order'
    : 'order not recorded';
  console.log(
    `  test set      ${s.testImages} images (${describePerClass(s.testPerClass)}), ${order}`,
  );
  if (s.testSortedByClass) {
    console.log(
      '  ⚠ test order  sorted by class: the first N test images are not a fair sample; ' +
        "subsets (--test-limit, the app's per-epoch accuracy) are stratified by class",
    );
  }
  console.log(`  condensation  ${s.condensation}`);
  console.log(`  scoring       ${JSON.stringify(s.scoring)}`);
  for (const [name, r] of Object.entries(s.scores)) {
    console.log(`  ${name.padEnd(13)} min ${fmt(r.min)}  mean ${fmt(r.mean)}  max ${fmt(r.max)}`);
  }
  console.log(`  reference     ${s.referenceRows} table rows`);
  return 0;
}

function pixelLine(s: BundleSummary): string {
  if (!s.pixels) return `${s.imageDType}, 0…255`;
  const { min, max, outsideFraction } = s.pixels;
  return (
    `${s.imageDType}, pixel/255 units, range ${min.toFixed(3)} … ${max.toFixed(3)}, ` +
    `${(100 * outsideFraction).toFixed(2)}% of values outside [0, 1]`
  );
}

function fmt(v: number): string {
  return v.toPrecision(4).padStart(9);
}
