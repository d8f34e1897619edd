// Scoring settings for a condensed set opened in the app (design.md §9): the paper's E 100, K 10, R 3 at
// width 128 when this device's measured throughput does them within the time budget, else fewer
// runs, then fewer epochs (K a tenth of E), down to E 10, R 1. The time is the training samples
// the runs see, R·E·samples, at the measured training rate (the budget slice's measurement, or
// one made for this), plus nothing for evaluation: one forward pass per run is noise beside E epochs.
import type { Throughput } from '../../src/engine/api';
import { PAPER_SCORING, type ScoreParams } from '../../src/engine/scores/score-set';

/** "A few minutes" (seconds). */
export const SCORING_BUDGET_SECONDS = 180;
const MIN_EPOCHS = 10;

export interface ScoringFit {
  readonly params: ScoreParams;
  readonly estimatedSeconds: number;
  /** Whether the paper's values fit. */
  readonly paper: boolean;
}

const secondsFor = (p: ScoreParams, samples: number, samplesPerSec: number): number =>
  (p.runs * p.scoreEpochs * samples) / samplesPerSec;

/** The largest scoring (paper first) that takes ≤ `budget` s for `samples` at `throughput`. */
export function fitScoring(
  samples: number,
  throughput: Pick<Throughput, 'samplesPerSec'>,
  budget = SCORING_BUDGET_SECONDS,
): ScoringFit {
  const rate = throughput.samplesPerSec;
  const fits = (p: ScoreParams) => secondsFor(p, samples, rate) <= budget;
  const done = (p: ScoreParams, paper = false): ScoringFit => ({
    params: p,
    estimatedSeconds: secondsFor(p, samples, rate),
    paper,
  });
  if (fits(PAPER_SCORING)) return done(PAPER_SCORING, true);
  for (const runs of [PAPER_SCORING.runs, 1]) {
    const epochs = Math.floor((budget * rate) / (runs * samples));
    if (epochs >= MIN_EPOCHS || runs === 1) {
      const scoreEpochs = Math.max(MIN_EPOCHS, Math.min(PAPER_SCORING.scoreEpochs, epochs));
      const topK = Math.max(1, Math.round(scoreEpochs / 10));
      return done({ ...PAPER_SCORING, runs, scoreEpochs, topK });
    }
  }
  return done(PAPER_SCORING); // unreachable: runs 1 always returns
}
