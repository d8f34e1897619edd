// The left column: target size, method, training controls and the device budget.
import { BudgetPanel } from './BudgetPanel';
import { ClassCountBar } from './ClassCountBar';
import { IpcSlider } from './IpcSlider';
import { MethodSelect } from './MethodSelect';
import { TrainControls } from './TrainControls';

export function ControlsPanel() {
  return (
    <div className="controls">
      <section className="card card-resize" aria-labelledby="size-title">
        <h2 id="size-title">Resize</h2>
        <IpcSlider />
        <MethodSelect />
        <ClassCountBar />
      </section>
      <section className="card card-train" aria-labelledby="train-title">
        <h2 id="train-title">Train on this device</h2>
        <TrainControls />
      </section>
      <section className="card card-budget" aria-labelledby="budget-title">
        <h2 id="budget-title">Device budget</h2>
        <BudgetPanel />
      </section>
    </div>
  );
}
