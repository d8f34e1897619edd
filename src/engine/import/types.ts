// What importing a condensed set from another tool takes and gives (condensed.ts), the layouts it
// recognises, and each layout's defaults: in one place, so the CLI (`yoco import`) and the app's
// worker offer the same choices and the same defaults.
import type { Normalization } from '../train/normalize';

export const LAYOUTS = ['dsa', 'idc', 'mtt', 'kip'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface LayoutInfo {
  /** What the files look like. */
  readonly description: string;
  /** Multi-formation factor the layout stores at (IDC: 2, each stored image a 2×2 mosaic). */
  readonly factor: number;
  /** The stored pixels are normalised with the dataset's mean/std (else pixel/255 units). */
  readonly normalized: boolean;
  /** The reference code can ZCA-whiten (MTT's --zca, KIP): only then is the whitening check run,
   * as DC/DSA sets started from noise may be rough enough to look whitened to it. */
  readonly mayBeWhitened: boolean;
}

export const LAYOUT_INFO: Readonly<Record<Layout, LayoutInfo>> = {
  dsa: {
    description:
      "DC/DSA/DM result file: {'data': [[images N×C×H×W, labels N], …], 'accs_all_exps': …}",
    factor: 1,
    normalized: true,
    mayBeWhitened: false,
  },
  idc: {
    description: 'IDC data.pt: [images N×C×H×W in [0, 1], labels N], stored at factor 2',
    factor: 2,
    normalized: false,
    mayBeWhitened: false,
  },
  mtt: {
    description: 'MTT images_best.pt (N×C×H×W) and labels_best.pt (N)',
    factor: 1,
    normalized: true,
    mayBeWhitened: true,
  },
  kip: {
    description: 'KIP .npz: images N×H×W×C, labels N (ints) or N×classes (one-hot)',
    factor: 1,
    normalized: true,
    mayBeWhitened: true,
  },
};

/**
 * One file given to the importer: its name (for messages and the manifest) and its contents as a
 * Blob (a picked File in the browser, `fs.openAsBlob` in Node, `new Blob([bytes])` in tests).
 * The readers take byte ranges of it as they need them, so the file is never held whole: a File
 * crosses the worker boundary by reference and is read in the worker.
 */
export interface CondensedFile {
  readonly name: string;
  readonly blob: Blob;
}

export interface CondensedImportOptions {
  /** 'auto' (default) recognises the layout from the files. */
  readonly layout?: Layout | 'auto';
  /** DC/DSA/DM: which experiment of `data` (default 0). */
  readonly experiment?: number;
  /** Default: the layout's. */
  readonly factor?: number;
  /** Whether the stored pixels are normalised (default: the layout's). */
  readonly normalized?: boolean;
  /** The dataset's mean/std in pixel/255 units: what normalised pixels are un-normalised with. */
  readonly normalization: Normalization;
  /** The class count of the test set the set is paired with. */
  readonly classCount: number;
  /** The test set's `[H, W, C]`; a set of another shape is refused. */
  readonly imageShape?: readonly [number, number, number];
  /** Refuse a set that looks ZCA-whitened, for layouts that may be (default true). */
  readonly checkWhitening?: boolean;
}

/** A condensed set, ready for a bundle: class-major, balanced, pixel/255 float32 NHWC. */
export interface CondensedSet {
  readonly layout: Layout;
  /** Per file: which reader understood it ('torch zip', 'torch legacy', 'npz'). */
  readonly formats: readonly string[];
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly shape: [number, number, number];
  readonly count: number;
  readonly ipc: number;
  readonly classCount: number;
  readonly factor: number;
  /** Whether the stored pixels were normalised and un-normalised here with `normalization`. */
  readonly normalized: boolean;
  /** DC/DSA/DM: the experiment used and how many the file holds. */
  readonly experiment?: { readonly index: number; readonly count: number };
  /** Lag-1 correlation of neighbouring pixels (whitening.ts): low means ZCA-whitened. */
  readonly neighbourCorrelation: number;
  /** What was changed on the way (labels reordered, one-hot labels, …), for the user. */
  readonly notes: readonly string[];
}
