// What a bundle made from an imported condensed set records about it, shared by `yoco import` and
// the app's on-device scoring: each source file's name, size, SHA-256 and format, and the manifest
// fields that describe the set (shape, IPC, factor, the `condensation` block naming the layout).
import { sha256Blob } from '../bundle/sha256';
import type { ManifestDraft } from '../bundle/write';
import type { Normalization } from '../train/normalize';
import { LAYOUT_INFO, type CondensedFile, type CondensedSet } from './types';

export interface SourceRecord {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly format: string | undefined;
}

/** The source files' records, in the order given. */
export function sourceRecords(
  files: readonly CondensedFile[],
  set: Pick<CondensedSet, 'formats'>,
): Promise<SourceRecord[]> {
  return Promise.all(
    files.map(async (f, i) => ({
      name: f.name,
      bytes: f.blob.size,
      sha256: await sha256Blob(f.blob),
      format: set.formats[i],
    })),
  );
}

/** The manifest fields an imported set fixes; `params` adds to `condensation.params.imported`. */
export function importedFields(
  set: CondensedSet,
  sources: readonly SourceRecord[],
  normalization: Normalization,
  flip: boolean,
  params: Record<string, unknown>,
): Pick<
  ManifestDraft,
  'imageShape' | 'ipc' | 'factor' | 'flip' | 'normalization' | 'condensation'
> {
  return {
    imageShape: set.shape,
    ipc: set.ipc,
    factor: set.factor,
    flip,
    normalization,
    condensation: {
      method: `imported: ${LAYOUT_INFO[set.layout].description}`,
      params: {
        imported: {
          files: sources,
          layout: set.layout,
          ...(set.experiment
            ? { experiment: set.experiment.index, experiments: set.experiment.count }
            : {}),
          factor: set.factor,
          ...params,
          notes: set.notes,
        },
      },
    },
  };
}
