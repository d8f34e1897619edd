// The left column: target size, method, training controls and the device budget.
import { BudgetPanel } from './budget-panel';
import { ClassCountBar } from './class-count-bar';
import { FieldScope } from './field-scope';
import { IpcSlider } from './ipc-slider';
import { MethodSelect } from './method-select';
import { RunEstimate } from './run-estimate';
import { TrainControls } from './train-controls';

export function ControlsPanel() {
  return (
    <div className="controls">
      <section className="card card-resize" aria-labelledby="size-title">
        <h2 id="size-title">Resize</h2>
        <IpcSlider />
        <RunEstimate />
        <MethodSelect />
        <ClassCountBar />
      </section>
      <section className="card card-train" aria-labelledby="train-title">
        <h2 id="train-title">Train on this device</h2>
        <TrainControls />
      </section>
      <section className="card card-budget" aria-labelledby="budget-title">
        <h2 id="budget-title">Device budget</h2>
        <FieldScope name="device budget">
          <BudgetPanel />
        </FieldScope>
      </section>
    </div>
  );
}
