// Train and Stop buttons plus the training settings (epochs, width, seed, test images, auto-train).
import { DEFAULT_SETTINGS } from '../lib/settings';
import { useApp } from '../store/context';
import { NumberField } from './NumberField';

export function TrainControls() {
  const ready = useApp((s) => s.load.status === 'ready');
  const running = useApp((s) => s.run.status === 'running');
  const settings = useApp((s) => s.settings);
  const testCount = useApp((s) => s.view?.testCount ?? 0);
  const update = useApp((s) => s.updateSettings);
  const startRun = useApp((s) => s.startRun);
  const stopRun = useApp((s) => s.stopRun);
  return (
    <div className="train-controls">
      <div className="button-row">
        <button
          type="button"
          className="primary"
          data-testid="train-button"
          disabled={!ready}
          onClick={() => void startRun()}
        >
          {running ? 'Restart' : 'Train'}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="stop-button"
          disabled={!running}
          onClick={stopRun}
        >
          Stop
        </button>
      </div>
      <div className="field-grid">
        <NumberField
          label="Epochs"
          value={settings.epochs}
          min={1}
          max={100000}
          testId="epochs-input"
          onChange={(v) => v !== null && update({ epochs: v })}
        />
        <NumberField
          label="Width"
          value={settings.width}
          min={1}
          max={1024}
          testId="width-input"
          onChange={(v) => v !== null && update({ width: v })}
        />
        <NumberField
          label="Seed"
          value={settings.seed}
          min={0}
          max={2 ** 31 - 1}
          testId="seed-input"
          onChange={(v) => v !== null && update({ seed: v })}
        />
        <NumberField
          label="Test images"
          value={settings.testLimit}
          min={1}
          max={Math.max(1, testCount)}
          optional
          placeholder={`all (${testCount})`}
          testId="test-limit-input"
          onChange={(v) => update({ testLimit: v })}
        />
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.autoTrain}
          data-testid="autotrain-toggle"
          onChange={(e) => update({ autoTrain: e.target.checked })}
        />
        Train when the slider is released
      </label>
      <p className="hint">
        ConvNet-D{settings.depth}, width {settings.width}, batch {settings.batchSize}, SGD (lr 0.01,
        momentum 0.9); the paper trains 1000 epochs, the app defaults to {DEFAULT_SETTINGS.epochs}{' '}
        for a quick on-device run.
      </p>
    </div>
  );
}
