// Strict command-line flag parsing for the yoco CLI: every flag must be declared, values are
// typed, every number flag declares its range (checked as it is parsed, before a command does any
// work), and anything unknown, malformed or out of range is a UsageError that names the flag.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type FlagKind = 'string' | 'number' | 'boolean' | 'list';

/**
 * A `--flag <number>`: its bounds are required, so no command can take a value that asks for
 * more memory or time than any real use needs (a huge epoch count or width would otherwise fail
 * deep inside, as a RangeError with a stack trace, or after minutes of work). parseArgs checks
 * them as it reads the flag, before any command does anything.
 */
export interface NumberFlagSpec {
  readonly kind: 'number';
  readonly description: string;
  /** Finite bounds, both allowed unless `exclusiveMin` (parseArgs refuses a spec without them). */
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** The minimum itself is refused: a fraction in (0, 1], a positive rate. */
  readonly exclusiveMin?: boolean;
}

export interface BooleanFlagSpec {
  readonly kind: 'boolean';
  readonly description: string;
  /** Flags that mean the same boolean with the opposite sign, e.g. --no-flip for --flip. */
  readonly negation?: string;
}

export interface TextFlagSpec {
  readonly kind: 'string' | 'list';
  readonly description: string;
}

export type FlagSpec = NumberFlagSpec | BooleanFlagSpec | TextFlagSpec;

/** An integer flag in [min, max]. */
export function intFlag(min: number, max: number, description: string): NumberFlagSpec {
  return { kind: 'number', description, min, max, integer: true };
}

/** A real flag in [min, max], or (min, max] with `exclusiveMin`. */
export function realFlag(
  min: number,
  max: number,
  description: string,
  exclusiveMin = false,
): NumberFlagSpec {
  return { kind: 'number', description, min, max, integer: false, exclusiveMin };
}

/** A number flag's interval, e.g. "[1, 10000]" or "(0, 1]". */
function interval(spec: NumberFlagSpec): string {
  return `${spec.exclusiveMin ? '(' : '['}${spec.min}, ${spec.max}]`;
}

/** A number flag's allowed values in words, e.g. "an integer in [1, 10000]" or "in (0, 1]". */
export function rangeText(spec: NumberFlagSpec): string {
  return spec.integer ? `an integer in ${interval(spec)}` : `in ${interval(spec)}`;
}

/** Whether `v` lies within a number flag's bounds. */
export function inRange(spec: NumberFlagSpec, v: number): boolean {
  return (
    (!spec.integer || Number.isInteger(v)) &&
    (spec.exclusiveMin ? v > spec.min : v >= spec.min) &&
    v <= spec.max
  );
}

/** A number spec without finite bounds is the program's mistake, not the user's: a plain Error. */
function checkBounds(name: string, spec: NumberFlagSpec): void {
  if (!Number.isFinite(spec.min) || !Number.isFinite(spec.max) || spec.min > spec.max) {
    throw new Error(`flag --${name} has no finite range [${spec.min}, ${spec.max}]`);
  }
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string | number | boolean | string[]>;
}

export function parseArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | number | boolean | string[]>();
  const negations = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.kind === 'boolean' && spec.negation) negations.set(spec.negation, name);
    if (spec.kind === 'number') checkBounds(name, spec);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const negated = negations.get(name);
    if (negated !== undefined) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(negated, false);
      continue;
    }
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown flag --${name}`);
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value`);
    }
    if (spec.kind === 'number') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) {
        throw new UsageError(`--${name} must be a number, got "${value}"`);
      }
      if (!inRange(spec, n)) throw new UsageError(`--${name} must be ${rangeText(spec)}, got ${n}`);
      flags.set(name, n);
    } else if (spec.kind === 'list') {
      const items = value.split(',').map((s) => s.trim());
      if (items.some((s) => s === ''))
        throw new UsageError(`--${name} has an empty item in "${value}"`);
      flags.set(name, items);
    } else {
      flags.set(name, value);
    }
  }
  return { positional, flags };
}

export function getNumber(args: ParsedArgs, name: string, fallback: number): number;
export function getNumber(args: ParsedArgs, name: string): number | undefined;
export function getNumber(args: ParsedArgs, name: string, fallback?: number): number | undefined {
  const v = args.flags.get(name);
  return typeof v === 'number' ? v : fallback;
}

export function getString(args: ParsedArgs, name: string, fallback: string): string;
export function getString(args: ParsedArgs, name: string): string | undefined;
export function getString(args: ParsedArgs, name: string, fallback?: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : fallback;
}

export function getBoolean(args: ParsedArgs, name: string): boolean | undefined {
  const v = args.flags.get(name);
  return typeof v === 'boolean' ? v : undefined;
}

export function getList(args: ParsedArgs, name: string): string[] | undefined {
  const v = args.flags.get(name);
  return Array.isArray(v) ? v : undefined;
}

/** A list flag whose items must be numbers (e.g. `--ipc 1,2,5`); `fallback` when absent. */
export function getNumberList(args: ParsedArgs, name: string, fallback: number[] = []): number[] {
  const items = getList(args, name);
  if (items === undefined) return fallback;
  return items.map((s) => {
    const v = Number(s);
    if (s.trim() === '' || !Number.isFinite(v))
      throw new UsageError(`--${name} item "${s}" is not a number`);
    return v;
  });
}

/**
 * Integer within [min, max], naming the flag when it is not: for what parseArgs cannot check
 * alone (a list flag's items; a bound that depends on another flag).
 */
export function requireInt(value: number, name: string, min: number, max = Infinity): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw new UsageError(`--${name} must be ${range}, got ${value}`);
  }
  return value;
}

export function onePositional(args: ParsedArgs, what: string): string {
  if (args.positional.length !== 1) {
    throw new UsageError(
      args.positional.length === 0
        ? `missing ${what}`
        : `expected one ${what}, got ${args.positional.length}: ${args.positional.join(' ')}`,
    );
  }
  return args.positional[0]!;
}

export function helpText(command: string, synopsis: string, specs: FlagSpecs): string {
  const lines = [`usage: yoco ${command} ${synopsis}`, ''];
  for (const [name, spec] of Object.entries(specs)) {
    const flag =
      spec.kind === 'boolean'
        ? `--${name}`
        : `--${name} <${spec.kind === 'number' && spec.integer ? 'integer' : spec.kind}>`;
    const neg = spec.kind === 'boolean' && spec.negation ? ` (or --${spec.negation})` : '';
    const range = spec.kind === 'number' ? `; range ${interval(spec)}` : '';
    lines.push(`  ${(flag + neg).padEnd(34)} ${spec.description}${range}`);
  }
  return lines.join('\n');
}

/** Parse a command's flags; with --help, print its help and return null (the command exits 0). */
export function parseCommand(
  argv: readonly string[],
  specs: FlagSpecs,
  command: string,
  synopsis: string,
): ParsedArgs | null {
  const args = parseArgs(argv, specs);
  if (getBoolean(args, 'help')) {
    console.log(helpText(command, synopsis, specs));
    return null;
  }
  return args;
}

/** `--json` and `--help` as most commands take them (spread last, so help lists them last). */
export const COMMON_FLAGS: FlagSpecs = {
  json: { kind: 'boolean', description: 'print one JSON object' },
  help: { kind: 'boolean', description: 'show this help' },
};

/** parseCommand for a command on one folder, its one positional argument; null after --help. */
export function parseFolderCommand(
  argv: readonly string[],
  specs: FlagSpecs,
  command: string,
  synopsis: string,
  what = 'bundle folder',
): { readonly args: ParsedArgs; readonly dir: string } | null {
  const args = parseCommand(argv, specs, command, synopsis);
  return args && { args, dir: onePositional(args, what) };
}

/** `argv` as one POSIX shell line that reproduces it (single-quotes words that need it). */
export function shellLine(argv: readonly string[]): string {
  return argv
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
