// Run presets (design.md §8): quick (about ten seconds here at the default size), standard (the
// app's defaults) and paper (the bundle's reference protocol: its epochs, width and test images,
// else design.md §5's). A preset sets the epochs, width and test images of the settings; the
// estimate of each is the engine's (budget.ts), shown before anything trains.
import type { ReferenceTable } from '../../src/engine/bundle/manifest';
import { TRAINING } from '../../src/engine/config';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export type PresetValues = Pick<Settings, 'epochs' | 'width' | 'testLimit'>;

export interface RunPreset {
  readonly id: 'quick' | 'standard' | 'paper';
  readonly label: string;
  readonly values: PresetValues;
  /** What it is, in a few words. */
  readonly note: string;
}

/**
 * Quick: a narrow network for a few dozen epochs, tested on 500 images (testing is most of a
 * small run's time; 500 is also the live subset, so there is no separate final pass): about 10 s
 * at the default size on wasm with 2 threads here (30 epochs on 1,000 images took 14 s, 9.4 s of
 * it testing; docs/design.md §8).
 */
export const QUICK: PresetValues = { epochs: 30, width: 32, testLimit: 500 };

const positive = (v: unknown): number | null =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;

/** The three presets for a bundle whose reference table is `table`. */
export function runPresets(table: ReferenceTable | undefined): RunPreset[] {
  const p = table?.protocol ?? {};
  const paper: PresetValues = {
    epochs: positive(p.epochs) ?? TRAINING.epochs,
    width: positive(p.width) ?? DEFAULT_SETTINGS.width,
    testLimit: positive(p.testImages),
  };
  const { epochs, width, testLimit } = DEFAULT_SETTINGS;
  return [
    { id: 'quick', label: 'Quick', values: QUICK, note: 'a first look' },
    {
      id: 'standard',
      label: 'Standard',
      values: { epochs, width, testLimit },
      note: 'the default',
    },
    {
      id: 'paper',
      label: 'Paper',
      values: paper,
      note: table ? 'the reference table’s protocol' : 'the paper’s protocol',
    },
  ];
}

/** The preset the settings match, or null. */
export function activePreset(
  settings: PresetValues,
  presets: readonly RunPreset[],
): RunPreset | null {
  return (
    presets.find(
      (p) =>
        p.values.epochs === settings.epochs &&
        p.values.width === settings.width &&
        p.values.testLimit === settings.testLimit,
    ) ?? null
  );
}
