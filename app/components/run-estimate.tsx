// What a run at the slider's size will cost on this device, before it starts (design.md §8): the
// estimate from the speed measured on the active backend (training steps and test evaluations,
// engine budget.ts), updated as the slider is dragged, since releasing it starts training.
import { estimateRunFor } from '../lib/budget-fit';
import { backendLabel, formatSeconds, plural } from '../lib/format';
import { useApp } from '../store/context';
import { sliderValue } from '../store/selectors';

export function RunEstimate() {
  const view = useApp((s) => s.view);
  const perClass = useApp(sliderValue);
  const settings = useApp((s) => s.settings);
  const backend = useApp((s) => s.backend);
  const throughput = useApp((s) => s.budget.throughput);
  const choosing = useApp((s) => s.budget.choosing);
  const choice = useApp((s) => s.budget.choice);
  if (!view) return null;
  const { classes } = view.manifest;
  const estimate = estimateRunFor(
    throughput,
    backend,
    settings,
    perClass,
    classes.length,
    view.testCount,
  );
  const mine =
    choice?.backend === backend ? choice.probes.find((p) => p.backend === backend) : null;
  const software = mine?.outcome === 'software' ? mine.reason : null;
  const when = settings.autoTrain ? 'Releasing the slider trains' : 'Train runs';
  let text: string;
  if (estimate) {
    const total = formatSeconds(estimate.totalSec * 1000);
    text =
      `${when} ${plural(settings.epochs, 'epoch')} at ${plural(perClass, 'patch', 'patches')} per class: ` +
      `about ${total} on ${backendLabel(backend)} here (training ${formatSeconds(estimate.trainSec * 1000)}, ` +
      `testing ${formatSeconds(estimate.evalSec * 1000)}).`;
  } else if (choosing) {
    text = 'Measuring this device’s speed for an estimate…';
  } else if (software) {
    text = `No estimate: ${backendLabel(backend)} here is ${software}, where one training step can take minutes. Auto or wasm is faster.`;
  } else {
    text = 'The estimate appears once this device’s speed is measured.';
  }
  return (
    <p
      className="run-estimate"
      data-testid="run-estimate"
      data-ms={estimate ? Math.round(estimate.totalSec * 1000) : ''}
    >
      {text}
    </p>
  );
}
