// The one config: ConvNet-D3's defaults, the protocol's words, the learning-rate milestones.
import { describe, expect, it } from 'vitest';
import { describeProtocol, DEFAULT_TRAIN, MODEL, TRAINING } from './config';
import { lrMilestones } from './train/schedule';

describe('config', () => {
  it('defaults to ConvNet-D3, width 128, the paper’s 1000 epochs and batch 64', () => {
    expect(describeProtocol()).toMatchObject({
      model: 'ConvNet-D3',
      width: 128,
      epochs: 1000,
      batchSize: 64,
    });
    expect(MODEL).toEqual({ width: 128, depth: 3 });
    expect(DEFAULT_TRAIN).toMatchObject({ batchSize: 64, learningRate: 0.01, momentum: 0.9 });
    expect(DEFAULT_TRAIN.weightDecay).toBe(5e-4);
  });

  it('places the rate drops at floor(2E/3) and floor(5E/6)', () => {
    expect(TRAINING.lrMilestones).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(lrMilestones(3)).toEqual([2, 2]);
    expect(lrMilestones(1000)).toEqual([666, 833]);
  });
});
