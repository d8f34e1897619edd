// Run presets (lib/presets.ts): quick, standard and paper, each setting the epochs, width and test
// images at once, with its estimated time here when this device's speed at its width (and label
// mode) is known. Paper follows the reference table of the current label mode.
import { useMemo } from 'react';
import { referenceTableFor } from '../../src/engine/bundle/manifest';
import { estimateRunFor } from '../lib/budget-fit';
import { formatSeconds } from '../lib/format';
import { activePreset, runPresets, type RunPreset } from '../lib/presets';
import { useApp } from '../store/context';
import { runLabels } from '../store/selectors';

export function RunPresets() {
  const view = useApp((s) => s.view);
  const settings = useApp((s) => s.settings);
  const perClass = useApp((s) => s.perClass);
  const backend = useApp((s) => s.backend);
  const throughput = useApp((s) => s.budget.throughput);
  const update = useApp((s) => s.updateSettings);
  const labels = useApp(runLabels);
  const table = view ? referenceTableFor(view.manifest, labels) : undefined;
  const presets = useMemo(() => runPresets(table), [table]);
  if (!view) return null;
  const active = activePreset(settings, presets);
  const estimate = (p: RunPreset): string | null => {
    const e = estimateRunFor(
      throughput,
      backend,
      { ...settings, labels, ...p.values },
      perClass,
      view.manifest.classes.length,
      view.testCount,
    );
    return e ? `about ${formatSeconds(e.totalSec * 1000)}` : null;
  };
  return (
    <div className="run-presets" role="group" aria-label="Run presets" data-testid="run-presets">
      {presets.map((p) => {
        const { epochs, width, testLimit } = p.values;
        const tests =
          testLimit === null ? 'all test images' : `${testLimit.toLocaleString()} test images`;
        const time = estimate(p);
        return (
          <button
            key={p.id}
            type="button"
            className="secondary preset"
            data-testid={`preset-${p.id}`}
            aria-pressed={active?.id === p.id}
            title={`${epochs} epochs, width ${width}, ${tests}: ${p.note}`}
            onClick={() => update(p.values)}
          >
            <span className="preset-name">{p.label}</span>
            <span className="preset-meta">{time ?? `${epochs} epochs · width ${width}`}</span>
          </button>
        );
      })}
    </div>
  );
}
