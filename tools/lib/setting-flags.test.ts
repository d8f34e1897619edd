// The CLI's flags for the app's settings (setting-flags.ts) are the settings table's rows: the
// same names, bounds and defaults wherever a command takes them (train, table, select, bench).
import { describe, expect, it } from 'vitest';
import { parseArgs, type FlagSpecs, type NumberFlagSpec } from './args';
import { settingFlags, settingNumber, settingText } from './setting-flags';
import { TRAIN_FLAGS } from './experiment-flags';
import { SELECT_FLAGS } from '../commands/select';
import { BENCH_FLAGS } from '../commands/bench';
import { MODEL, TRAINING } from '../../src/engine/config';
import {
  flagName,
  SETTINGS,
  type SettingName,
  type SettingRow,
} from '../../src/engine/settings/schema';

const numeric = (SETTINGS as readonly SettingRow[]).filter(
  (r) => r.kind.type === 'int' || r.kind.type === 'number',
);

describe('flags generated from the settings table', () => {
  it.each(numeric.map((r) => [flagName(r), r] as const))('--%s has its row’s bounds', (_, row) => {
    const spec = settingFlags([row.name as SettingName])[flagName(row)] as NumberFlagSpec;
    if (row.kind.type !== 'int' && row.kind.type !== 'number') throw new Error('not numeric');
    expect(spec).toMatchObject({
      kind: 'number',
      min: row.kind.min,
      max: row.kind.max,
      integer: row.kind.type === 'int',
    });
  });

  it('are the ones train, table, select and bench take, under the names the CLI has', () => {
    const same = (specs: FlagSpecs, names: string[]) => {
      for (const name of names) {
        const row = SETTINGS.find((r) => flagName(r) === name)!;
        expect(specs[name], name).toEqual(settingFlags([row.name])[name]);
      }
    };
    same(TRAIN_FLAGS, ['epochs', 'width', 'depth', 'batch', 'test-limit']);
    same(SELECT_FLAGS, ['ipc', 'method', 'seed']);
    same(BENCH_FLAGS, ['width', 'depth']);
    expect(BENCH_FLAGS.batch).toMatchObject({ min: 1, max: 4096, integer: true });
    expect(BENCH_FLAGS.batch!.description).toBe(
      `batch size on wasm (default ${TRAINING.batchSize})`,
    );
  });

  it('say their default, and read the CLI default when the flag is absent', () => {
    expect(TRAIN_FLAGS.width!.description).toBe(`ConvNet-D3 width (default ${MODEL.width})`);
    expect(TRAIN_FLAGS['test-limit']!.description).toMatch(/\(default: all\)$/);
    const none = parseArgs([], TRAIN_FLAGS);
    expect(settingNumber(none, 'epochs')).toBe(TRAINING.epochs);
    expect(settingNumber(none, 'batchSize')).toBe(TRAINING.batchSize);
    expect(settingNumber(none, 'testLimit')).toBeUndefined();
    expect(settingNumber(none, 'epochs', 2)).toBe(2);
    const given = parseArgs(['--test-limit', '40', '--epochs=7'], TRAIN_FLAGS);
    expect(settingNumber(given, 'testLimit')).toBe(40);
    expect(settingNumber(given, 'epochs', 2)).toBe(7);
    expect(settingText(parseArgs([], SELECT_FLAGS), 'method')).toBe('yoco');
  });

  it('refuse what the app refuses', () => {
    expect(() => parseArgs(['--ipc', '0'], SELECT_FLAGS)).toThrow(
      '--ipc must be in (0, 1000000], got 0',
    );
    expect(() => parseArgs(['--depth', '9'], TRAIN_FLAGS)).toThrow(
      '--depth must be an integer in [1, 8], got 9',
    );
  });
});
