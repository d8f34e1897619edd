// Every user setting in one table, in the manner of TensorFlow Playground's PROPS: each row names
// the setting, its default, its kind and bounds (settings/kinds.ts), a short label, its URL
// parameter and, for the CLI, its help. Generated from it: the app's Settings and DEFAULT_SETTINGS,
// its URL both ways (settings/url.ts) and its number fields, and the CLI's flags for the same
// knobs (tools/lib/setting-flags.ts; a flag is named for the URL parameter in kebab-case:
// `testLimit` → `--test-limit`). Defaults that the engine also uses come from config.ts.
import { MODEL, TRAINING } from '../config';
import { BACKEND_ORDER, LABEL_MODES, METHODS } from '../types';
import type { SettingKind, SettingValue } from './kinds';

export interface SettingRow {
  readonly name: string;
  /** The URL parameter; the CLI flag is its kebab-case. */
  readonly url: string;
  readonly kind: SettingKind;
  /** The app's default; null: unset (the setting says what that means). */
  readonly default: SettingValue;
  /** The CLI's default, where it differs from the app's. */
  readonly cliDefault?: SettingValue;
  readonly label: string;
  /** What a valid value is, for the warning on an invalid one (by default from the kind). */
  readonly expected?: string;
  /** The CLI flag's description (by default the label); "(default …)" is added unless it says. */
  readonly help?: string;
}

/** Every setting, in the order the URL writes them. */
export const SETTINGS = [
  {
    name: 'bundle',
    url: 'bundle',
    kind: { type: 'bundle' },
    default: null, // the index's default
    label: 'Dataset',
  },
  {
    name: 'method',
    url: 'method',
    kind: { type: 'selection' },
    default: 'yoco',
    label: 'Selection method',
    help:
      `selection method: ${METHODS.join(', ')} (yoco = LBPE, easy, balanced), ` +
      'or a token with variants +easy, +hard, +balanced, +imbalanced (lbpe+hard+balanced)',
  },
  {
    // Target size in IPC units (n / f²); the app resolves it to `perClass` on load.
    name: 'ipc',
    url: 'ipc',
    kind: { type: 'number', min: 0, max: 1e6, exclusiveMin: true },
    default: null,
    label: 'Target size (IPC)',
    expected: 'a positive number (IPC units, n / f²)',
    help: 'target IPC_T in stored-image units (fractions allowed: 0.25 = 1 sample/class at f=2)',
  },
  {
    // Samples per class asked for directly; wins over `ipc`.
    name: 'perClass',
    url: 'n',
    kind: { type: 'int', min: 1, max: 1e7 },
    default: null,
    label: 'Samples per class',
    expected: 'a positive integer (samples per class)',
  },
  {
    name: 'epochs',
    url: 'epochs',
    kind: { type: 'int', min: 1, max: 100_000 },
    // The app: 100, not the table's 200: YOCO at IPC_T 1 on the DM bundle reaches 72.0 ± 0.2 at
    // 100 epochs (the table: 72.3 ± 0.3) in about a minute on a 2-core laptop; 20 epochs gave
    // 66.6 ± 1.0 and exaggerated YOCO's lead over random (docs/design.md §8). The CLI: the paper's.
    default: 100,
    cliDefault: TRAINING.epochs,
    label: 'Epochs',
    help: `training epochs (default ${TRAINING.epochs}, the paper protocol)`,
  },
  {
    // Width² conv weights and batch × width activations: 1024 is 8× the paper's, still in memory.
    name: 'width',
    url: 'width',
    kind: { type: 'int', min: 1, max: 1024 },
    default: MODEL.width,
    label: 'Width',
    help: 'ConvNet-D3 width',
  },
  {
    // Each block halves the image: depth 8 already needs 256×256 inputs.
    name: 'depth',
    url: 'depth',
    kind: { type: 'int', min: 1, max: 8 },
    default: MODEL.depth,
    label: 'Depth',
    help: 'ConvNet depth',
  },
  {
    name: 'batchSize',
    url: 'batch',
    kind: { type: 'int', min: 1, max: 4096 },
    default: TRAINING.batchSize,
    label: 'Batch',
    help: 'batch size',
  },
  {
    // The training targets: each image's class, or the bundle's teacher's soft labels.
    name: 'labels',
    url: 'labels',
    kind: { type: 'choice', options: LABEL_MODES },
    default: 'hard',
    label: 'Labels',
    help: "training targets: hard (each image's class) or teacher (the bundle's teacher labels every augmented batch)",
  },
  {
    name: 'seed',
    url: 'seed',
    kind: { type: 'int', min: 0, max: 2 ** 31 - 1 },
    default: 0,
    label: 'Seed',
    expected: 'a non-negative integer',
    help: 'seed for random, CCS and k-means',
  },
  {
    // Evaluate on this many test images, a stratified subset (null: all).
    name: 'testLimit',
    url: 'testLimit',
    kind: { type: 'int', min: 1, max: 1e8 },
    default: null,
    label: 'Test images',
    expected: 'a positive integer',
    help: 'evaluate on a stratified subset of N test images, equal per class (default: all)',
  },
  {
    // The preferred backend (null: the best available).
    name: 'backend',
    url: 'backend',
    kind: { type: 'choice', options: BACKEND_ORDER },
    default: null,
    label: 'Compute backend',
  },
  {
    // Time budget for "as large as my device allows", seconds.
    name: 'budgetSeconds',
    url: 'budget',
    kind: { type: 'number', min: 1, max: 86_400 },
    default: 60,
    label: 'Time budget (s)',
    expected: 'seconds from 1 to 86400',
  },
  {
    // Start training when the slider is released.
    name: 'autoTrain',
    url: 'autotrain',
    kind: { type: 'flag' },
    default: true,
    label: 'Train when the slider is released',
  },
  {
    // Seeds each method of a comparison trains with (seed, seed + 1, …).
    name: 'compareSeeds',
    url: 'cseeds',
    kind: { type: 'int', min: 1, max: 10 },
    default: 2,
    label: 'Seeds per method',
    expected: 'an integer from 1 to 10 (seeds each compared method trains with)',
  },
] as const satisfies readonly SettingRow[];

type Row = (typeof SETTINGS)[number];

export type SettingName = Row['name'];

type KindValue<K> = K extends { type: 'int' | 'number' }
  ? number
  : K extends { type: 'choice'; options: readonly (infer O)[] }
    ? O
    : K extends { type: 'flag' }
      ? boolean
      : string;

/** A row's value: its kind's, or null where its default is null. */
type ValueOf<R extends Row> = KindValue<R['kind']> | (R['default'] extends null ? null : never);

/** The user's settings: what to load, how to select and how to train. */
export type Settings = { readonly [R in Row as R['name']]: ValueOf<R> };

/** The settings that take a number (their rows have bounds). */
export type NumericSettingName = Extract<Row, { kind: { type: 'int' | 'number' } }>['name'];

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(
  SETTINGS.map((r) => [r.name, r.default]),
) as unknown as Settings;

export function settingRow(name: SettingName): SettingRow {
  return SETTINGS.find((r) => r.name === name)!;
}

/** [min, max] of a numeric setting. */
export function settingBounds(name: NumericSettingName): readonly [number, number] {
  const { kind } = settingRow(name);
  if (kind.type !== 'int' && kind.type !== 'number') throw new Error(`${name} is not a number`);
  return [kind.min, kind.max];
}

/** The CLI flag of a row: its URL parameter in kebab-case (`testLimit` → `test-limit`). */
export function flagName(row: SettingRow): string {
  return row.url.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The CLI's default of a row: its own, else the app's. */
export function cliDefault(row: SettingRow): SettingValue {
  return row.cliDefault !== undefined ? row.cliDefault : row.default;
}
