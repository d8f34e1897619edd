// The settings a training run is made of, beside its selection (method, size, seed) and backend:
// they travel unchanged from the app's settings to the run's parameters (app/store/selectors.ts)
// and into the engine's TrainRequest (app/store/run-events.ts), and the CLI reads them as flags
// (tools/lib/experiment-flags.ts), all from this list. A new training knob is a row in schema.ts,
// its name here, and the engine code that uses it.
import type { SettingName, Settings } from './schema';

export const TRAINING_SETTINGS = [
  'epochs',
  'width',
  'depth',
  'batchSize',
  'testLimit',
  'labels',
] as const satisfies readonly SettingName[];

export type TrainingSettingName = (typeof TRAINING_SETTINGS)[number];

/** The training settings as a request carries them: a null setting (unset) is left out. */
export type TrainingFields = {
  readonly [K in TrainingSettingName]?: Exclude<Settings[K], null>;
};

/** The training settings of `values` for a request: each one that is set. */
export function trainingFields(values: Pick<Settings, TrainingSettingName>): TrainingFields {
  const out: Record<string, unknown> = {};
  for (const name of TRAINING_SETTINGS) {
    const v = values[name];
    if (v !== null) out[name] = v;
  }
  return out as TrainingFields;
}
