// The interface between training and score recording (design.md §2): training calls a sink with the
// softmax outputs of the same forward pass that produced each update.

export interface DynamicsSink {
  /**
   * One training step. `sampleIndices[i]` is the dataset index of batch row `i`; `probs` is the
   * row-major `[batch, classes]` softmax of that step's (augmented) forward pass; `labels[i]` is
   * the row's own label (before CutMix).
   */
  onStep(epoch: number, sampleIndices: Int32Array, probs: Float32Array, labels: Int32Array): void;
  /** Called after the last step of epoch `epoch` (0-based). */
  onEpochEnd(epoch: number): void;
}
