// A condensed set from another tool, scored on the device into an in-memory bundle (design.md §9, the
// app's "Open a condensed set…"): read it with importCondensed against the test set of a loaded
// bundle (its image shape and class count; un-normalised with the reference code's mean/std for
// that dataset), score it with the same scoreSet loop as `yoco import`, and serialise the result
// with buildBundleFiles, so it is validated exactly as a shipped bundle is and its files can be
// cached and opened again. Pure: bytes in, bundle files out.
import type { LoadedBundle } from '../bundle/read';
import { FORMAT_VERSION, type Manifest } from '../bundle/manifest';
import { buildBundleFiles } from '../bundle/write';
import { ImportError } from '../errors';
import {
  scoreSet,
  scoringFeatures,
  scoringManifest,
  type ScoreHooks,
  type ScoreParams,
} from '../scores/score-set';
import { importCondensed } from './condensed';
import { knownNormalization } from './normalization';
import { importedFields, sourceRecords } from './provenance';
import type { CondensedFile } from './types';

export interface ScoreImportRequest {
  /** The file (MTT: images_best.pt and labels_best.pt), its bytes transferred, not copied. */
  readonly files: readonly CondensedFile[];
  readonly params: ScoreParams;
}

export interface ImportedBundle {
  readonly manifest: Manifest;
  /** The bundle's files by relative path (manifest.json and payloads). */
  readonly files: Map<string, Uint8Array>;
}

/** The loaded bundle whose test set a set pairs with, in words. */
const describePairing = (m: Manifest): string =>
  `the test set of "${m.title}" (${m.source.name}: ${m.imageShape.join('×')} images, ${m.classes.length} classes)`;

/** Reads, checks, scores and bundles `request.files` against `paired`'s test set. */
export async function scoreImported(
  request: ScoreImportRequest,
  paired: LoadedBundle,
  hooks: ScoreHooks = {},
): Promise<ImportedBundle> {
  const m = paired.manifest;
  const normalization = knownNormalization(m.source.name)?.normalization ?? m.normalization;
  const set = await importCondensed(request.files, {
    normalization,
    classCount: m.classes.length,
    imageShape: m.imageShape,
  }).catch((e: unknown) => {
    // Say what the set was paired with, so a mismatch names both sides.
    if (e instanceof ImportError && (e.problem === 'mismatch' || e.problem === 'labels')) {
      const detail = e.message.slice(e.file.length + 2);
      throw new ImportError(
        e.file,
        `${detail}; it cannot pair with ${describePairing(m)}`,
        e.problem,
      );
    }
    throw e;
  });
  const p = request.params;
  const scoring = await scoreSet({ ...set, normalization, flip: m.flip }, p, hooks);
  const sources = await sourceRecords(request.files, set);
  const first = sources[0]!;
  return buildBundleFiles({
    manifest: {
      formatVersion: FORMAT_VERSION,
      id: `imported-${first.sha256.slice(0, 12)}`,
      title: `${first.name} (${set.layout.toUpperCase()}, IPC ${set.ipc}), scored on this device`,
      source: { ...m.source, testCount: paired.testLabels.length },
      classes: m.classes,
      ...importedFields(set, sources, normalization, m.flip, { pairedWith: m.id }),
      scoring: scoringManifest(p, scoring),
      ...(m.testOrder ? { testOrder: m.testOrder } : {}),
      tool: { name: 'yoco-web', version: 'app' },
      createdAt: new Date().toISOString(),
    },
    images: set.images,
    labels: set.labels,
    scores: scoring.scores,
    testImages: paired.testImages,
    testLabels: paired.testLabels,
    features: scoringFeatures(p, scoring),
  });
}
