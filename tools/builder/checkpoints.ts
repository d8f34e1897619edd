// Checkpoints of a long stage (distribution matching): its state every N steps, so a stopped build
// resumes where it stopped instead of from the start. A store is keyed by the stage's inputs
// WITHOUT its length (the number of steps), so a longer run resumes from a shorter one's last
// checkpoint, and keeps one file per saved step, so earlier states stay available (the DM accuracy
// curve reads them). Files use the stage cache's checked, atomically written entry format
// (cache-entry.ts).
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stageHash } from './cache';
import { CACHE_VERSION, readEntry, removeStaleTemps, writeEntry } from './cache-entry';
import { sha256Hex } from './stable-hash';

export interface CheckpointStore {
  /** Folder holding this store's files. */
  readonly dir: string;
  /** Saved steps, ascending. */
  steps(): Promise<number[]>;
  /** The saved payload of `step`, or null when it is missing or fails its checks. */
  load(step: number): Promise<Uint8Array | null>;
  /** The highest saved step ≤ `maxStep` whose file passes its checks, with its payload. */
  latest(maxStep: number): Promise<{ step: number; payload: Uint8Array } | null>;
  save(step: number, payload: Uint8Array): Promise<void>;
}

const FILE = /^step-(\d{8})\.ckpt$/;

export function checkpointStore(
  cacheDir: string,
  name: string,
  keyInputs: unknown,
): CheckpointStore {
  const key = stageHash(`${name}/checkpoints`, keyInputs, 'checkpoint-1');
  const dir = join(cacheDir, 'checkpoints', `${name}-${key.slice(0, 16)}`);
  const file = (step: number) => join(dir, `step-${String(step).padStart(8, '0')}.ckpt`);
  const stepHash = (step: number) => `${key}:${step}`;
  const steps = async (): Promise<number[]> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    return names
      .map((n) => FILE.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  };
  const load = async (step: number): Promise<Uint8Array | null> => {
    const entry = await readEntry(file(step), stepHash(step));
    return 'payload' in entry ? entry.payload : null;
  };
  return {
    dir,
    steps,
    load,
    async latest(maxStep) {
      const all = (await steps()).filter((s) => s <= maxStep).reverse();
      for (const step of all) {
        const payload = await load(step);
        if (payload) return { step, payload };
      }
      return null;
    },
    async save(step, payload) {
      await mkdir(dir, { recursive: true });
      const base = `step-${String(step).padStart(8, '0')}.ckpt`;
      await removeStaleTemps(dir, base);
      await writeEntry(
        file(step),
        {
          version: CACHE_VERSION,
          stage: `${name}/checkpoint`,
          hash: stepHash(step),
          codec: 'checkpoint-1',
          bytes: payload.byteLength,
          sha256: sha256Hex(payload),
        },
        payload,
      );
    },
  };
}
