// The settings in the URL, both ways, driven by the settings table (settings-table.ts): parameters
// such as `?width=8&epochs=2&backend=webgpu&ipc=0.5` override the defaults at start (invalid ones
// are ignored and reported, never fatal), and the app writes its current setup back, so that
// opening the written URL reproduces it.
import {
  SETTINGS_TABLE,
  formatSettingValue,
  invalidReason,
  parseSettingValue,
} from './settings-table';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export interface ParsedUrl {
  readonly settings: Settings;
  /** One line per ignored parameter, naming it and why. */
  readonly warnings: readonly string[];
}

export function parseUrlSettings(search: string, base: Settings = DEFAULT_SETTINGS): ParsedUrl {
  const s: Record<string, unknown> = { ...base };
  const warnings: string[] = [];
  for (const [name, raw] of new URLSearchParams(search)) {
    const row = SETTINGS_TABLE.find((r) => r.url === name);
    if (!row) {
      warnings.push(`URL parameter ${name} is not known and was ignored`);
      continue;
    }
    const value = parseSettingValue(row, raw);
    if (value === undefined)
      warnings.push(`URL parameter ${name}=${raw} ignored: ${invalidReason(row)}`);
    else s[row.key] = value;
  }
  return { settings: s as unknown as Settings, warnings };
}

/** The loaded bundle's current size, which the URL records as `ipc` (n / f²). */
export interface CurrentSize {
  readonly perClass: number;
  readonly factor: number;
}

/**
 * The query string (without `?`) that reproduces `settings`: every setting that differs from its
 * default, in table order. With a loaded bundle the size is its current one, as `ipc` (exact
 * enough that `round(ipc · f²)` gives n back), and `n` is left out.
 */
export function settingsToSearch(settings: Settings, size: CurrentSize | null): string {
  const params = new URLSearchParams();
  for (const row of SETTINGS_TABLE) {
    let value = settings[row.key];
    if (size && row.key === 'ipc') {
      value = Number((size.perClass / (size.factor * size.factor)).toPrecision(6));
    } else if (size && row.key === 'perClass') continue;
    if (value === null || value === DEFAULT_SETTINGS[row.key]) continue;
    params.set(row.url, formatSettingValue(row, value));
  }
  return params.toString();
}

/** `href` with its query replaced by `search` (path and hash kept). */
export function hrefWithSearch(href: string, search: string): string {
  const url = new URL(href);
  url.search = search;
  return url.href;
}
