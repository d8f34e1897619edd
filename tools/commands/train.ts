// `yoco train <bundle> --ipc … --method <token> [--epochs E] [--width W] [--seed S] [--backend wasm|cpu]
// [--json]`: prune with a method, train ConvNet-D3, evaluate on the bundle's test set (overall and
// per class, with the confusion matrix), all through the engine session (the app's orchestrator),
// so the numbers are the app's for the same settings.
import { getBoolean, parseFolderCommand, type FlagSpecs } from '../lib/args';
import { initNodeBackend } from '../lib/backend-node';
import { runProtocol, TRAIN_FLAGS, trainFlags } from '../lib/experiment-flags';
import { backendLine, openBundleSession } from '../lib/session-node';
import { SELECT_FLAGS, selectionRequest } from './select';
import type { EpochReport } from '../../src/engine/types';
import { describePerClass } from '../../src/engine/test-subset';
import { selectionToken } from '../../src/engine/select/selection';
import { perClassAccuracy } from '../../src/engine/train/confusion';
import { formatDuration } from '../lib/progress';
import { formatPerClass } from '../lib/per-class';

export const FLAGS: FlagSpecs = {
  ...SELECT_FLAGS,
  ...TRAIN_FLAGS,
  json: { kind: 'boolean', description: 'print one JSON object (progress still goes to stderr)' },
  quiet: { kind: 'boolean', description: 'no per-epoch progress' },
  help: { kind: 'boolean', description: 'show this help' },
};

const SYNOPSIS = '<bundle-folder> --ipc <IPC_T> --method <token> [options]';

export async function runTrain(argv: string[]): Promise<number> {
  const cmd = parseFolderCommand(argv, FLAGS, 'train', SYNOPSIS);
  if (!cmd) return 0;
  const { args, dir } = cmd;
  const tf = trainFlags(args);
  const { session, bundle } = await openBundleSession(dir);
  const { ipcT, request: req } = selectionRequest(args, bundle);
  const { backend, threads } = await initNodeBackend(
    tf.backend,
    tf.threads !== undefined ? { threads: tf.threads } : {},
  );
  const quiet = getBoolean(args, 'quiet') === true;
  let lastPrint = 0;
  const printEpoch = (r: EpochReport): void => {
    const now = Date.now();
    if (quiet || (now - lastPrint < 2000 && r.epoch !== r.epochs)) return;
    lastPrint = now;
    const eta = ((r.epochs - r.epoch) * r.elapsedMs) / r.epoch / 1000;
    const test = r.testAccuracy !== undefined ? `  test ${(100 * r.testAccuracy).toFixed(2)}%` : '';
    process.stderr.write(
      `epoch ${r.epoch}/${r.epochs}  loss ${r.loss.toFixed(4)}  train ${(100 * r.trainAccuracy).toFixed(1)}%` +
        `${test}  ${r.samplesPerSec.toFixed(0)} samples/s  ETA ${formatDuration(eta)}\n`,
    );
  };
  const result = await session.train(
    { ...req, ...runProtocol(tf) },
    {
      onEvent: (e) => {
        if (e.type === 'epoch') printEpoch(e.report);
        else if (e.type === 'backend') process.stderr.write(backendLine(e));
      },
    },
  );
  const summary = {
    bundle: bundle.manifest.id,
    method: req.method,
    prefer: req.prefer,
    balanced: req.balanced,
    selection: selectionToken(req),
    ipc: ipcT,
    perClass: req.perClass,
    samples: result.indices.length,
    seed: req.seed,
    epochs: tf.epochs,
    width: tf.width,
    depth: tf.depth,
    batchSize: tf.batchSize,
    labels: tf.labels ?? 'hard',
    backend: result.backend,
    threads: result.backend === backend ? threads : 1,
    testImages: result.testCount,
    testSubset: result.testCount < bundle.testLabels.length ? 'stratified' : 'all',
    testPerClass: result.testPerClass,
    testAccuracy: result.testAccuracy,
    // Per class, in the manifest's class order; null for a class without test images.
    classes: bundle.manifest.classes,
    perClassAccuracy: perClassAccuracy(result.confusion),
    confusion: result.confusion,
    seconds: result.elapsedMs / 1000,
  };
  if (getBoolean(args, 'json')) {
    console.log(JSON.stringify(summary));
  } else {
    const subset =
      summary.testSubset === 'stratified'
        ? ` (stratified: ${describePerClass(result.testPerClass)})`
        : '';
    console.log(
      `${selectionToken(req)} IPC_T ${ipcT} (${result.indices.length} samples), ${tf.epochs} epochs, width ${tf.width}, ${summary.labels} labels, ` +
        `${result.backend}: test accuracy ${(100 * result.testAccuracy).toFixed(2)}% on ${result.testCount} images${subset} ` +
        `(${formatDuration(summary.seconds)})`,
    );
    console.log(`per class: ${formatPerClass(summary.classes, summary.perClassAccuracy)}`);
  }
  return 0;
}
