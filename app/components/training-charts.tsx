// Live per-epoch charts of the current run: training loss, training accuracy, test accuracy; once
// it has finished, its per-class accuracy and confusion matrix.
import type { EpochReport } from '../../src/engine/types';
import { testSubsetHint } from '../lib/test-subset-hint';
import { useApp } from '../store/context';
import { runEpochTestCount, runTestCount } from '../store/selectors';
import { ClassResultsView } from './class-results-view';
import { EpochProgress } from './epoch-progress';
import { LineChart } from './line-chart';
import { RunContext } from './run-context';

interface EpochChart {
  readonly title: string;
  readonly testId: string;
  readonly series: string;
  readonly color: string;
  /** Percentages: y from 0 to 100. */
  readonly percent: boolean;
  /** The report's value (undefined: no point for that epoch). */
  readonly value: (r: EpochReport) => number | undefined;
}

const CHARTS: readonly EpochChart[] = [
  {
    title: 'Training loss',
    testId: 'chart-loss',
    series: 'loss',
    color: 'var(--c-loss)',
    percent: false,
    value: (r) => r.loss,
  },
  {
    title: 'Training accuracy (%)',
    testId: 'chart-train-accuracy',
    series: 'train accuracy',
    color: 'var(--c-train)',
    percent: true,
    value: (r) => r.trainAccuracy * 100,
  },
  {
    title: 'Test accuracy (%)',
    testId: 'chart-test-accuracy',
    series: 'test accuracy',
    color: 'var(--c-test)',
    percent: true,
    value: (r) => (r.testAccuracy === undefined ? undefined : r.testAccuracy * 100),
  },
];

function points(reports: readonly EpochReport[], chart: EpochChart): [number, number][] {
  return reports.flatMap((r) => {
    const v = chart.value(r);
    return v === undefined ? [] : [[r.epoch, v] as [number, number]];
  });
}

export function TrainingCharts() {
  const reports = useApp((s) => s.run.reports);
  const epochs = useApp((s) => s.run.params?.epochs ?? 0);
  const testCount = useApp(runTestCount);
  const epochTestCount = useApp(runEpochTestCount);
  const total = useApp((s) => s.view?.testCount ?? 0);
  const result = useApp((s) => s.run.result);
  const classNames = useApp((s) => s.view?.manifest.classes);
  const hint = testSubsetHint({ total, testCount, epochTestCount }, result);
  const xDomain: readonly [number, number] = [0, Math.max(1, epochs)];
  return (
    <section className="card card-training" aria-labelledby="training-title">
      <div className="card-head">
        <h2 id="training-title">Training</h2>
      </div>
      <EpochProgress />
      <RunContext />
      <div className="charts">
        {CHARTS.map((c) => (
          <LineChart
            key={c.testId}
            title={c.title}
            testId={c.testId}
            xLabel="epoch"
            integerX
            xDomain={xDomain}
            yDomain={c.percent ? [0, 100] : undefined}
            series={[{ name: c.series, color: c.color, points: points(reports, c) }]}
          />
        ))}
      </div>
      {hint && (
        <p className="hint" data-testid="test-subset-hint">
          {hint}
        </p>
      )}
      {result && classNames && (
        <div className="run-details">
          <h3>Per class, on the {result.testCount.toLocaleString()} test images</h3>
          <ClassResultsView
            results={{ classNames, confusion: result.confusion }}
            testId="run-class-results"
          />
        </div>
      )}
    </section>
  );
}
