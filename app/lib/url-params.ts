// The settings in the URL, both ways (src/engine/settings/url.ts, from the one settings table):
// parameters such as `?width=8&epochs=2&backend=webgpu&ipc=0.5` override the defaults at start
// (invalid ones are ignored and reported, never fatal), and the app writes its current setup
// back, so that opening the written URL reproduces it. The method is read through the app's menu
// (methods.ts), which also reads the method ids of URLs written before selection tokens.
import {
  parseSettingsSearch,
  settingsSearch,
  type ParsedSettings,
  type SettingReaders,
} from '../../src/engine/settings/url';
import { METHOD_OPTIONS, methodOption } from './methods';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export type ParsedUrl = ParsedSettings;

const READERS: SettingReaders = {
  method: {
    parse: (raw) => methodOption(raw)?.token,
    reason: `expected one of ${METHOD_OPTIONS.map((o) => o.token).join(', ')}`,
  },
};

export function parseUrlSettings(search: string, base: Settings = DEFAULT_SETTINGS): ParsedUrl {
  return parseSettingsSearch(search, base, READERS);
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
  if (!size) return settingsSearch(settings);
  const ipc = Number((size.perClass / (size.factor * size.factor)).toPrecision(6));
  return settingsSearch({ ...settings, ipc, perClass: null });
}

/** `href` with its query replaced by `search` (path and hash kept). */
export function hrefWithSearch(href: string, search: string): string {
  const url = new URL(href);
  url.search = search;
  return url.href;
}
