// A bundle folder opened from the user's disk ("Open a bundle folder…", or one dropped on the
// import card; docs/app.md): its top-level files, picked with a folder input (webkitRelativePath) or dropped (a
// FileSystemDirectoryEntry), become the in-memory BundleFiles the engine validates and opens like
// a fetched bundle. Subfolders are ignored; sizes are checked before any byte is read, so a
// folder holding something huge is refused by name instead of filling memory.
import type { BundleFiles } from '../../src/engine/api';

/** More files than any bundle has (manifest, images, labels, scores, features, test set…). */
export const MAX_FOLDER_FILES = 32;
/** Bytes read at most: far above a shipped bundle (10 MB), far below a tab's memory. */
export const MAX_FOLDER_BYTES = 512 * 1024 * 1024;

export class BundleFolderError extends Error {
  override name = 'BundleFolderError';
}

export interface FolderFile {
  /** Path inside the folder, folder name first (as webkitRelativePath gives it). */
  readonly path: string;
  readonly file: Pick<File, 'size' | 'arrayBuffer'>;
}

export interface BundleFolder {
  readonly name: string;
  readonly files: BundleFiles;
}

/** The folder's top-level files, read into memory; BundleFolderError when it cannot be a bundle. */
export async function readBundleFolder(entries: readonly FolderFile[]): Promise<BundleFolder> {
  const name = entries[0]?.path.split('/')[0] ?? '';
  const top = entries.filter((e) => e.path.split('/').length === 2);
  if (!top.some((e) => e.path === `${name}/manifest.json`)) {
    throw new BundleFolderError(
      `"${name || 'the folder'}" is not a bundle folder: it has no manifest.json at its top level`,
    );
  }
  if (top.length > MAX_FOLDER_FILES) {
    throw new BundleFolderError(
      `"${name}" holds ${top.length} files; a bundle has at most ${MAX_FOLDER_FILES}`,
    );
  }
  const bytes = top.reduce((a, e) => a + e.file.size, 0);
  if (bytes > MAX_FOLDER_BYTES) {
    throw new BundleFolderError(
      `"${name}" holds ${(bytes / 2 ** 20).toFixed(0)} MB; at most ${MAX_FOLDER_BYTES / 2 ** 20} MB are read`,
    );
  }
  const files = new Map<string, Uint8Array>();
  for (const e of top)
    files.set(e.path.slice(name.length + 1), new Uint8Array(await e.file.arrayBuffer()));
  return { name, files };
}

/** Files chosen with a folder picker (`webkitdirectory`). */
export function pickedFolderFiles(list: readonly File[]): FolderFile[] {
  return list.map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** The top-level files of a dropped folder (directory entries are read in batches). */
export async function droppedFolderFiles(dir: FileSystemDirectoryEntry): Promise<FolderFile[]> {
  const reader = dir.createReader();
  const entries: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    entries.push(...batch);
    if (entries.length > MAX_FOLDER_FILES + 1) break; // enough to refuse it
  }
  const out: FolderFile[] = [];
  for (const e of entries) {
    if (!e.isFile) continue;
    const file = await new Promise<File>((resolve, reject) =>
      (e as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ path: `${dir.name}/${e.name}`, file });
  }
  return out;
}
