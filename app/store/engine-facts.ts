// Follows facts about the engine worker into the store, for the backend badge: whether it is
// cross-origin isolated (threaded wasm possible), and the wasm backend's thread count, asked
// again whenever the active backend changes.
import type { WorkerEngine } from '../../src/workers/client';
import type { AppStore } from './types';

export function followEngineFacts(
  store: AppStore,
  engine: Pick<WorkerEngine, 'isolation' | 'wasmThreads'>,
): void {
  void engine.isolation().then(
    (isolated) => store.setState({ isolated }),
    () => store.setState({ isolated: false }),
  );
  store.subscribe((s, prev) => {
    if (s.backend === prev.backend) return;
    const asked = s.backend;
    if (asked !== 'wasm') {
      store.setState({ wasmThreads: null });
      return;
    }
    void engine.wasmThreads().then(
      // An answer for a backend no longer active is dropped.
      (wasmThreads) => {
        if (store.getState().backend === asked) store.setState({ wasmThreads });
      },
      () => undefined,
    );
  });
}
