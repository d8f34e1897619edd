// What a condensation method of the builder gets (the imported data, parameters, stage context and
// shared helpers) and what it returns (the stored images, the stage later stages build on, and the
// manifest's `condensation` block).
import type { StageContext, StageResult } from './cache';
import type { BuildParams } from './params';
import type { ImportedDataset } from '../datasets';
import type { Normalization } from '../../src/engine/train/normalize';
import type { StoredImages, TrainConfig } from '../../src/engine/types';

export interface Condensed {
  /** Stored images, NHWC, class-major: uint8, or float32 in pixel/255 units. */
  readonly images: StoredImages;
  readonly labels: Int32Array;
  readonly count: number;
}

export interface CondenseInput {
  readonly data: ImportedDataset;
  readonly p: BuildParams;
  readonly flip: boolean;
  readonly ctx: StageContext;
  readonly log: (m: string) => void;
  /** Runs a stage and records its time under `name`. */
  readonly timed: <T>(name: string, run: () => Promise<StageResult<T>>) => Promise<StageResult<T>>;
  readonly normalization: Normalization;
  /** A cache-key entry present only when the parameter differs from its default. */
  readonly unlessDefault: <K extends keyof BuildParams>(
    key: K,
    name: string,
  ) => Record<string, BuildParams[K]>;
  /** The training protocol of a builder run (no evaluation during training). */
  readonly trainConfig: (
    epochs: number,
    seed: number,
    extra?: Pick<TrainConfig, 'scheduleEpochs' | 'cutmix'>,
  ) => TrainConfig;
}

export interface Condensation {
  /** The stage whose hash the scoring runs build on. */
  readonly stage: StageResult<unknown>;
  readonly condensed: Condensed;
  /** The manifest's `condensation` block. */
  readonly manifest: { readonly method: string; readonly params: Record<string, unknown> };
}
