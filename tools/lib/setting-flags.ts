// The CLI's flags for the user settings of the one settings table (src/engine/settings/schema.ts):
// a flag's name (the row's URL parameter in kebab-case: `testLimit` → `--test-limit`), type,
// bounds, help and default all come from its row, so the CLI takes exactly the values the app
// takes. A command may give a flag its own default or help (`yoco bench`'s batch is wasm's).
import {
  getNumber,
  getString,
  intFlag,
  realFlag,
  UsageError,
  type FlagSpec,
  type FlagSpecs,
  type ParsedArgs,
} from './args';
import {
  cliDefault,
  flagName,
  settingRow,
  type NumericSettingName,
  type SettingName,
} from '../../src/engine/settings/schema';
import { kindReason, parseKindValue, type SettingValue } from '../../src/engine/settings/kinds';

export interface FlagOverride {
  /** The command's default, where it is not the row's CLI default. */
  readonly default?: SettingValue;
  /** The command's help, where it is not the row's. */
  readonly description?: string;
}

export type FlagOverrides = { readonly [K in SettingName]?: FlagOverride };

/** A setting's flag spec; its help says the default unless it already does. */
function settingSpec(name: SettingName, override: FlagOverride = {}): FlagSpec {
  const row = settingRow(name);
  const fallback = override.default !== undefined ? override.default : cliDefault(row);
  const help = override.description ?? row.help ?? row.label;
  const description =
    fallback === null || /\bdefault\b/.test(help) ? help : `${help} (default ${fallback})`;
  const { kind } = row;
  switch (kind.type) {
    case 'int':
      return intFlag(kind.min, kind.max, description);
    case 'number':
      return realFlag(kind.min, kind.max, description, kind.exclusiveMin === true);
    case 'flag':
      return { kind: 'boolean', description };
    case 'choice':
      return { kind: 'string', description: `${description}: ${kind.options.join(' | ')}` };
    case 'bundle':
    case 'selection':
      return { kind: 'string', description };
  }
}

/** The flags of `names`, in that order, keyed by flag name. */
export function settingFlags(
  names: readonly SettingName[],
  overrides: FlagOverrides = {},
): FlagSpecs {
  return Object.fromEntries(
    names.map((name) => [flagName(settingRow(name)), settingSpec(name, overrides[name])]),
  );
}

/**
 * A numeric setting as parsed (parseArgs has checked its bounds), else `fallback`, else the row's
 * CLI default; undefined where that is null (the setting is unset: e.g. all test images).
 */
export function settingNumber(
  args: ParsedArgs,
  name: NumericSettingName,
  fallback?: number,
): number | undefined {
  const row = settingRow(name);
  const value = getNumber(args, flagName(row));
  if (value !== undefined) return value;
  if (fallback !== undefined) return fallback;
  const d = cliDefault(row);
  return typeof d === 'number' ? d : undefined;
}

/** A text setting (a selection token, a bundle) as given, else the row's CLI default. */
export function settingText(args: ParsedArgs, name: SettingName): string | undefined {
  const row = settingRow(name);
  const d = cliDefault(row);
  return getString(args, flagName(row)) ?? (typeof d === 'string' ? d : undefined);
}

/** settingNumber of a setting that always has a value (a CLI default or `fallback`). */
export function requiredNumber(
  args: ParsedArgs,
  name: NumericSettingName,
  fallback?: number,
): number {
  const v = settingNumber(args, name, fallback);
  if (v === undefined) throw new Error(`setting ${name} has no default on the command line`);
  return v;
}

/**
 * A setting's value as given, read as the app reads it from a URL (settings/kinds.ts), else the
 * row's CLI default; UsageError naming the flag and what it takes for a value outside its kind.
 */
export function settingValue(args: ParsedArgs, name: SettingName): SettingValue | undefined {
  const row = settingRow(name);
  if (row.kind.type === 'int' || row.kind.type === 'number')
    return settingNumber(args, name as NumericSettingName);
  const raw = getString(args, flagName(row));
  if (raw === undefined) {
    const d = cliDefault(row);
    return d === null ? undefined : d;
  }
  const v = parseKindValue(row.kind, raw);
  if (v === undefined || v === null) {
    throw new UsageError(`--${flagName(row)}: ${kindReason(row.kind)}, got "${raw}"`);
  }
  return v;
}
