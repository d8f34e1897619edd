// fitScoring: the paper's values when they fit the budget, else R 3 with fewer epochs, else R 1,
// never below E 10, with K a tenth of E and an estimate that matches the settings.
import { describe, expect, it } from 'vitest';
import { fitScoring } from './scoring-fit';

describe('fitScoring', () => {
  it("keeps the paper's E 100, K 10, R 3 when they fit", () => {
    // 30 samples · 100 epochs · 3 runs = 9000 samples at 100/s = 90 s.
    const fit = fitScoring(30, { samplesPerSec: 100 }, 180);
    expect(fit).toMatchObject({ paper: true, estimatedSeconds: 90 });
    expect(fit.params).toMatchObject({ scoreEpochs: 100, topK: 10, runs: 3, scoreWidth: 128 });
  });

  it('shortens E first, then R, never below E 10', () => {
    const three = fitScoring(100, { samplesPerSec: 100 }, 180); // 180 epoch-sets: R 3 × E 60
    expect(three.params).toMatchObject({ runs: 3, scoreEpochs: 60, topK: 6 });
    expect(three.estimatedSeconds).toBe(180);
    const one = fitScoring(100, { samplesPerSec: 10 }, 180); // 18 epoch-sets: R 1 × E 18
    expect(one.params).toMatchObject({ runs: 1, scoreEpochs: 18, topK: 2 });
    const floor = fitScoring(1000, { samplesPerSec: 10 }, 180);
    expect(floor.params).toMatchObject({ runs: 1, scoreEpochs: 10, topK: 1 });
    expect(floor.estimatedSeconds).toBe(1000);
  });
});
