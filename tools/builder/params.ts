// Parameters of the bundle builder (design.md §6) with their defaults, and the defaults' reasons.
import { MODEL } from '../../src/engine/config';
import type { RdedSelect } from '../../src/engine/condense/rded';
import { PAPER_SCORING, type ScoreParams } from '../../src/engine/scores/score-set';

/** How the builder condenses: RDED-style selection of real crops, or distribution matching. */
export const CONDENSE_METHODS = ['rded', 'dm'] as const;
export type CondenseMethod = (typeof CONDENSE_METHODS)[number];

/** The builder's parameters; its scoring ones (width, E, K, R, …) are the engine's ScoreParams. */
export interface BuildParams extends ScoreParams {
  readonly condense: CondenseMethod;
  /** IPC_F: stored images per class. */
  readonly ipc: number;
  /** Multi-formation factor f. */
  readonly factor: number;
  /** Observer: ConvNet-D3 width and epochs on the real training set. BiLP reports that early-epoch
   * losses already rank samples well, so a short observer run is enough for pre-pruning. */
  readonly observerWidth: number;
  readonly observerEpochs: number;
  /** BiLP preemptive pruning: fraction of each class kept (lowest observer loss). */
  readonly keep: number;
  /** RDED: pool |T'_c| per class and random-resized crops per pool image. */
  readonly pool: number;
  readonly crops: number;
  /** RDED crop choice: 'lowest-loss' (the method) or 'random' (a less selective control). */
  readonly cropSelect: RdedSelect;
  /** DM (Zhao & Bilen 2023): iterations, image learning rate and momentum (in normalised pixel
   * units, as the method's published lr 1 and momentum 0.5 are), real images per class per
   * iteration, and the embedder's width (a fresh ConvNet-D3 each iteration). */
  readonly dmIterations: number;
  readonly dmLr: number;
  readonly dmMomentum: number;
  readonly dmRealBatch: number;
  readonly dmWidth: number;
  /** Save the DM state every this many iterations (a stopped build resumes from the last). */
  readonly dmCheckpointEvery: number;
  /** Multisize DM: the nested prefixes (stored images per class) matched beside the full set, so
   * each class's first k stored images are a condensed set of their own (MDC's subset loss). */
  readonly dmPrefixes: readonly number[];
  /** Epochs of the full-set accuracy probe (ConvNet-D3 trained on every synthetic sample). */
  readonly probeEpochs: number;
}

export const BUILD_DEFAULTS: BuildParams = {
  condense: 'rded',
  ipc: 10,
  factor: 2,
  observerWidth: MODEL.width,
  observerEpochs: 2,
  keep: 0.5,
  pool: 300,
  crops: 5,
  cropSelect: 'lowest-loss',
  dmIterations: 1000,
  dmLr: 1,
  dmMomentum: 0.5,
  dmRealBatch: 256,
  dmWidth: MODEL.width,
  dmCheckpointEvery: 25,
  dmPrefixes: [],
  probeEpochs: 100,
  ...PAPER_SCORING,
};

/** The numeric parameters (each has a `--flag <number>`). */
export type NumericBuildParam = Exclude<
  keyof BuildParams,
  'cropSelect' | 'condense' | 'dmPrefixes'
>;
