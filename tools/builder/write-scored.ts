// Writing a scored condensed set as a bundle folder, shared by `yoco build` and `yoco import`: the
// manifest's common fields (tool version and the exact command, scoring block, seeded test order,
// features), validation by buildBundleFiles, the atomic write, and the closing log lines.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { getString, shellLine, type ParsedArgs } from '../lib/args';
import { writeBundleDir } from '../lib/bundle-fs';
import type { ImportedSplit } from '../datasets';
import { formatDuration } from '../lib/progress';
import type { Condensed } from './condense-types';
import { scoringFeatures, scoringManifest, type ScoreParams, type ScoringOutcome } from './score';
import { FORMAT_VERSION, type Manifest } from '../../src/engine/bundle/manifest';
import { buildBundleFiles, type ManifestDraft } from '../../src/engine/bundle/write';

/** The bundle's id and title: `--id` and `--title`, else the output folder's name and `title`. */
export function bundleNames(
  args: ParsedArgs,
  out: string,
  title: string,
): { id: string; title: string } {
  return { id: getString(args, 'id', basename(out)), title: getString(args, 'title', title) };
}

/** The manifest fields that differ between the commands. */
export type ScoredManifestFields = Pick<
  ManifestDraft,
  | 'id'
  | 'title'
  | 'source'
  | 'classes'
  | 'imageShape'
  | 'ipc'
  | 'factor'
  | 'flip'
  | 'normalization'
  | 'condensation'
>;

export interface ScoredBundle {
  readonly out: string;
  /** The command's name and its arguments, recorded in `tool.command`. */
  readonly command: string;
  readonly argv: readonly string[];
  readonly fields: ScoredManifestFields;
  readonly condensed: Condensed;
  readonly p: ScoreParams;
  readonly scoring: ScoringOutcome;
  /** The test split, already in its seeded shuffled order (seed `p.seed`). */
  readonly test: ImportedSplit;
  readonly log: (m: string) => void;
  /** What ran the work, for the closing line. */
  readonly backend: string;
  readonly threads: number;
  readonly stageSeconds: Record<string, number>;
  /** performance.now() when the command started. */
  readonly started: number;
}

export async function writeScoredBundle(b: ScoredBundle): Promise<Manifest> {
  const pkg = new URL('../../package.json', import.meta.url);
  const version = (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
  const { files, manifest } = await buildBundleFiles({
    manifest: {
      formatVersion: FORMAT_VERSION,
      ...b.fields,
      scoring: scoringManifest(b.p, b.scoring),
      testOrder: { shuffled: true, seed: b.p.seed },
      tool: {
        name: 'yoco-web',
        version,
        command: `npm run yoco -- ${b.command} ${shellLine(b.argv)}`,
      },
      createdAt: new Date().toISOString(),
    },
    images: b.condensed.images,
    labels: b.condensed.labels,
    scores: b.scoring.scores,
    testImages: b.test.images,
    testLabels: b.test.labels,
    features: scoringFeatures(b.p, b.scoring),
  });
  await writeBundleDir(b.out, files);
  const bytes = [...files.values()].reduce((n, f) => n + f.length, 0);
  b.log(
    `wrote ${b.out}: ${files.size} files, ${(bytes / 1e6).toFixed(2)} MB (${manifest.id}), backend ${b.backend} with ${b.threads} thread(s)`,
  );
  b.log(
    `stage times: ${Object.entries(b.stageSeconds)
      .map(([k, v]) => `${k} ${formatDuration(v)}`)
      .join(', ')}; total ${formatDuration((performance.now() - b.started) / 1000)}`,
  );
  return manifest;
}
