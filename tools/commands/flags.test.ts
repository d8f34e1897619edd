// Every numeric flag of every `yoco` command is bounded: its spec carries a finite range, and an
// absurd value (an epoch count or width that would ask for gigabytes) is a UsageError naming the
// flag, given at once, before any file is read. The paths here do not exist, so an error about a
// file would mean the command had started its work.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from './test-run';
import { COMMON_FLAGS, type FlagSpecs } from '../lib/args';
import { browserToolFlags } from '../lib/preview';
import { BENCH_FLAGS } from './bench';
import { BUILD_FLAGS } from './build-flags';
import { FLAGS as DIAGNOSE_FLAGS } from './diagnose';
import { IMPORT_FLAGS } from './import';
import { SELECT_FLAGS } from './select';
import { FLAGS as TABLE_FLAGS } from './table';
import { FLAGS as TRAIN_FLAGS } from './train';

const TABLES: Record<string, FlagSpecs> = {
  inspect: COMMON_FLAGS,
  select: SELECT_FLAGS,
  train: TRAIN_FLAGS,
  table: TABLE_FLAGS,
  diagnose: DIAGNOSE_FLAGS,
  bench: BENCH_FLAGS,
  build: BUILD_FLAGS,
  import: IMPORT_FLAGS,
  'browser tools': browserToolFlags(4319),
};

const nowhere = join(tmpdir(), 'yoco-flags-test-nowhere');
const file = join(nowhere, 'set.pt');
const bundle = join(nowhere, 'bundle');
const out = ['--out', join(nowhere, 'out')];
const importArgs = ['import', file, '--test', join(nowhere, 'test'), ...out];

/** Each row: a command line and the message its flag must give (the exact range and value). */
const ABSURD: Array<[string[], string]> = [
  [
    [...importArgs, '--score-epochs', '1e9'],
    '--score-epochs must be an integer in [1, 10000], got 1000000000',
  ],
  [
    [...importArgs, '--score-epochs', '1e7'],
    '--score-epochs must be an integer in [1, 10000], got 10000000',
  ],
  [
    [...importArgs, '--score-width', '1e6'],
    '--score-width must be an integer in [1, 1024], got 1000000',
  ],
  [[...importArgs, '--batch', '1e9'], '--batch must be an integer in [1, 4096], got 1000000000'],
  [[...importArgs, '--runs', '1e6'], '--runs must be an integer in [1, 100], got 1000000'],
  [[...importArgs, '--threads', '1e4'], '--threads must be an integer in [1, 8], got 10000'],
  [[...importArgs, '--factor', '1e6'], '--factor must be an integer in [1, 16], got 1000000'],
  [[...importArgs, '--score-epochs', '2000'], '--score-epochs 2000 exceeds --score-schedule 1000'],
  [
    [...importArgs, '--score-epochs', '20', '--score-schedule', '10'],
    '--score-epochs 20 exceeds --score-schedule 10',
  ],
  [
    ['build', nowhere, ...out, '--score-epochs', '1e9'],
    '--score-epochs must be an integer in [1, 10000], got 1000000000',
  ],
  [
    ['build', nowhere, ...out, '--score-epochs', '1500'],
    '--score-epochs 1500 exceeds --score-schedule 1000',
  ],
  [
    ['build', nowhere, ...out, '--observer-epochs', '1e12'],
    '--observer-epochs must be an integer in [1, 100000], got 1000000000000',
  ],
  [['build', nowhere, ...out, '--pool', '1e8'], '--pool must be an integer in [1, 10000]'],
  [['build', nowhere, ...out, '--dm-lr', '1e300'], '--dm-lr must be in (0, 1000], got 1e+300'],
  [
    ['build', nowhere, ...out, '--condense', 'dm', '--dm-probe-at', '5000'],
    '--dm-probe-at must be an integer in [0, 1000], got 5000',
  ],
  [
    ['build', nowhere, ...out, '--condense', 'dm', '--ipc', '5', '--dm-prefixes', '2,1'],
    '--dm-prefixes must be ascending integers in [1, 4] (below --ipc), got 2,1',
  ],
  [
    ['build', nowhere, ...out, '--condense', 'dm', '--ipc', '5', '--dm-prefixes', '1,5'],
    '--dm-prefixes must be ascending integers in [1, 4] (below --ipc), got 1,5',
  ],
  [
    ['build', nowhere, ...out, '--condense', 'dm', '--dm-probe-at', '10'],
    '--dm-probe-at 10: probes need a checkpoint, saved every 25 iterations',
  ],
  [
    ['train', bundle, '--epochs', '1e12'],
    '--epochs must be an integer in [1, 100000], got 1000000000000',
  ],
  [['train', bundle, '--width', '1e6'], '--width must be an integer in [1, 1024], got 1000000'],
  [['train', bundle, '--depth', '64'], '--depth must be an integer in [1, 8], got 64'],
  [['train', bundle, '--threads', '1e4'], '--threads must be an integer in [1, 8], got 10000'],
  [
    ['train', bundle, '--test-limit', '1e12'],
    '--test-limit must be an integer in [1, 100000000], got 1000000000000',
  ],
  [['table', bundle, '--seeds', '1e6'], '--seeds must be an integer in [1, 100], got 1000000'],
  [['table', bundle, '--batch', '1e9'], '--batch must be an integer in [1, 4096], got 1000000000'],
  [['select', bundle, '--ipc', '1e9'], '--ipc must be in (0, 1000000], got 1000000000'],
  [
    ['select', bundle, '--seed', '1e12'],
    '--seed must be an integer in [0, 2147483647], got 1000000000000',
  ],
  [['diagnose', bundle, '--seeds', '1e6'], '--seeds must be an integer in [1, 100], got 1000000'],
  [['bench', '--batch', '1e9'], '--batch must be an integer in [1, 4096], got 1000000000'],
  [['bench', '--steps', '1e9'], '--steps must be an integer in [1, 10000], got 1000000000'],
  [['bench', '--size', '1e5'], '--size must be an integer in [2, 512], got 100000'],
  [['bench', '--depth', '8'], '--depth 8 pools a 32×32 input to nothing'],
];

describe('numeric flags', () => {
  it('every number flag of every command has finite bounds, min ≤ max', () => {
    let count = 0;
    for (const [command, table] of Object.entries(TABLES)) {
      for (const [name, spec] of Object.entries(table)) {
        if (spec.kind !== 'number') continue;
        count++;
        const where = `${command} --${name}`;
        expect(Number.isFinite(spec.min), where).toBe(true);
        expect(Number.isFinite(spec.max), where).toBe(true);
        expect(spec.min, where).toBeLessThanOrEqual(spec.max);
        expect(typeof spec.integer, where).toBe('boolean');
      }
    }
    expect(count).toBeGreaterThan(40);
  });

  describe('absurd values are refused at once, naming the flag, before any file is read', () => {
    beforeAll(async () => {
      // Load every command's module first, so the timings below are of the checks alone.
      for (const command of Object.keys(TABLES).filter((c) => c !== 'browser tools'))
        expect((await runCli([command, '--help'])).code).toBe(0);
    }, 60_000);

    it.each(ABSURD)('%j', async (argv, message) => {
      const t0 = performance.now();
      const r = await runCli(argv);
      const ms = performance.now() - t0;
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err).not.toMatch(/yoco-flags-test-nowhere|not a readable file|ENOENT|at .+:\d+/);
      // Milliseconds in fact; the bound leaves room for a busy machine.
      expect(ms).toBeLessThan(1000);
    });
  });
});
