import { describe, expect, it } from 'vitest';
import {
  parseArgs,
  UsageError,
  getNumber,
  getList,
  getBoolean,
  requireInt,
  onePositional,
  shellLine,
  getNumberList,
  helpText,
  intFlag,
  realFlag,
  type FlagSpecs,
} from './args';

const specs = {
  ipc: realFlag(0, 100, ''),
  methods: { kind: 'list', description: '' },
  balance: { kind: 'boolean', description: '', negation: 'imbalance' },
  json: { kind: 'boolean', description: '' },
  method: { kind: 'string', description: '' },
} as const;

describe('parseArgs', () => {
  it('parses typed flags, inline values, lists and negations', () => {
    const a = parseArgs(
      ['bundle', '--ipc', '0.25', '--methods=yoco,random', '--imbalance', '--json'],
      specs,
    );
    expect(a.positional).toEqual(['bundle']);
    expect(getNumber(a, 'ipc')).toBe(0.25);
    expect(getList(a, 'methods')).toEqual(['yoco', 'random']);
    expect(getBoolean(a, 'balance')).toBe(false);
    expect(getBoolean(a, 'json')).toBe(true);
  });
  it('rejects unknown flags by name', () => {
    expect(() => parseArgs(['--ipcc', '2'], specs)).toThrow(new UsageError('unknown flag --ipcc'));
  });
  it('rejects non-numbers and missing values', () => {
    expect(() => parseArgs(['--ipc', 'two'], specs)).toThrow(/--ipc must be a number, got "two"/);
    expect(() => parseArgs(['--ipc'], specs)).toThrow(/--ipc needs a value/);
    expect(() => parseArgs(['--method', '--json'], specs)).toThrow(/--method needs a value/);
    expect(() => parseArgs(['--methods', 'a,,b'], specs)).toThrow(/empty item/);
  });
  it('checks integer ranges and positional counts', () => {
    expect(() => requireInt(1.5, 'epochs', 1)).toThrow(/--epochs must be an integer ≥ 1, got 1.5/);
    expect(requireInt(3, 'epochs', 1)).toBe(3);
    expect(() => onePositional(parseArgs([], specs), 'bundle folder')).toThrow(
      /missing bundle folder/,
    );
  });
});

describe('number flag bounds', () => {
  const bounded = {
    'score-epochs': intFlag(1, 10_000, 'E'),
    keep: realFlag(0, 1, 'fraction kept', true),
    help: { kind: 'boolean', description: '' },
  } satisfies FlagSpecs;

  it('refuses a value outside its range as it parses, naming the flag, the range and the value', () => {
    expect(() => parseArgs(['--score-epochs', '1e9'], bounded)).toThrow(
      new UsageError('--score-epochs must be an integer in [1, 10000], got 1000000000'),
    );
    expect(() => parseArgs(['--score-epochs=0'], bounded)).toThrow(/in \[1, 10000\], got 0$/);
    expect(() => parseArgs(['--score-epochs', '2.5'], bounded)).toThrow(/an integer/);
    expect(() => parseArgs(['--keep', '0'], bounded)).toThrow(
      new UsageError('--keep must be in (0, 1], got 0'),
    );
    expect(() => parseArgs(['--keep', '1.0001'], bounded)).toThrow(/--keep must be in \(0, 1\]/);
    expect(() => parseArgs(['--keep', 'Infinity'], bounded)).toThrow(/must be a number/);
    const ok = parseArgs(['--score-epochs', '10000', '--keep', '1'], bounded);
    expect([getNumber(ok, 'score-epochs'), getNumber(ok, 'keep')]).toEqual([10_000, 1]);
  });

  it("shows each number flag's range in the help", () => {
    const help = helpText('x', '', bounded);
    expect(help).toMatch(/--score-epochs <integer> +E; range \[1, 10000\]/);
    expect(help).toMatch(/--keep <number> +fraction kept; range \(0, 1\]/);
  });

  it('a spec without finite bounds is a program error, whatever the command line', () => {
    const open: FlagSpecs = {
      n: { kind: 'number', description: '', min: 1, max: Infinity, integer: true },
    };
    expect(() => parseArgs([], open)).toThrow(/--n has no finite range/);
    expect(() => parseArgs([], open)).not.toThrow(UsageError);
  });
});

describe('shellLine', () => {
  it('quotes only the words a shell would split or expand, so the line reproduces argv', () => {
    expect(
      shellLine(['build', '/data/x', '--title', 'Fashion-MNIST, IPC 10 (RDED)', '--keep', '0.5']),
    ).toBe("build /data/x --title 'Fashion-MNIST, IPC 10 (RDED)' --keep 0.5");
    expect(shellLine(["it's"])).toBe("'it'\\''s'");
    expect(shellLine(['--methods', 'yoco,random+balanced'])).toBe('--methods yoco,random+balanced');
  });
});

describe('getNumberList', () => {
  const spec = { ipc: { kind: 'list', description: '' } } as const;
  it('parses numbers, falls back when absent and names a bad item', () => {
    expect(getNumberList(parseArgs(['--ipc', '1,2,0.25'], spec), 'ipc')).toEqual([1, 2, 0.25]);
    expect(getNumberList(parseArgs([], spec), 'ipc', [1])).toEqual([1]);
    expect(() => getNumberList(parseArgs(['--ipc', '1,two'], spec), 'ipc')).toThrow(
      '--ipc item "two" is not a number',
    );
  });
});
