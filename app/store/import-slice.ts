// Import slice: "Open a condensed set…" (design.md §9). A .pt/.npz file (MTT: images_best.pt with
// labels_best.pt) goes to the engine, which pairs it with the open bundle's test set and scores it
// on the device (progress, ETA, cancel); the result then becomes the open bundle, so the slider,
// methods, training and results work as for a shipped one. Scored sets are cached (IndexedDB,
// import-cache.ts) by the files' SHA-256, the scoring settings and the paired bundle, so opening
// the same file again, or reopening it after a reload, does not score it again. Scoring settings
// default to what fits this device's measured throughput in a few minutes (lib/scoring-fit.ts).
// A file is refused by its size before a byte of it is read, and is then read in the engine
// worker, never here (only hashed here, in ranges). Every failure ends in the import card's error.
import type { ScoreProgress, ScoreParams } from '../../src/engine/scores/score-set';
import { sha256Blob, sha256Hex } from '../../src/engine/bundle/sha256';
import { checkImportFileSize } from '../../src/engine/import/limits';
import type { CondensedFile } from '../../src/engine/import/types';
import type { BundleFolder } from '../lib/bundle-folder';
import { briefError, errorInfo } from '../lib/error-info';
import { fitScoring, type ScoringFit } from '../lib/scoring-fit';
import {
  createImportCache,
  importKey,
  type CacheNotice,
  type CachedImport,
  type ImportCache,
  type ImportMeta,
} from '../storage/import-cache';
import { latestWins } from './latest';
import type { ErrorInfo, SliceCreator } from './types';

export interface ImportState {
  readonly status: 'idle' | 'measuring' | 'scoring' | 'done' | 'error';
  readonly file: string | null;
  readonly progress: ScoreProgress | null;
  readonly error: ErrorInfo | null;
  /** The set came from the cache (not scored again). */
  readonly cached: boolean;
  /** A bundle folder (already scored, with its own test set) rather than another tool's file. */
  readonly folder: boolean;
}

export interface ImportSlice {
  readonly importState: ImportState;
  /** Scoring settings the next import uses (null: fit them to the device when it starts). */
  readonly importParams: ScoreParams | null;
  /** The last fit to this device's throughput. */
  readonly importFit: ScoringFit | null;
  /** Cached scored sets, most recently used first (for "reopen"). */
  readonly cachedImports: readonly Pick<ImportMeta, 'id' | 'name' | 'title' | 'savedAt'>[];
  setImportParams(params: ScoreParams | null): void;
  /** Opens and scores (or reopens from the cache) a condensed set. */
  openCondensed(files: readonly CondensedFile[]): Promise<void>;
  /** Opens a bundle folder from the user's disk (validated like a fetched bundle), and caches it. */
  openBundleFolder(read: () => Promise<BundleFolder>): Promise<void>;
  cancelImport(): void;
  reopenImport(id: string): Promise<void>;
  refreshCachedImports(): Promise<void>;
  /** Shows a failure that happened outside the actions above (e.g. a file the panel could not get). */
  importFailed(error: unknown, file: string | null): void;
}

const IDLE: ImportState = {
  status: 'idle',
  file: null,
  progress: null,
  error: null,
  cached: false,
  folder: false,
};

export const createImportSlice: SliceCreator<ImportSlice> = (set, get, deps) => {
  const { engine } = deps;
  const cache: ImportCache = deps.importCache ?? createImportCache();
  /** Imports: a newer one (or a cancel) makes the one in flight moot and cancels it. */
  const imports = latestWins();
  const tell = (notices: readonly CacheNotice[]) => {
    for (const n of notices) get().notify(n.level, n.text);
  };
  /** Saves to the cache; a refusal (a full quota, named) is a notice: the set is open anyway. */
  const save = async (entry: CachedImport, what: string) => {
    try {
      tell((await cache.put(entry)).notices);
    } catch (e) {
      get().notify('warn', `${what} was not cached: ${briefError(e)}.`);
    }
  };

  const fitted = async (samples: number, signal: AbortSignal): Promise<ScoreParams> => {
    const chosen = get().importParams;
    if (chosen) return chosen;
    const { budget, backend, settings } = get();
    const known = budget.throughput;
    const throughput =
      known && known.backend === backend && known.width === 128
        ? known
        : await engine.measureThroughput({ width: 128, batchSize: settings.batchSize }, { signal });
    const fit = fitScoring(samples, throughput);
    set({ importFit: fit });
    return fit.params;
  };

  return {
    importState: IDLE,
    importParams: null,
    importFit: null,
    cachedImports: [],

    setImportParams: (importParams) => set({ importParams }),

    async refreshCachedImports() {
      try {
        const { entries, notices } = await cache.list();
        set({
          cachedImports: entries.map(({ id, name, title, savedAt }) => ({
            id,
            name,
            title,
            savedAt,
          })),
        });
        tell(notices);
      } catch (e) {
        // Start-up goes on without the reopen list.
        get().notify(
          'warn',
          `The sets cached in this browser could not be listed (${briefError(e)}).`,
        );
      }
    },

    importFailed(e, file) {
      imports.drop();
      const error = errorInfo(e, 'This condensed set was not opened');
      set({ importState: { ...IDLE, status: 'error', file, error } });
    },

    async openCondensed(files) {
      if (files.length === 0) return;
      const attempt = imports.start();
      const file = files.map((f) => f.name).join(' + ');
      const fail = (e: unknown) => {
        if (!attempt.current()) return;
        const error = attempt.signal.aborted
          ? null
          : errorInfo(e, 'This condensed set was not opened');
        set({ importState: { ...IDLE, status: error ? 'error' : 'idle', file, error } });
      };
      try {
        // By its size alone, before a byte is read: a file past the limit is refused by name.
        for (const f of files) checkImportFileSize(f.name, f.blob.size);
        const { view } = get();
        if (!view) throw new Error('open a dataset first: the set is scored against its test set');
        set({ importState: { ...IDLE, status: 'scoring', file } });
        // Hashed in ranges for the cache key; the engine worker reads the files themselves.
        const sha = await Promise.all(files.map((f) => sha256Blob(f.blob)));
        if (!attempt.current()) return;
        set({ importState: { ...IDLE, status: 'measuring', file } });
        const pairedWith = view.manifest.id;
        const samples = view.labels.length * view.manifest.factor ** 2;
        const params = await fitted(samples, attempt.signal);
        const id = importKey(sha, params, pairedWith);
        // An unreadable cache only means scoring again.
        const hit = await cache.get(id).then(
          ({ entry, notices }) => {
            tell(notices);
            return entry;
          },
          () => null,
        );
        if (hit) {
          const opened = await engine.openBundleFiles(hit.files, { signal: attempt.signal });
          if (!attempt.current()) return;
          get().resetRun();
          await get().showBundle(opened, file);
          set({ importState: { ...IDLE, status: 'done', file, cached: true } });
          await get().refreshCachedImports();
          return;
        }
        set({ importState: { ...IDLE, status: 'scoring', file } });
        const made = await engine.scoreImported(
          { files, params },
          {
            signal: attempt.signal,
            onEvent: (progress) => {
              if (attempt.current()) set((s) => ({ importState: { ...s.importState, progress } }));
            },
          },
        );
        if (!attempt.current()) return;
        const { title } = made.view.manifest;
        await save(
          { id, name: file, title, savedAt: Date.now(), files: made.files },
          'The scored set',
        );
        get().resetRun();
        await get().showBundle(made.view, file);
        set({ importState: { ...IDLE, status: 'done', file } });
        await get().refreshCachedImports();
      } catch (e) {
        fail(e);
      }
    },

    async openBundleFolder(read) {
      const attempt = imports.start();
      let file: string | null = null;
      try {
        set({ importState: { ...IDLE, status: 'scoring', folder: true } });
        const folder = await read();
        file = folder.name;
        set({ importState: { ...IDLE, status: 'scoring', file, folder: true } });
        const view = await engine.openBundleFiles(folder.files, { signal: attempt.signal });
        if (!attempt.current()) return;
        const manifest = folder.files.get('manifest.json')!;
        const id = `folder:${await sha256Hex(manifest)}`;
        const { title } = view.manifest;
        await save(
          { id, name: file, title, savedAt: Date.now(), files: folder.files },
          'The bundle folder',
        );
        get().resetRun();
        await get().showBundle(view, file);
        set({ importState: { ...IDLE, status: 'done', file, folder: true } });
        await get().refreshCachedImports();
      } catch (e) {
        if (!attempt.current() || attempt.signal.aborted) return;
        const error = errorInfo(e, 'This bundle folder was not opened');
        set({ importState: { ...IDLE, status: 'error', file, error, folder: true } });
      }
    },

    cancelImport() {
      imports.drop();
      set({ importState: IDLE });
    },

    async reopenImport(id) {
      const name = get().cachedImports.find((c) => c.id === id)?.name ?? null;
      try {
        const { entry, notices } = await cache.get(id);
        tell(notices);
        if (!entry) {
          await get().refreshCachedImports();
          throw new Error(`${name ?? 'this set'} is no longer in this browser's cache`);
        }
        const view = await engine.openBundleFiles(entry.files);
        get().resetRun();
        await get().showBundle(view, entry.name);
        set({ importState: { ...IDLE, status: 'done', file: entry.name, cached: true } });
        await get().refreshCachedImports();
      } catch (e) {
        set({
          importState: {
            ...IDLE,
            status: 'error',
            file: name,
            error: errorInfo(e, 'The cached set was not opened'),
          },
        });
      }
    },
  };
};
