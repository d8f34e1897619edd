// Checks of a training run's inputs (train.ts) before anything is built: image shape, sample and
// label counts, label ranges, the teacher's shape, and the protocol's numbers; each failure is a ConfigError that names
// the value.
import { checkPositiveInteger, ConfigError } from '../errors';
import type { TrainOptions } from './train';

/** Throws a ConfigError naming the first inconsistent input of a training run. */
export function validate(opts: TrainOptions): void {
  const { train, test, config } = opts;
  const [H, W, C] = train.shape;
  const size = H * W * C;
  if (![H, W, C].every((d) => Number.isInteger(d) && d > 0)) {
    throw new ConfigError(
      `image shape must be three positive integers, got [${train.shape.join(', ')}]`,
    );
  }
  if (train.samples.length === 0 || train.samples.length % size !== 0) {
    throw new ConfigError(
      `training samples hold ${train.samples.length} values, not a non-zero multiple of ${H}×${W}×${C}`,
    );
  }
  const count = train.samples.length / size;
  if (train.labels.length !== count) {
    throw new ConfigError(`training set has ${count} samples but ${train.labels.length} labels`);
  }
  if (!Number.isInteger(train.numClasses) || train.numClasses < 2) {
    throw new ConfigError(`numClasses must be an integer ≥ 2, got ${train.numClasses}`);
  }
  checkLabels('training', train.labels, train.numClasses);
  if (config.cutmix !== undefined && !(config.cutmix >= 0 && config.cutmix <= 1)) {
    throw new ConfigError(`cutmix must be a probability in [0, 1], got ${config.cutmix}`);
  }
  if (test) {
    if (
      test.images.length % size !== 0 ||
      test.images.length / size !== test.labels.length ||
      test.labels.length === 0
    ) {
      throw new ConfigError(
        `test set holds ${test.images.length} values for ${test.labels.length} labels of ${H}×${W}×${C} images`,
      );
    }
    checkLabels('test', test.labels, train.numClasses);
  }
  const teacher = opts.teacher?.config;
  if (
    teacher &&
    (teacher.numClasses !== train.numClasses || teacher.inputShape.join() !== train.shape.join())
  ) {
    throw new ConfigError(
      `the teacher takes [${teacher.inputShape.join(', ')}] images in ${teacher.numClasses} classes, the training set has [${train.shape.join(', ')}] in ${train.numClasses}`,
    );
  }
  checkPositiveInteger('epochs', config.epochs);
  checkPositiveInteger('batch size', config.batchSize);
  if (!(config.learningRate > 0) || !Number.isFinite(config.learningRate)) {
    throw new ConfigError(`learning rate must be a positive number, got ${config.learningRate}`);
  }
  if (!Number.isInteger(config.evalEvery) || config.evalEvery < -1) {
    throw new ConfigError(`evalEvery must be an integer ≥ -1, got ${config.evalEvery}`);
  }
  const sched = config.scheduleEpochs;
  if (sched !== undefined && (!Number.isInteger(sched) || sched < config.epochs)) {
    throw new ConfigError(
      `scheduleEpochs must be an integer ≥ epochs (${config.epochs}), got ${sched}`,
    );
  }
}

function checkLabels(which: string, labels: Int32Array, numClasses: number): void {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y < 0 || y >= numClasses) {
      throw new ConfigError(`${which} label ${y} at index ${i} is outside 0..${numClasses - 1}`);
    }
  }
}
