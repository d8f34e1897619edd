// A Web Worker without a browser, for the worker client's tests: an Engine served as
// engine.worker.ts serves it (protocol.ts `serveEngine`) on one end of a MessageChannel, the other
// end standing in for the Worker (terminating it closes the served end); and the worker engines a
// test opens, terminated after each test.
import * as Comlink from 'comlink';
import { afterEach } from 'vitest';
import type { Engine } from '../../src/engine/api';
import type { WorkerEngine } from '../../src/workers/client';
import { serveEngine, type WorkerApi } from '../../src/workers/protocol';

/**
 * `engine` served on a MessageChannel, as a Worker. `wrap` may stand between the protocol and the
 * channel (it is given the served end, e.g. to close it as a dying worker would).
 */
export function servedWorker(
  engine: Engine,
  wrap: (api: WorkerApi, port: MessagePort) => object = (api) => api,
): Worker {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(
    wrap(
      serveEngine(engine, () => false),
      port1,
    ),
    port1,
  );
  return Object.assign(port2, { terminate: () => port1.close() }) as unknown as Worker;
}

/** The worker engines a test opens (push each one here): terminated after every test. */
export function terminatedAfterEach(): WorkerEngine[] {
  const open: WorkerEngine[] = [];
  afterEach(() => {
    for (const e of open.splice(0)) e.terminate();
  });
  return open;
}
