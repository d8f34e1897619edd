// Stage runner of the bundle builder: runs a named stage once per distinct input and keeps its
// result in a cache folder, keyed by a SHA-256 of the stage name, its inputs (stable JSON,
// stable-hash.ts), its codec (cache-codecs.ts) and the hashes of the stages it builds on. Entries
// (cache-entry.ts) are written atomically and checked when read, so an interrupted or corrupted
// build recomputes only what is missing. One build per cache folder at a time: a stage removes
// stale temporary files of its own entry before computing.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../../src/engine/errors';
import { createProgress, type ProgressOptions, type ProgressReporter } from '../lib/progress';
import type { Codec } from './cache-codecs';
import { CACHE_VERSION, readEntry, removeStaleTemps, writeEntry } from './cache-entry';
import { sha256Hex, stableStringify } from './stable-hash';

export interface StageContext {
  readonly cacheDir: string;
  /** Recompute every stage even when cached. */
  readonly force?: boolean;
  /** Status messages (default: stderr). */
  readonly log?: (message: string) => void;
  /** Settings for the progress lines stages print (write, tty, clock, interval). */
  readonly progress?: Omit<ProgressOptions, 'label' | 'total' | 'unit'>;
}

/**
 * What `compute` gets to report progress: start a reporter over `total` units (`resumedAt` of
 * them already done by an earlier, stopped run).
 */
export type ProgressFactory = (
  total: number,
  label?: string,
  unit?: string,
  resumedAt?: number,
) => ProgressReporter;

export interface StageResult<T> {
  readonly value: T;
  /** Full SHA-256 key of this stage run; pass results as `upstream` of later stages. */
  readonly hash: string;
  readonly cached: boolean;
  readonly file: string;
}

/** The cache key of a stage run. */
export function stageHash(
  name: string,
  inputs: unknown,
  codecName: string,
  upstream: readonly { hash: string }[] = [],
): string {
  return sha256Hex(
    stableStringify({
      version: CACHE_VERSION,
      stage: name,
      codec: codecName,
      inputs,
      upstream: upstream.map((u) => u.hash),
    }),
  );
}

function entryBase(name: string, hash: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_')}-${hash.slice(0, 16)}`;
}

/**
 * Run stage `name`: return the cached result for (`name`, `inputs`, codec, `upstream` hashes) if a
 * valid entry exists, else `compute` it, store it atomically and return it.
 */
export async function runStage<T>(
  ctx: StageContext,
  name: string,
  inputs: unknown,
  compute: (progress: ProgressFactory) => Promise<T>,
  codec: Codec<T>,
  upstream: readonly { hash: string }[] = [],
): Promise<StageResult<T>> {
  const log = ctx.log ?? ((m: string) => void process.stderr.write(`${m}\n`));
  const hash = stageHash(name, inputs, codec.name, upstream);
  const base = entryBase(name, hash);
  const file = join(ctx.cacheDir, `${base}.bin`);
  await mkdir(ctx.cacheDir, { recursive: true });

  if (!ctx.force) {
    const entry = await readEntry(file, hash);
    if ('payload' in entry) {
      try {
        const value = codec.decode(entry.payload);
        log(`[${name}] cached (${file})`);
        return { value, hash, cached: true, file };
      } catch (e) {
        log(`[${name}] cache entry cannot be decoded (${errorMessage(e)}); recomputing`);
      }
    } else if (entry.problem !== 'missing') {
      log(`[${name}] cache entry unusable (${entry.problem}); recomputing`);
    }
  }

  await removeStaleTemps(ctx.cacheDir, `${base}.bin`);
  const started = Date.now();
  log(`[${name}] computing`);
  const progress: ProgressFactory = (total, label, unit, resumedAt) =>
    createProgress({
      ...ctx.progress,
      label: label !== undefined ? `[${name}] ${label}` : `[${name}]`,
      total,
      ...(unit !== undefined ? { unit } : {}),
      ...(resumedAt !== undefined ? { resumedAt } : {}),
    });
  const value = await compute(progress);
  const payload = codec.encode(value);
  await writeEntry(
    file,
    {
      version: CACHE_VERSION,
      stage: name,
      hash,
      codec: codec.name,
      bytes: payload.byteLength,
      sha256: sha256Hex(payload),
    },
    payload,
  );
  log(`[${name}] done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return { value, hash, cached: false, file };
}
