// Live per-epoch charts of the current run: training loss, training accuracy, test accuracy.
import { testSubsetHint } from '../lib/testSubsetHint';
import { useApp } from '../store/context';
import { EpochProgress } from './EpochProgress';
import { LineChart } from './LineChart';

export function TrainingCharts() {
  const reports = useApp((s) => s.run.reports);
  const epochs = useApp((s) => s.run.epochs);
  const testCount = useApp((s) => s.run.testCount);
  const epochTestCount = useApp((s) => s.run.epochTestCount);
  const total = useApp((s) => s.view?.testCount ?? 0);
  const result = useApp((s) => s.run.result);
  const hint = testSubsetHint({ total, testCount, epochTestCount }, result);
  const xDomain: readonly [number, number] = [0, Math.max(1, epochs)];
  const loss = reports.map((r) => [r.epoch, r.loss] as const);
  const train = reports.map((r) => [r.epoch, r.trainAccuracy * 100] as const);
  const test = reports
    .filter((r) => r.testAccuracy !== undefined)
    .map((r) => [r.epoch, r.testAccuracy! * 100] as const);
  return (
    <section className="card card-training" aria-labelledby="training-title">
      <div className="card-head">
        <h2 id="training-title">Training</h2>
      </div>
      <EpochProgress />
      <div className="charts">
        <LineChart
          title="Training loss"
          testId="chart-loss"
          xLabel="epoch"
          integerX
          xDomain={xDomain}
          series={[{ name: 'loss', color: 'var(--c-loss)', points: loss }]}
        />
        <LineChart
          title="Training accuracy (%)"
          testId="chart-train-accuracy"
          xLabel="epoch"
          integerX
          xDomain={xDomain}
          yDomain={[0, 100]}
          series={[{ name: 'train accuracy', color: 'var(--c-train)', points: train }]}
        />
        <LineChart
          title="Test accuracy (%)"
          testId="chart-test-accuracy"
          xLabel="epoch"
          integerX
          xDomain={xDomain}
          yDomain={[0, 100]}
          series={[{ name: 'test accuracy', color: 'var(--c-test)', points: test }]}
        />
      </div>
      {hint && (
        <p className="hint" data-testid="test-subset-hint">
          {hint}
        </p>
      )}
    </section>
  );
}
