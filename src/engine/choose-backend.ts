// The backend a run uses, chosen by measurement (design.md §8). Automatic: every backend this
// platform has is timed on a short warm-up of the real training step and evaluation on the loaded
// bundle (run.ts `measureOnBundle`), and the one whose estimate for the user's run is shortest
// wins. Not timed: software GPU adapters (SwiftShader: a step can take minutes; they are never the
// automatic choice), and cpu where wasm runs (the same kernels in plain JavaScript). wasm is timed
// first, and every later candidate must finish its measurement within twice wasm's time (at
// least MIN_DEADLINE_MS): a backend that cannot would lose anyway. Forced: the user's backend
// is used whatever it is, and measured unless it runs in software. The winner's measurement is
// what the app's estimates and budget reuse.
import type {
  BackendChoice,
  BackendChoiceRequest,
  BackendProbe,
  Throughput,
  ThroughputRequest,
} from './api';
import { estimateRun } from './budget';
import { AbortedError, errorMessage, throwIfAborted } from './errors';
import { BACKEND_ORDER, type BackendName } from './types';

/** Least time a candidate after the first gets for its measurement, ms. */
export const MIN_DEADLINE_MS = 5_000;

/** Where the candidates are timed: wasm first, it runs everywhere and sets the deadline. */
const TIMING_ORDER: readonly BackendName[] = ['wasm', 'webgpu', 'webgl', 'cpu'];

/** What the choice needs of the engine (the session's, or a test's stand-ins). */
export interface ChoiceDeps {
  /** Backends the platform appears to support. */
  available(): readonly BackendName[];
  /** Why a backend runs in software here, or null. */
  software(backend: BackendName): Promise<string | null>;
  /** Makes `backend` active; throws when it cannot start. */
  start(backend: BackendName): Promise<void>;
  /** Starts the best backend by the fixed order (no measurement); resolves to it. */
  startDefault(): Promise<BackendName>;
  /** Measures the active backend; throws MeasureDeadlineError past `deadlineMs`. */
  measure(request: ThroughputRequest): Promise<Omit<Throughput, 'backend'>>;
  /** Whether an error is the measurement's deadline. */
  isDeadline(e: unknown): boolean;
  readonly now?: () => number;
}

/** The measured probe whose estimate is shortest (ties: the earlier in BACKEND_ORDER), or null. */
export function fastest(probes: readonly BackendProbe[]): BackendProbe | null {
  let best: BackendProbe | null = null;
  for (const p of probes) {
    if (p.outcome !== 'measured' || p.estimatedSec === undefined) continue;
    if (
      !best ||
      p.estimatedSec < best.estimatedSec! ||
      (p.estimatedSec === best.estimatedSec &&
        BACKEND_ORDER.indexOf(p.backend) < BACKEND_ORDER.indexOf(best.backend))
    )
      best = p;
  }
  return best;
}

/** Starts and measures one backend, as a probe. */
async function probe(
  backend: BackendName,
  request: BackendChoiceRequest,
  deadlineMs: number | undefined,
  deps: ChoiceDeps,
  signal: AbortSignal | undefined,
): Promise<BackendProbe> {
  throwIfAborted(signal);
  try {
    await deps.start(backend);
  } catch (e) {
    return { backend, outcome: 'failed', reason: `did not start: ${errorMessage(e)}` };
  }
  const { width, batchSize } = request;
  try {
    const measured = await deps.measure({
      width,
      batchSize,
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    });
    const throughput: Throughput = { backend, ...measured };
    const estimatedSec = estimateRun(measured.speed, { ...request.run, batchSize }).totalSec;
    return { backend, outcome: 'measured', reason: 'timed', throughput, estimatedSec };
  } catch (e) {
    if (e instanceof AbortedError || signal?.aborted) throw e;
    if (deps.isDeadline(e))
      return {
        backend,
        outcome: 'slow',
        reason: `no answer within ${Math.round(deadlineMs! / 1000)} s`,
      };
    return { backend, outcome: 'failed', reason: errorMessage(e) };
  }
}

/** Chooses, starts and measures the backend for `request` (see the file's header). */
export async function chooseBackend(
  request: BackendChoiceRequest,
  deps: ChoiceDeps,
  signal?: AbortSignal,
): Promise<BackendChoice> {
  const now = deps.now ?? (() => performance.now());
  const { forced } = request;
  if (forced !== undefined) {
    await deps.start(forced);
    const soft = await deps.software(forced);
    const p: BackendProbe = soft
      ? { backend: forced, outcome: 'software', reason: soft }
      : await probe(forced, request, request.deadlineMs, deps, signal);
    return { backend: forced, forced: true, throughput: p.throughput ?? null, probes: [p] };
  }
  const available = deps.available();
  const probes = new Map<BackendName, BackendProbe>();
  let deadlineMs = request.deadlineMs;
  let baseline = true;
  for (const backend of TIMING_ORDER) {
    throwIfAborted(signal);
    if (!available.includes(backend)) {
      probes.set(backend, { backend, outcome: 'unavailable', reason: 'not supported here' });
      continue;
    }
    const soft = await deps.software(backend);
    if (soft) {
      probes.set(backend, { backend, outcome: 'software', reason: soft });
      continue;
    }
    if (backend === 'cpu' && probes.get('wasm')?.outcome === 'measured') {
      probes.set(backend, {
        backend,
        outcome: 'untimed',
        reason: 'wasm runs the same work faster',
      });
      continue;
    }
    const t0 = now();
    const p = await probe(backend, request, deadlineMs, deps, signal);
    probes.set(backend, p);
    if (p.outcome === 'measured' && baseline) {
      baseline = false;
      const next = Math.max(MIN_DEADLINE_MS, 2 * (now() - t0));
      deadlineMs = request.deadlineMs === undefined ? next : Math.min(next, request.deadlineMs);
    }
  }
  const ordered = BACKEND_ORDER.map((b) => probes.get(b)!);
  const best = fastest(ordered);
  throwIfAborted(signal);
  if (!best) {
    const backend = await deps.startDefault();
    return { backend, forced: false, throughput: null, probes: ordered };
  }
  await deps.start(best.backend);
  return { backend: best.backend, forced: false, throughput: best.throughput!, probes: ordered };
}
