// Wall-clock attribution of a training step to named stages, for `yoco bench --profile`
// (docs/performance.md).
// The model and the step wrap their parts in `stage(name, f)`; outside a profile that is one
// branch and the call. Inside `profileStages` each stage accumulates its exclusive time (a nested
// stage's time is its own, not its parent's). Meaningful only where kernels run synchronously
// (wasm, cpu): on the GPU backends a stage would time the dispatch, not the work.

let totals: Map<string, number> | null = null;
/** Child time of each open stage, innermost last. */
const open: number[] = [];

/** Runs `f`, adding its exclusive wall time to `name` while a profile is recording. */
export function stage<T>(name: string, f: () => T): T {
  if (!totals) return f();
  const into = totals;
  const t0 = performance.now();
  open.push(0);
  try {
    return f();
  } finally {
    const dt = performance.now() - t0;
    const children = open.pop()!;
    into.set(name, (into.get(name) ?? 0) + dt - children);
    if (open.length > 0) open[open.length - 1]! += dt;
  }
}

/** Runs `f` with stage recording on; returns its result and each stage's total exclusive ms. */
export async function profileStages<T>(
  f: () => Promise<T>,
): Promise<{ result: T; stages: Map<string, number> }> {
  if (totals) throw new Error('profileStages: a profile is already recording');
  const stages = new Map<string, number>();
  totals = stages;
  try {
    return { result: await f(), stages };
  } finally {
    totals = null;
    open.length = 0;
  }
}

/** Adds `ms` measured around asynchronous work (a read-back) to `name`, while recording. */
export function recordStage(name: string, ms: number): void {
  if (!totals) return;
  totals.set(name, (totals.get(name) ?? 0) + ms);
  if (open.length > 0) open[open.length - 1]! += ms;
}
