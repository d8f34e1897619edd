// The Compare card: choose methods (one entry per distinct selection; by default YOCO, random
// balanced and the bundle's best other reference row at this IPC, with one line saying why), train
// them all at the current size with the
// same settings over a few seeds, one after another, then read them side by side: accuracy bars
// with their spread, the reference cells, and per-class differences from YOCO. It trains with the
// current label mode and says which; its references are the table of that mode.
import { useMemo, useState } from 'react';
import { referenceTableFor } from '../../src/engine/bundle/manifest';
import {
  COMPARE_BASELINE,
  compareDefaultsNote,
  defaultCompareMethods,
  referenceProtocolText,
} from '../lib/compare-plan';
import { classDifferences, summarizeRuns } from '../lib/compare-stats';
import { formatIpc } from '../lib/format';
import { labelsText } from '../lib/labels';
import { multisizePrefixes } from '../../src/engine/bundle/multisize';
import { DISTINCT_METHOD_OPTIONS, methodLabel, offeredOptions } from '../lib/methods';
import { useApp } from '../store/context';
import { runLabels } from '../store/selectors';
import { CompareBars } from './compare-bars';
import { CompareClasses } from './compare-classes';
import { CompareEstimate } from './compare-estimate';
import { SettingField } from './setting-field';
import { StartStopButtons } from './start-stop-buttons';

/** The seeds a comparison trains with: `seed 3` or `seeds 3–5`. */
const seedsText = (first: number, count: number): string =>
  count <= 1 ? `seed ${first}` : `seeds ${first}–${first + count - 1}`;

export function ComparePanel() {
  const view = useApp((s) => s.view);
  const perClass = useApp((s) => s.perClass);
  const compare = useApp((s) => s.compare);
  const current = useApp((s) => s.run.params);
  const startCompare = useApp((s) => s.startCompare);
  const stopRun = useApp((s) => s.stopRun);
  const labels = useApp(runLabels);
  const table = view ? referenceTableFor(view.manifest, labels) : undefined;
  const factor = view?.manifest.factor ?? 1;
  const multisize = view ? multisizePrefixes(view.manifest) !== null : false;
  const ipc = perClass / (factor * factor);
  const defaults = useMemo(() => defaultCompareMethods(table, ipc), [table, ipc]);
  /** The user's choice of methods; null: the defaults for this bundle and size. */
  const [chosen, setChosen] = useState<readonly string[] | null>(null);
  const methods = chosen ?? defaults;
  const running = compare.status === 'running';
  const toggle = (id: string): void =>
    setChosen(methods.includes(id) ? methods.filter((m) => m !== id) : [...methods, id]);

  const { params } = compare;
  // The comparison's own references: the table of the labels it trained with.
  const shownTable = view && params ? referenceTableFor(view.manifest, params.labels) : table;
  const shownIpc = params ? params.perClass / (factor * factor) : ipc;
  const seedCount = compare.total / Math.max(1, compare.methods.length);
  const summaries = summarizeRuns(compare.runs, compare.methods);
  const diff = classDifferences(summaries, view?.manifest.classes ?? [], COMPARE_BASELINE);
  return (
    <section className="card card-compare" aria-labelledby="compare-title">
      <div className="card-head">
        <h2 id="compare-title">Compare</h2>
        <span className="muted" data-testid="compare-head">
          same settings and seeds, {labelsText(labels)}, at IPC {formatIpc(perClass, factor)} (
          {perClass} per class)
        </span>
      </div>
      <details className="compare-methods">
        <summary data-testid="compare-methods-summary">
          Methods: {methods.map(methodLabel).join(' · ') || 'none'}
        </summary>
        <div className="compare-method-list">
          {offeredOptions(DISTINCT_METHOD_OPTIONS, multisize).map((o) => (
            <label key={o.token} className="checkbox">
              <input
                type="checkbox"
                checked={methods.includes(o.token)}
                disabled={running}
                onChange={() => toggle(o.token)}
              />
              {o.label}
            </label>
          ))}
        </div>
      </details>
      <p className="hint compare-why" data-testid="compare-why">
        {chosen === null ? compareDefaultsNote(table, ipc) : 'Your own choice of methods.'}
        {chosen !== null && (
          <>
            {' '}
            <button
              type="button"
              className="link"
              disabled={running}
              onClick={() => setChosen(null)}
            >
              Back to the preselection
            </button>
          </>
        )}
      </p>
      <CompareEstimate methods={methods.length} />
      <div className="compare-actions">
        <div className="field-grid">
          <SettingField name="compareSeeds" testId="compare-seeds" />
        </div>
        <StartStopButtons
          label="Compare"
          testId="compare-button"
          stopTestId="compare-stop"
          canStart={view !== null && methods.length > 0 && !running}
          canStop={running}
          onStart={() => void startCompare(methods)}
          onStop={stopRun}
        />
      </div>
      <p className="hint" data-testid="compare-status" data-status={compare.status}>
        {running && current
          ? `Run ${compare.runs.length + 1} of ${compare.total}: ${methodLabel(current.method)}, seed ${current.seed}.`
          : compare.status === 'stopped'
            ? `Stopped after ${compare.runs.length} of ${compare.total} runs.`
            : compare.status === 'error'
              ? `A run failed: ${compare.error ?? 'unknown error'}.`
              : compare.status === 'done'
                ? `Finished: ${compare.total} runs, each saved in the results.`
                : 'Trains each method in turn; Stop, a new size or a changed setting ends it.'}
      </p>
      {params && summaries.length > 0 && (
        <div className="compare-results" data-testid="compare-results">
          <p className="muted compare-settings" data-testid="compare-settings">
            {`IPC ${formatIpc(params.perClass, factor)}, ${params.epochs} epochs, ` +
              `width ${params.width}, ${labelsText(params.labels)}, ${seedsText(params.seed, seedCount)}.`}
          </p>
          <CompareBars summaries={summaries} table={shownTable} ipc={shownIpc} />
          {shownTable ? (
            <p className="hint" data-testid="compare-reference-note">
              Ticks and “reference” values: the bundle’s reference table for{' '}
              {labelsText(params.labels)} at this IPC, measured with{' '}
              {referenceProtocolText(shownTable)}; your settings may differ.
            </p>
          ) : (
            params.labels === 'teacher' && (
              <p className="hint" data-testid="compare-reference-note">
                No ticks: this bundle has no reference table for teacher labels.
              </p>
            )
          )}
          {diff && diff.others.length > 0 && (
            <>
              <h3>Per class, against {methodLabel(diff.baseline.method)}</h3>
              <CompareClasses {...diff} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
