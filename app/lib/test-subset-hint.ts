// The training card's note on which test images a run's accuracy uses: the whole test set, or a
// stratified subset of it (the engine's test-subset.ts), with the per-class counts the engine
// reports once the run has finished.
import type { TrainResult } from '../../src/engine/api';
import { describePerClass } from '../../src/engine/test-subset';

export interface TestSubsetCounts {
  /** Test images in the bundle. */
  readonly total: number;
  /** Test images of the final accuracy, and of each epoch's. */
  readonly testCount: number;
  readonly epochTestCount: number;
}

/** The note, or null when every accuracy uses the whole test set. */
export function testSubsetHint(
  counts: TestSubsetCounts,
  result: Pick<TrainResult, 'testPerClass' | 'epochTestPerClass'> | null,
): string | null {
  const { total, testCount, epochTestCount } = counts;
  const finalSubset = testCount > 0 && testCount < total;
  const epochSubset = epochTestCount > 0 && epochTestCount < testCount;
  if (!finalSubset && !epochSubset) return null;
  const n = (v: number): string => v.toLocaleString('en-US');
  const how = (perClass: readonly number[] | undefined): string =>
    perClass ? `stratified: ${describePerClass(perClass)}` : 'stratified by class';
  const final = `${n(testCount)} of the ${n(total)} test images (${how(result?.testPerClass)})`;
  if (!epochSubset) return `Test accuracy uses ${final}.`;
  const epoch = `${n(epochTestCount)} of the ${n(total)} test images (${how(result?.epochTestPerClass)})`;
  return finalSubset
    ? `Test accuracy after each epoch uses ${epoch}; the final accuracy uses ${final}.`
    : `Test accuracy after each epoch uses ${epoch}; the final accuracy uses all ${n(total)}.`;
}
