// Reading a bundle folder from the user's disk: top-level files only, keyed by their name inside
// the folder; no manifest, too many files or too many bytes are BundleFolderErrors raised before
// any byte is read; a dropped folder's entries are read in batches until the reader is empty.
import { describe, expect, it, vi } from 'vitest';
import {
  BundleFolderError,
  droppedFolderFiles,
  MAX_FOLDER_BYTES,
  MAX_FOLDER_FILES,
  readBundleFolder,
  type FolderFile,
} from './bundle-folder';

const blob = (text: string) => new Blob([text]);

describe('readBundleFolder', () => {
  it('keeps the top-level files under their names inside the folder', async () => {
    const { name, files } = await readBundleFolder([
      { path: 'b/manifest.json', file: blob('{}') },
      { path: 'b/images.u8', file: blob('abc') },
      { path: 'b/sub/skip.bin', file: blob('zz') },
    ]);
    expect(name).toBe('b');
    expect([...files.keys()]).toEqual(['manifest.json', 'images.u8']);
    expect(new TextDecoder().decode(files.get('images.u8'))).toBe('abc');
  });

  it('refuses a folder without a top-level manifest, naming the folder', async () => {
    await expect(
      readBundleFolder([{ path: 'photos/sub/manifest.json', file: blob('{}') }]),
    ).rejects.toThrow(
      new BundleFolderError(
        '"photos" is not a bundle folder: it has no manifest.json at its top level',
      ),
    );
    await expect(readBundleFolder([])).rejects.toBeInstanceOf(BundleFolderError);
  });

  it('refuses too many files or too many bytes without reading them', async () => {
    const read = vi.fn(() => Promise.resolve(new ArrayBuffer(0)));
    const many: FolderFile[] = Array.from({ length: MAX_FOLDER_FILES + 1 }, (_, i) => ({
      path: i === 0 ? 'b/manifest.json' : `b/f${i}`,
      file: { size: 1, arrayBuffer: read },
    }));
    await expect(readBundleFolder(many)).rejects.toThrow(
      `"b" holds ${MAX_FOLDER_FILES + 1} files; a bundle has at most ${MAX_FOLDER_FILES}`,
    );
    const huge: FolderFile[] = [
      { path: 'b/manifest.json', file: { size: 10, arrayBuffer: read } },
      { path: 'b/images.f32', file: { size: MAX_FOLDER_BYTES, arrayBuffer: read } },
    ];
    await expect(readBundleFolder(huge)).rejects.toThrow(/holds 512 MB; at most 512 MB are read/);
    expect(read).not.toHaveBeenCalled();
  });
});

describe('droppedFolderFiles', () => {
  it('reads every batch of a dropped folder and skips its subfolders', async () => {
    const fileEntry = (name: string) => ({
      isFile: true,
      isDirectory: false,
      name,
      file: (ok: (f: File) => void) => ok(new File([name], name)),
    });
    const batches = [
      [fileEntry('manifest.json'), { isFile: false, isDirectory: true, name: 'sub' }],
      [fileEntry('images.u8')],
      [],
    ];
    const dir = {
      name: 'bundle',
      createReader: () => ({ readEntries: (ok: (e: unknown[]) => void) => ok(batches.shift()!) }),
    } as unknown as FileSystemDirectoryEntry;
    const files = await droppedFolderFiles(dir);
    expect(files.map((f) => f.path)).toEqual(['bundle/manifest.json', 'bundle/images.u8']);
    const { files: read } = await readBundleFolder(files);
    expect(new TextDecoder().decode(read.get('images.u8'))).toBe('images.u8');
  });
});
