// The settings as URL parameters, both ways, from the one table (settings/schema.ts): each row's
// parameter is read as its kind (an invalid or unknown parameter is skipped with a warning that
// names it and why, never fatal), and settings are written back as the parameters that differ
// from the defaults, in table order, so that reading them back gives the same settings.
import { formatKindValue, kindReason, parseKindValue, type SettingValue } from './kinds';
import {
  DEFAULT_SETTINGS,
  SETTINGS,
  type SettingName,
  type SettingRow,
  type Settings,
} from './schema';

export interface ParsedSettings {
  readonly settings: Settings;
  /** One line per ignored parameter, naming it and why. */
  readonly warnings: readonly string[];
}

/**
 * A reader that replaces a row's own (the app's method menu, which also reads old names): the
 * value, or undefined with `reason` as the warning.
 */
export interface SettingReader {
  readonly parse: (raw: string) => SettingValue | undefined;
  readonly reason: string;
}

export type SettingReaders = { readonly [K in SettingName]?: SettingReader };

/** `base` with the settings a query string (with or without `?`) sets. */
export function parseSettingsSearch(
  search: string,
  base: Settings = DEFAULT_SETTINGS,
  readers: SettingReaders = {},
): ParsedSettings {
  const s: Record<string, unknown> = { ...base };
  const warnings: string[] = [];
  new URLSearchParams(search).forEach((raw, name) => {
    const row = SETTINGS.find((r) => r.url === name);
    if (!row) {
      warnings.push(`URL parameter ${name} is not known and was ignored`);
      return;
    }
    const reader: SettingReader | undefined = readers[row.name];
    const value = reader ? reader.parse(raw) : parseKindValue(row.kind, raw);
    if (value === undefined) {
      const expected = (row as SettingRow).expected;
      const why = reader?.reason ?? (expected ? `expected ${expected}` : kindReason(row.kind));
      warnings.push(`URL parameter ${name}=${raw} ignored: ${why}`);
    } else s[row.name] = value;
  });
  return { settings: s as unknown as Settings, warnings };
}

/** The query string (without `?`) of every setting that is set and differs from its default. */
export function settingsSearch(settings: Settings): string {
  const params = new URLSearchParams();
  for (const row of SETTINGS) {
    const value = settings[row.name];
    if (value === null || value === DEFAULT_SETTINGS[row.name]) continue;
    params.set(row.url, formatKindValue(row.kind, value));
  }
  return params.toString();
}
