// The one settings table (schema.ts): every default within its row's bounds, defaults shared with
// config.ts, distinct names, URL parameters and flag names, and the URL both ways (url.ts).
import { describe, expect, it } from 'vitest';
import { MODEL, TRAINING } from '../config';
import { inKind, type SettingValue } from './kinds';
import {
  cliDefault,
  DEFAULT_SETTINGS,
  flagName,
  settingRow,
  SETTINGS,
  type SettingRow,
  type Settings,
} from './schema';
import { parseSettingsSearch, settingsSearch } from './url';

const rows: readonly SettingRow[] = SETTINGS;

/** A valid value of each row other than its default (what a user might set). */
const OTHER: Settings = {
  bundle: 'tiny-gray',
  method: 'lbpe+hard+balanced',
  ipc: 0.5,
  perClass: 3,
  epochs: 3,
  width: 6,
  depth: 2,
  batchSize: 32,
  labels: 'teacher',
  seed: 5,
  testLimit: 9,
  backend: 'wasm',
  budgetSeconds: 30.5,
  autoTrain: false,
  compareSeeds: 3,
};

describe('the settings table', () => {
  it.each(rows.map((r) => [r.name, r] as const))(
    '%s: its defaults lie within its bounds',
    (_, row) => {
      for (const d of [row.default, cliDefault(row)] as SettingValue[])
        expect(d === null || inKind(row.kind, d)).toBe(true);
      expect(inKind(row.kind, OTHER[row.name as keyof Settings])).toBe(true);
      if (row.kind.type === 'int' || row.kind.type === 'number')
        expect(row.kind.min).toBeLessThan(row.kind.max);
    },
  );

  it('names each setting, URL parameter and CLI flag once', () => {
    for (const key of [(r: SettingRow) => r.name, (r: SettingRow) => r.url, flagName]) {
      const names = rows.map(key);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('names a flag for its URL parameter in kebab-case', () => {
    expect(flagName(settingRow('testLimit'))).toBe('test-limit');
    expect(flagName(settingRow('batchSize'))).toBe('batch');
    expect(flagName(settingRow('perClass'))).toBe('n');
    expect(flagName(settingRow('epochs'))).toBe('epochs');
  });

  it('takes the defaults the engine also uses from config.ts', () => {
    expect(DEFAULT_SETTINGS.width).toBe(MODEL.width);
    expect(DEFAULT_SETTINGS.depth).toBe(MODEL.depth);
    expect(DEFAULT_SETTINGS.batchSize).toBe(TRAINING.batchSize);
    expect(cliDefault(settingRow('epochs'))).toBe(TRAINING.epochs);
    expect(DEFAULT_SETTINGS.epochs).toBe(100); // the app's shorter run (design.md §8)
    expect(DEFAULT_SETTINGS.method).toBe('yoco');
  });
});

describe('settings in the URL', () => {
  it('writes nothing for the defaults', () => {
    expect(settingsSearch(DEFAULT_SETTINGS)).toBe('');
  });

  it('reads back exactly what it writes, every setting in table order', () => {
    const search = settingsSearch(OTHER);
    const keys: string[] = [];
    new URLSearchParams(search).forEach((_, key) => keys.push(key));
    expect(keys).toEqual(rows.map((r) => r.url));
    expect(parseSettingsSearch(search)).toEqual({ settings: OTHER, warnings: [] });
  });

  it('reads each setting alone, and names an invalid or unknown parameter', () => {
    expect(parseSettingsSearch('?testLimit=40').settings).toEqual({
      ...DEFAULT_SETTINGS,
      testLimit: 40,
    });
    expect(parseSettingsSearch('ipc=0&method=yoco%2Bhard&x=1').warnings).toEqual([
      'URL parameter ipc=0 ignored: expected a positive number (IPC units, n / f²)',
      'URL parameter method=yoco+hard ignored: expected a selection token (yoco, random+balanced, lbpe+hard+balanced, …)',
      'URL parameter x is not known and was ignored',
    ]);
  });

  it('lets a reader replace a row’s own', () => {
    const readers = { method: { parse: () => 'random', reason: 'never' } };
    expect(parseSettingsSearch('method=anything', DEFAULT_SETTINGS, readers).settings.method).toBe(
      'random',
    );
  });
});
