// The import limits against hostile condensed files generated here (hostile-files.ts): each case
// runs the whole importer (importCondensed) and must end in under 5 s with the named ImportError
// it expects, growing the process's memory by under 256 MB. Memory is read two ways: RSS sampled
// every 2 ms during the case, and the process's lifetime peak (getrusage maxRSS), which also
// catches a spike inside one synchronous step whenever it passes every earlier peak. The table
// of figures is printed for the record.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError, type ImportProblem } from '../../src/engine/errors';
import { importCondensed } from '../../src/engine/import/condensed';
import { KNOWN_NORMALIZATION } from '../../src/engine/import/normalization';
import { condensedFile } from '../../test-support/engine/import-bytes';
import {
  deepThroughMemo,
  duplicateHeaderKey,
  kipWithBomb,
  manyKeys,
  npzBomb,
  npzLyingHeader,
  npzLyingSize,
  strideZeroTensors,
} from '../../test-support/node/hostile-files';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 2 ** 20;
const BOUNDS = { ms: 5000, memory: 256 * MB };
const OPTIONS = {
  normalization: KNOWN_NORMALIZATION['Fashion-MNIST']!,
  classCount: 10,
  imageShape: [28, 28, 1] as const,
};

interface Case {
  readonly name: string;
  readonly file: () => Uint8Array;
  /** The problem and message it must be refused with; absent: it must import. */
  readonly refused?: { readonly problem: ImportProblem; readonly message: RegExp };
}

const CASES: Case[] = [
  {
    name: 'three stride-0 tensors of 2^28 elements on one float (.pt)',
    file: () => strideZeroTensors(3, 28),
    refused: {
      problem: 'limit',
      message: /decoded-bytes budget of 64\.0 MB.*nothing was allocated/,
    },
  },
  {
    name: 'one stride-0 tensor of 2^28 elements (.pt)',
    file: () => strideZeroTensors(1, 28),
    refused: { problem: 'limit', message: /would decode to 1\.00 GB/ },
  },
  {
    name: 'stride-0 tensors of 32 MB each: their sum passes the budget at the third',
    file: () => strideZeroTensors(3, 23),
    refused: {
      problem: 'limit',
      message: /would decode to 32\.0 MB on top of 3\d\.\d MB already decoded/,
    },
  },
  {
    name: '.npz member that inflates to 1 GB (float32)',
    file: () => npzBomb('<f4', 1024),
    refused: { problem: 'limit', message: /ratio \d+, at most 200\): a zip bomb/ },
  },
  {
    name: '.npz member that inflates to 2 GB (float64)',
    file: () => npzBomb('<f8', 2048),
    refused: { problem: 'limit', message: /ratio \d+, at most 200\): a zip bomb/ },
  },
  {
    name: '.npz member that declares 512 KB and inflates to 1 GB',
    file: () => npzLyingSize(1024),
    refused: { problem: 'limit', message: /inflates past its declared 524288 bytes/ },
  },
  {
    name: '.npz whose .npy header declares 2 GB of float64 over no data',
    file: () => npzLyingHeader('<f8', [2 ** 28]),
    refused: { problem: 'limit', message: /would decode to 1\.00 GB/ },
  },
  {
    name: 'valid KIP .npz with an unused member that would inflate to 1 GB',
    file: () => kipWithBomb(20),
  },
  {
    name: 'pickle dict of 1,000,000 keys',
    file: () => manyKeys(1_000_000),
    refused: { problem: 'limit', message: /more than 1000000 items/ }, // keys and values count
  },
  {
    name: 'pickle dict of 400,000 keys (read in full, then no known layout)',
    file: () => manyKeys(400_000),
    refused: { problem: 'layout', message: /holds a dict of 400000/ },
  },
  {
    name: '100,000-deep lists through memo GET/APPEND',
    file: () => deepThroughMemo(100_000),
    refused: { problem: 'limit', message: /nesting deeper than 64 levels/ },
  },
  {
    name: '.npy header with fortran_order twice',
    file: () => duplicateHeaderKey(),
    refused: { problem: 'format', message: /names 'fortran_order' twice/ },
  },
];

const rows: string[] = [];

describe('hostile condensed files', () => {
  it.each(CASES)('$name', async (c) => {
    const bytes = c.file();
    gc();
    const before = process.memoryUsage().rss;
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const t0 = performance.now();
    const outcome = await importCondensed([condensedFile(`${c.name}.bin`, bytes)], OPTIONS).then(
      (set) => ({ set }),
      (error: unknown) => ({ error }),
    );
    const ms = performance.now() - t0;
    clearInterval(sampler);
    const sampled = Math.max(peak, process.memoryUsage().rss) - before;
    // The lifetime peak moves only when this case passes every earlier peak: then it is this
    // case's spike, however short, and is held to the same bound.
    const peakAfter = process.resourceUsage().maxRSS * 1024;
    const spike = peakAfter > peakBefore ? peakAfter - before : 0;
    const said = 'error' in outcome ? String((outcome.error as Error).message) : 'imported';
    rows.push(
      `| ${c.name} | ${(bytes.length / 1024).toFixed(0)} KB | ${ms.toFixed(0)} ms | ` +
        `${(sampled / MB).toFixed(0)} MB | ${spike > 0 ? `${(spike / MB).toFixed(0)} MB` : 'below earlier peaks'} | ${said.slice(0, 110)} |`,
    );
    if (c.refused) {
      expect('error' in outcome, said).toBe(true);
      const e = (outcome as { error: unknown }).error;
      expect(e).toBeInstanceOf(ImportError);
      expect((e as ImportError).problem, said).toBe(c.refused.problem);
      expect(said).toMatch(c.refused.message);
    } else {
      expect('set' in outcome, said).toBe(true);
    }
    expect(ms).toBeLessThan(BOUNDS.ms);
    expect(sampled).toBeLessThan(BOUNDS.memory);
    expect(spike).toBeLessThan(BOUNDS.memory);
  });

  afterAll(() => {
    console.log(
      [
        '| input | size | time | RSS growth (sampled every 2 ms) | new process peak above the start | outcome |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  });
});
