// The engine session for the Node command lines: the same orchestrator as the app's
// (src/engine/session.ts), reading bundle folders from disk (bundle-fs.ts). A command opens the
// bundle once (loadBundle validates it) and then selects and trains through the session, so the
// CLI and the app run the same code path. The backend is started beforehand (backend-node.ts).
import type { BackendEvent } from '../../src/engine/api';
import type { LoadedBundle } from '../../src/engine/bundle/read';
import { createSession, type Session } from '../../src/engine/session';
import { bundleDirFiles } from './bundle-fs';

export interface BundleSession {
  readonly session: Session;
  /** The bundle as loaded and validated by the session. */
  readonly bundle: LoadedBundle;
}

/** A session with the bundle in folder `dir` loaded (a bad bundle is a BundleError). */
export async function openBundleSession(dir: string): Promise<BundleSession> {
  const session = createSession({ getFile: bundleDirFiles });
  await session.loadBundle(dir);
  return { session, bundle: session.loaded()! };
}

/** A stderr line for a backend the engine gave up on (it continues on `next`). */
export function backendLine(e: BackendEvent): string {
  const what = e.phase === 'start' ? 'failed to start' : 'failed during training';
  const then = e.next
    ? e.phase === 'run'
      ? `; restarting the run on ${e.next}`
      : `; trying ${e.next}`
    : '';
  return `${e.failed} ${what} (${e.reason})${then}\n`;
}
