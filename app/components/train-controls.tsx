// Train and Stop buttons, the run presets (quick, standard, paper) and the training settings
// (epochs, width, seed, test images, labels, auto-train).
import { describeProtocol } from '../../src/engine/config';
import { labelsProtocol } from '../lib/labels';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { settingRow } from '../../src/engine/settings/schema';
import { useApp } from '../store/context';
import { runLabels } from '../store/selectors';
import { LabelsField } from './labels-field';
import { RunPresets } from './run-presets';
import { SettingField } from './setting-field';
import { StartStopButtons } from './start-stop-buttons';

export function TrainControls() {
  const ready = useApp((s) => s.load.status === 'ready');
  const running = useApp((s) => s.run.status === 'running');
  const settings = useApp((s) => s.settings);
  const testCount = useApp((s) => s.view?.testCount ?? 0);
  const update = useApp((s) => s.updateSettings);
  const startRun = useApp((s) => s.startRun);
  const stopRun = useApp((s) => s.stopRun);
  const labels = useApp(runLabels);
  const { width, depth, batchSize, epochs } = settings;
  const protocol = describeProtocol({ width, depth, batchSize, epochs });
  return (
    <div className="train-controls">
      <StartStopButtons
        label={running ? 'Restart' : 'Train'}
        testId="train-button"
        stopTestId="stop-button"
        canStart={ready}
        canStop={running}
        onStart={() => void startRun()}
        onStop={stopRun}
      />
      <RunPresets />
      <div className="field-grid">
        <SettingField name="epochs" testId="epochs-input" />
        <SettingField name="width" testId="width-input" />
        <SettingField name="seed" testId="seed-input" />
        <SettingField
          name="testLimit"
          testId="test-limit-input"
          max={Math.max(1, testCount)}
          placeholder={`all (${testCount})`}
        />
      </div>
      <LabelsField />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.autoTrain}
          data-testid="autotrain-toggle"
          onChange={(e) => update({ autoTrain: e.target.checked })}
        />
        {settingRow('autoTrain').label}
      </label>
      <details className="train-details">
        <summary>Training details</summary>
        <p className="hint" data-testid="protocol-hint">
          {protocol.model}, width {protocol.width}, batch {protocol.batchSize}, {protocol.optimizer}
          ; {protocol.augmentation}; {labelsProtocol(labels)}. The paper trains{' '}
          {describeProtocol().epochs} epochs, the app defaults to {DEFAULT_SETTINGS.epochs} for a
          quick on-device run.
        </p>
      </details>
    </div>
  );
}
