// Worker death without a browser: the app's WorkerEngine talks to a session served over a
// MessageChannel (as the worker serves it), and "killing" the worker closes the served end, so it
// goes silent with no 'error' event, as a worker that is closed or killed does. The call in flight
// must reject with one clear message instead of waiting forever, a fresh worker must take over
// with the backend and the bundle reloaded, and a busy but live worker must not count as dead.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { getFileFromMap } from '../engine/bundle/read';
import { createSession, type Session } from '../engine/session';
import { parseSelection } from '../engine/select/selection';
import { makeTinyBundle, type TinyBundle } from '../../test-support/engine/tiny-bundle';
import { servedWorker, terminatedAfterEach } from '../../test-support/workers/served-worker';
import { createWorkerEngine, type WorkerEngineOptions } from './client';
import { WorkerCrashError } from './errors';

const YOCO = parseSelection('yoco');
const LONG = { ...YOCO, perClass: 12, epochs: 400, width: 4, batchSize: 8, testLimit: 4 };
type Call = (...args: unknown[]) => unknown;
const FAST: WorkerEngineOptions = { heartbeatMs: 20, deadAfterMs: 400 };

let tiny: TinyBundle;
beforeAll(async () => {
  tiny = await makeTinyBundle({ classes: 4, ipc: 3, factor: 2, size: 8, seed: 3 });
});

/** Fake workers: each a fresh session served on a MessageChannel, which `kill` silences. */
function workerFactory() {
  const made: { session: Session; kill: () => void }[] = [];
  const make = (): Worker => {
    const session = createSession({
      getFile: (url) => getFileFromMap(url === 'memory://tiny/' ? tiny.files : new Map()),
      progressIntervalMs: 0,
    });
    // A dead worker's call ports die with it: keep them, to close them all on `kill`.
    const ports: MessagePort[] = [];
    made.push({ session, kill: () => ports.forEach((p) => p.close()) });
    return servedWorker(session, (api, served) => {
      ports.push(served);
      return Object.fromEntries(
        Object.entries(api as unknown as Record<string, Call>).map(([name, f]) => [
          name,
          (...args: unknown[]) => {
            for (const a of args) {
              const port = (a as { port?: MessagePort } | undefined)?.port;
              if (port) ports.push(port);
            }
            return f(...args);
          },
        ]),
      );
    });
  };
  return { make, made };
}

const open = terminatedAfterEach();

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms),
    ),
  ]);
}

describe('a worker that dies without an error event', () => {
  it('fails the call in flight with one clear message, then a fresh worker serves the next', async () => {
    const workers = workerFactory();
    const crashes: string[] = [];
    const engine = createWorkerEngine(workers.make, {
      ...FAST,
      onCrash: (m) => crashes.push(m),
    });
    open.push(engine);
    await engine.setBackend('cpu');
    await engine.loadBundle('memory://tiny/');
    let steps = 0;
    const run = engine.train(LONG, {
      onEvent: (e) => {
        if (e.type === 'step' && ++steps === 3) workers.made[0]!.kill();
      },
    });
    const error = await within(10_000, run).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashError);
    expect((error as Error).message).toMatch(
      /^The engine worker stopped \(it gave no sign of life for [\d.]+ s\)\. It was restarted with the dataset reloaded; try again\.$/,
    );
    expect(crashes).toEqual([(error as Error).message]);
    // A fresh worker took over, with the backend and the bundle its predecessor had.
    expect(workers.made).toHaveLength(2);
    const indices = await within(10_000, engine.select({ ...YOCO, perClass: 2 }));
    expect(indices).toHaveLength(8);
    const fresh = workers.made[1]!.session;
    expect(fresh.backend()).toBe('cpu');
    expect(fresh.loaded()?.manifest.id).toBe(tiny.manifest.id);
    const result = await within(
      30_000,
      engine.train({ ...YOCO, perClass: 2, epochs: 1, width: 4, batchSize: 8, testLimit: 4 }),
    );
    expect(result.backend).toBe('cpu');
    expect(crashes).toHaveLength(1);
  });

  it('a call sent to a worker already dead rejects instead of hanging', async () => {
    const workers = workerFactory();
    const engine = createWorkerEngine(workers.make, FAST);
    open.push(engine);
    await engine.setBackend('cpu');
    await engine.loadBundle('memory://tiny/');
    workers.made[0]!.kill();
    await expect(within(10_000, engine.select({ ...YOCO, perClass: 2 }))).rejects.toBeInstanceOf(
      WorkerCrashError,
    );
    expect(await within(10_000, engine.select({ ...YOCO, perClass: 2 }))).toHaveLength(8);
  });

  it('stops restarting a worker that keeps dying, and says to reload', async () => {
    const workers = workerFactory();
    const crashes: string[] = [];
    const engine = createWorkerEngine(workers.make, {
      ...FAST,
      maxRestarts: 1,
      onCrash: (m) => crashes.push(m),
    });
    open.push(engine);
    await engine.setBackend('cpu');
    workers.made[0]!.kill();
    await expect(within(10_000, engine.select({ ...YOCO, perClass: 1 }))).rejects.toThrow(
      /It was restarted/,
    );
    workers.made[1]!.kill();
    await expect(within(10_000, engine.select({ ...YOCO, perClass: 1 }))).rejects.toThrow(
      /^The engine worker stopped again \(.+\)\. Reload the page to continue\.$/,
    );
    await expect(engine.select({ ...YOCO, perClass: 1 })).rejects.toThrow(/Reload the page/);
    expect(workers.made).toHaveLength(2);
    expect(crashes).toHaveLength(2);
  });

  it('a live worker busy with a long run is not declared dead', async () => {
    const workers = workerFactory();
    const crashes: string[] = [];
    // Silence allowed: 400 ms; the run takes longer, answering pings between its steps.
    const engine = createWorkerEngine(workers.make, { ...FAST, onCrash: (m) => crashes.push(m) });
    open.push(engine);
    await engine.setBackend('cpu');
    await engine.loadBundle('memory://tiny/');
    const started = Date.now();
    await engine.train({ ...LONG, epochs: 30 });
    expect(Date.now() - started).toBeGreaterThan(400);
    expect(crashes).toEqual([]);
    expect(workers.made).toHaveLength(1);
  });
});
