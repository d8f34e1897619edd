// Learning-rate schedule of the training protocol (design.md §5): the base rate drops ×0.2 at 2/3 and
// at 5/6 of the epochs. Boundaries follow PyTorch's MultiStepLR stepped once per epoch with
// milestones floor(2E/3) and floor(5E/6): epoch e (0-based) uses base · 0.2^k, where k counts the
// milestones m with 0 < m ≤ e. A milestone of 0 never fires (MultiStepLR only checks epochs ≥ 1),
// and equal milestones (E = 2 or 3) both fire at once, as MultiStepLR's counter does.
import { TRAINING } from '../config';
import { checkPositiveInteger, ConfigError } from '../errors';

/** The 0-based epochs at which the rate drops, for `epochs` epochs in all. */
export function lrMilestones(epochs: number): [number, number] {
  checkPositiveInteger('epochs', epochs);
  const [[n1, d1], [n2, d2]] = TRAINING.lrMilestones;
  return [Math.floor((n1 * epochs) / d1), Math.floor((n2 * epochs) / d2)];
}

/** Learning rate for 0-based `epoch` of `epochs`. */
export function learningRateAt(epoch: number, epochs: number, base: number): number {
  if (!Number.isInteger(epoch) || epoch < 0 || epoch >= epochs) {
    throw new ConfigError(`epoch ${epoch} is outside 0..${epochs - 1}`);
  }
  let lr = base;
  for (const m of lrMilestones(epochs)) if (m > 0 && epoch >= m) lr *= TRAINING.lrDrop;
  return lr;
}
