// Shapes of the app's state (zustand store): bundle loading, selection, runs, budget, results.
import type {
  BundleView,
  LoadProgress,
  Throughput,
  TrainProgress,
  TrainResult,
} from '../../src/engine/api';
import type { BackendName, EpochReport } from '../../src/engine/types';
import type { DatasetIndex } from '../lib/datasetIndex';
import type { RunRecord } from '../lib/records';
import type { Settings } from '../lib/settings';

export interface ErrorInfo {
  readonly title: string;
  readonly message: string;
  /** The file at fault (bundle errors). */
  readonly file?: string;
  /** The kind of problem (missing, digest, size, shape, …). */
  readonly problem?: string;
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
  readonly key: string;
  readonly perClass: number;
  readonly methodId: string;
  readonly indices: Int32Array;
  /** 1 per kept sample. */
  readonly mask: Uint8Array;
  /** Kept samples per class. */
  readonly counts: readonly number[];
}

export type RunStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

export interface RunState {
  readonly status: RunStatus;
  readonly seq: number;
  readonly methodId: string;
  readonly perClass: number;
  readonly epochs: number;
  readonly width: number;
  /** Test images of the final accuracy, and of each epoch's (the live curve). */
  readonly testCount: number;
  readonly epochTestCount: number;
  readonly reports: readonly EpochReport[];
  readonly progress: TrainProgress | null;
  readonly startedAt: number;
  readonly result: TrainResult | null;
  /** Estimated duration before the run (from the measured throughput), if known. */
  readonly estimatedMs: number | null;
  readonly error: string | null;
}

export interface BudgetState {
  readonly status: 'idle' | 'measuring' | 'done' | 'error';
  readonly throughput: Throughput | null;
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

export interface AppState {
  readonly settings: Settings;
  readonly datasets: DatasetIndex | null;
  readonly load: LoadState;
  readonly view: BundleView | null;
  /** Bundle id of the loaded view (for results). */
  readonly bundleId: string | null;
  readonly maxPerClass: number;
  /** Committed samples per class. */
  readonly perClass: number;
  /** Slider position while dragging (equals perClass after release). */
  readonly draftPerClass: number;
  readonly selection: SelectionState | null;
  readonly selectionError: string | null;
  readonly backend: BackendName | null;
  readonly backendBusy: boolean;
  readonly isolated: boolean | null;
  readonly notices: readonly Notice[];
  readonly run: RunState;
  readonly budget: BudgetState;
  readonly results: ResultsState;
}

export interface AppActions {
  init(): Promise<void>;
  loadBundle(bundle: string): Promise<void>;
  /** The user picked a bundle (dataset picker): remember it (URL) and load it. */
  chooseBundle(bundle: string): Promise<void>;
  setDraftPerClass(n: number): void;
  commitPerClass(n: number): void;
  setMethod(id: string): void;
  updateSettings(patch: Partial<Settings>): void;
  startRun(): Promise<void>;
  stopRun(): void;
  switchBackend(name: BackendName): Promise<void>;
  fitToBudget(): Promise<void>;
  clearResults(): Promise<void>;
  dismissNotice(id: number): void;
  notify(level: Notice['level'], text: string): void;
}

export type AppStoreState = AppState & AppActions;
