// What a comparison will cost on this device before it starts (design.md §8): its runs (methods ×
// seeds, each at the current size and settings) times one run's estimate, from the same
// measurement and arithmetic as the run estimate beside the slider.
import { estimateRunFor } from '../lib/budget-fit';
import { backendLabel, formatSeconds, plural } from '../lib/format';
import { useApp } from '../store/context';

export function CompareEstimate({ methods }: { readonly methods: number }) {
  const view = useApp((s) => s.view);
  const perClass = useApp((s) => s.perClass);
  const settings = useApp((s) => s.settings);
  const backend = useApp((s) => s.backend);
  const throughput = useApp((s) => s.budget.throughput);
  if (!view || methods === 0) return null;
  const runs = methods * settings.compareSeeds;
  const one = estimateRunFor(
    throughput,
    backend,
    settings,
    perClass,
    view.manifest.classes.length,
    view.testCount,
  );
  const count = `${plural(runs, 'run')} (${plural(methods, 'method')} × ${plural(settings.compareSeeds, 'seed')})`;
  return (
    <p
      className="hint run-estimate"
      data-testid="compare-estimate"
      data-ms={one ? Math.round(runs * one.totalSec * 1000) : ''}
    >
      {one
        ? `${count}: about ${formatSeconds(runs * one.totalSec * 1000)} in all on ${backendLabel(backend)} here, ${formatSeconds(one.totalSec * 1000)} each.`
        : `${count}; the estimate appears once this device’s speed is measured.`}
    </p>
  );
}
