// Shapes of the app's state: the data each slice holds, the store as the sum of its slices, and
// what a slice creator is given. Each slice file (…Slice.ts) declares its own state and actions.
import type { StoreApi } from 'zustand/vanilla';
import type {
  BackendChoice,
  Engine,
  FinalTestProgress,
  TrainProgress,
  TrainResult,
} from '../../src/engine/api';
import type { LoadProgress } from '../../src/engine/bundle/read';
import type { BackendName, EpochReport } from '../../src/engine/types';
import type { MeasuredThroughput } from '../lib/budget-fit';
import type { CompareRun } from '../lib/compare-stats';
import type { DatasetIndex } from '../../src/engine/bundle/dataset-index';
import type { RunRecord } from '../lib/records';
import type { Settings } from '../lib/settings';
import type { TrainingSettingName } from '../../src/engine/settings/training';
import type { ImportCache } from '../storage/import-cache';
import type { ResultsStorage } from '../storage/results-db';
import type { BudgetSlice } from './budget-slice';
import type { BundleSlice } from './bundle-slice';
import type { CompareSlice } from './compare-slice';
import type { ImportSlice } from './import-slice';
import type { NoticesSlice } from './notices-slice';
import type { ResultsSlice } from './results-slice';
import type { RunSlice } from './run-slice';
import type { SelectionSlice } from './selection-slice';
import type { SettingsSlice } from './settings-slice';

export interface AppDeps {
  readonly engine: Engine;
  readonly storage: ResultsStorage;
  /** Condensed sets scored on this device (default: IndexedDB). */
  readonly importCache?: ImportCache;
  /** Absolute URL of the app's base folder, ending in '/'. */
  readonly baseUrl: string;
  readonly settings: Settings;
  /** Warnings to show at start (e.g. ignored URL parameters). */
  readonly warnings?: readonly string[];
  readonly fetchIndex?: (baseUrl: string) => Promise<DatasetIndex>;
  readonly now?: () => number;
  readonly newId?: () => string;
}

export type AppStoreState = NoticesSlice &
  SettingsSlice &
  BundleSlice &
  SelectionSlice &
  RunSlice &
  BudgetSlice &
  ImportSlice &
  ResultsSlice &
  CompareSlice & {
    /** Loads the stored results, starts a backend and opens the first bundle. */
    init(): Promise<void>;
  };

export type AppStore = StoreApi<AppStoreState>;

/** Builds one slice: its initial state and its actions, which may read and write the whole store. */
export type SliceCreator<T> = (
  set: AppStore['setState'],
  get: AppStore['getState'],
  deps: AppDeps,
) => T;

export interface ErrorInfo {
  readonly title: string;
  readonly message: string;
  /** The file at fault (bundle errors). */
  readonly file?: string;
  /** The kind of problem (missing, digest, size, shape, …). */
  readonly problem?: string;
  /** The other origin a refused bundle points to (bundle-source.ts). */
  readonly origin?: string;
}

export interface Notice {
  readonly id: number;
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
}

export interface LoadState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly progress: LoadProgress | null;
  readonly error: ErrorInfo | null;
  /** Bundle id or folder being (or last) loaded. */
  readonly bundle: string | null;
}

export interface SelectionState {
  /** The request it answers (selectors.ts `selectionKey`). */
  readonly key: string;
  readonly perClass: number;
  readonly method: string;
  /** Kept sample indices, ascending (the gallery's mask and counts derive from them). */
  readonly indices: Int32Array;
}

/** Everything a run's outcome depends on: a change to any of them restarts an active run. */
/** What a run trains with: its selection, the training settings (settings/training.ts), backend. */
export interface RunParams extends Pick<Settings, TrainingSettingName> {
  readonly method: string;
  readonly perClass: number;
  readonly seed: number;
  /** The backend the user asked for (null: the best available). */
  readonly backend: BackendName | null;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

/** The final test pass in progress: the engine's count, and when the pass started (ms, `now()`). */
export interface FinalTestView extends FinalTestProgress {
  readonly startedAt: number;
}

export interface RunState {
  readonly status: RunStatus;
  /** Runs started since the app opened (the first is 1). */
  readonly seq: number;
  /** What the run trains with (null before the first run of a bundle). */
  readonly params: RunParams | null;
  readonly reports: readonly EpochReport[];
  readonly progress: TrainProgress | null;
  /** The final test pass, once it started: images done of all, and when it started (ms). */
  readonly finalTest: FinalTestView | null;
  readonly startedAt: number;
  readonly result: TrainResult | null;
  /** Estimated duration before the run (from the measured throughput), if known. */
  readonly estimatedMs: number | null;
  readonly error: string | null;
}

export interface BudgetState {
  readonly status: 'idle' | 'measuring' | 'done' | 'error';
  /**
   * This device's speed on the active backend, width and label mode (the choice's, or the
   * budget's own).
   */
  readonly throughput: MeasuredThroughput | null;
  /** The last backend choice (choose-backend.ts): why this backend, for the badge. */
  readonly choice: BackendChoice | null;
  /** What the choice was made for (speed.ts `speedKey`); null: make it again. */
  readonly choiceKey: string | null;
  /** Whether the backend is being chosen and measured now. */
  readonly choosing: boolean;
  /** Largest samples per class that fits the budget. */
  readonly perClass: number | null;
  readonly estimatedMs: number | null;
  /** Why that n: what limited it (time or memory). */
  readonly limitedBy: string | null;
  readonly error: string | null;
}

export interface ResultsState {
  readonly loaded: boolean;
  readonly records: readonly RunRecord[];
  /** Stored records that were unreadable and skipped. */
  readonly skipped: number;
  readonly error: string | null;
}

export interface CompareState {
  readonly status: 'idle' | 'running' | 'done' | 'stopped' | 'error';
  /** Saved with each of its runs (null before the first comparison). */
  readonly id: string | null;
  /** The compared methods, in the order shown. */
  readonly methods: readonly string[];
  /** The settings it trains every method with (its first seed is `seed`; null: none yet). */
  readonly params: RunParams | null;
  /** Its finished runs, in the order trained. */
  readonly runs: readonly CompareRun[];
  /** Runs it plans (methods × seeds). */
  readonly total: number;
  readonly error: string | null;
}
