// Running one bundle-loading case for the fuzz and corruption test (bundle-fuzz.test.ts): the
// reader (readBundle) over the case's GetFile under a time bound and a memory bound (peak RSS
// growth, sampled every 2 ms while it runs), every read checked against the limit the reader
// gave, and the outcome judged against what the case expects: a hang, a crash (anything thrown
// but a BundleError), an unbounded read, a wrong load or rejection, or an error that does not
// name an expected file is a failure. Figures accumulate over the cases.
import { BundleError, type BundleProblem } from '../../src/engine/errors';
import { readBundle, type ByteLimit, type GetFile } from '../../src/engine/bundle/read';
import type { Expectation } from '../engine/manifest-mutations';

export interface Bounds {
  /** Longest a case may take to answer. */
  readonly ms: number;
  /** Most the process's RSS may grow while a case runs. */
  readonly memory: number;
}

export interface Case {
  readonly name: string;
  readonly expect: Expectation;
  /** Files a rejection may name (absent: any); `problem`, when given, must match too. */
  readonly files?: readonly string[];
  readonly problem?: BundleProblem;
  readonly getFile: GetFile;
}

export interface Figures {
  cases: number;
  /** Cases that must be rejected, and how many were, with a named error on an expected file. */
  mustReject: number;
  rejectedAsExpected: number;
  rejected: number;
  loaded: number;
  maxMs: number;
  maxMemory: number;
  totalMs: number;
  failures: string[];
  /** Random mutations drawn per kind. */
  kinds: Map<string, number>;
}

export function newFigures(): Figures {
  return {
    cases: 0,
    mustReject: 0,
    rejectedAsExpected: 0,
    rejected: 0,
    loaded: 0,
    maxMs: 0,
    maxMemory: 0,
    totalMs: 0,
    failures: [],
    kinds: new Map(),
  };
}

/** Runs one case under its time and memory bounds and judges it. */
export async function runCase(c: Case, bounds: Bounds, figures: Figures): Promise<void> {
  const reads: Array<{ path: string; limit?: ByteLimit; got: number }> = [];
  const getFile: GetFile = async (path, onBytes, limit) => {
    const bytes = await c.getFile(path, onBytes, limit);
    reads.push({ path, ...(limit ? { limit } : {}), got: bytes.length });
    return bytes;
  };
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>(
    (resolve) => (timer = setTimeout(() => resolve('hang'), bounds.ms)),
  );
  const t0 = performance.now();
  const result = await Promise.race([
    readBundle(getFile).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ error }),
    ),
    hang,
  ]);
  const ms = performance.now() - t0;
  clearTimeout(timer);
  clearInterval(sampler);
  const memory = Math.max(peak, process.memoryUsage().rss) - startRss;

  figures.cases++;
  if (c.expect === 'reject') figures.mustReject++;
  figures.totalMs += ms;
  figures.maxMs = Math.max(figures.maxMs, ms);
  figures.maxMemory = Math.max(figures.maxMemory, memory);
  const fail = (why: string): void => void figures.failures.push(`${c.name}: ${why}`);
  if (result === 'hang') return fail(`no answer within ${bounds.ms} ms (hang)`);
  if (memory > bounds.memory)
    fail(`RSS grew by ${(memory / 2 ** 20).toFixed(0)} MiB (unbounded read)`);
  for (const r of reads) {
    if (!r.limit || r.got > r.limit.maxBytes) {
      fail(
        `read ${r.got} bytes of ${r.path} beyond its limit ${r.limit?.maxBytes} (unbounded read)`,
      );
    }
  }
  if ('ok' in result) {
    figures.loaded++;
    if (c.expect === 'reject') fail('loaded, but must be rejected');
    return;
  }
  const e = result.error;
  if (!(e instanceof BundleError)) {
    return fail(
      `crashed with ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 300),
    );
  }
  figures.rejected++;
  if (c.expect === 'load') fail(`rejected, but must load: ${e.message.slice(0, 200)}`);
  if (!e.message.startsWith(`${e.file}: `))
    fail(`error does not name its file: ${e.message.slice(0, 200)}`);
  if (c.files && !c.files.includes(e.file))
    fail(`error names ${e.file}, expected one of ${c.files.join(', ')}`);
  if (c.problem && e.problem !== c.problem)
    fail(`problem ${e.problem}, expected ${c.problem}: ${e.message.slice(0, 200)}`);
  const named = e.message.startsWith(`${e.file}: `) && (!c.files || c.files.includes(e.file));
  if (c.expect === 'reject' && named && (!c.problem || e.problem === c.problem)) {
    figures.rejectedAsExpected++;
  }
}

/** One line of figures for the test's output. */
export function describeFigures(figures: Figures): string {
  const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`;
  return (
    `bundle fuzz: ${figures.cases} cases, ${figures.rejected} rejected with a named BundleError, ` +
    `${figures.loaded} loaded; ${figures.rejectedAsExpected} of the ${figures.mustReject} that ` +
    `must be rejected were, each naming an expected file; max ${figures.maxMs.toFixed(0)} ms and ` +
    `${mib(figures.maxMemory)} RSS growth per case; ${(figures.totalMs / 1000).toFixed(1)} s in ` +
    `all; ${figures.failures.length} failures; random mutations by kind: ` +
    [...figures.kinds].map(([k, n]) => `${k} ${n}`).join(', ')
  );
}
