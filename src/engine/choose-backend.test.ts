// The measured backend choice (choose-backend.ts) with stand-in backends of known speed: a software
// adapter is neither timed nor chosen, the fastest measured backend wins, a forced backend is kept
// whatever it is, a slow candidate is cut off at its deadline; and the adapter check itself
// (software-adapters.ts) on what Chromium's SwiftShader and real GPUs report.
import { describe, expect, it } from 'vitest';
import type { ThroughputRequest } from './api';
import type { SpeedModel } from './budget';
import { chooseBackend, fastest, MIN_DEADLINE_MS, type ChoiceDeps } from './choose-backend';
import { ConfigError } from './errors';
import { softwareAdapterName } from './tf/software-adapters';
import type { BackendName } from './types';

const RUN = { perClass: 4, classes: 10, epochs: 100, testImages: 10_000 };
const REQUEST = { width: 128, batchSize: 64, run: RUN };
const speedOf = (ms: number): SpeedModel => ({
  stepMs: ms,
  sampleMs: ms / 10,
  evalImageMs: ms / 100,
});

class Deadline extends ConfigError {}

/** Stand-in backends: `speeds` gives each one's step ms (absent: it cannot start). */
function fakes(
  speeds: Partial<Record<BackendName, number>>,
  software: Partial<Record<BackendName, string>> = {},
) {
  let active: BackendName | null = null;
  const measured: { backend: BackendName; deadlineMs: number | undefined }[] = [];
  let clock = 0;
  const deps: ChoiceDeps = {
    available: () => ['webgpu', 'wasm', 'webgl', 'cpu'],
    software: async (b) => software[b] ?? null,
    start: async (b) => {
      if (speeds[b] === undefined) throw new Error(`${b} is broken`);
      active = b;
    },
    startDefault: async () => (active = 'cpu'),
    measure: async (r: ThroughputRequest) => {
      const ms = speeds[active!]!;
      measured.push({ backend: active!, deadlineMs: r.deadlineMs });
      clock += ms; // the measurement takes as long as its step, here
      if (r.deadlineMs !== undefined && ms > r.deadlineMs) throw new Deadline('too slow');
      const speed = speedOf(ms);
      return { samplesPerSec: 1, width: r.width, batchSize: r.batchSize, measuredSteps: 4, speed };
    },
    isDeadline: (e) => e instanceof Deadline,
    now: () => clock,
  };
  return { deps, measured, active: () => active };
}

describe('chooseBackend', () => {
  it('never times nor chooses a software adapter, and does not time cpu beside wasm', async () => {
    const f = fakes(
      { webgpu: 1, wasm: 300, webgl: 500, cpu: 2 },
      { webgpu: 'a software adapter (SwiftShader)' },
    );
    const choice = await chooseBackend(REQUEST, f.deps);
    expect(choice.backend).toBe('wasm');
    expect(f.active()).toBe('wasm');
    expect(f.measured.map((m) => m.backend)).toEqual(['wasm', 'webgl']);
    expect(choice.probes.map((p) => [p.backend, p.outcome])).toEqual([
      ['webgpu', 'software'],
      ['wasm', 'measured'],
      ['webgl', 'measured'],
      ['cpu', 'untimed'],
    ]);
    expect(choice.probes[0]!.reason).toBe('a software adapter (SwiftShader)');
    // The winner's measurement is what estimates reuse.
    expect(choice.throughput).toMatchObject({ backend: 'wasm', speed: speedOf(300) });
  });

  it('the fastest measured backend wins, ranked by the estimated run', async () => {
    const f = fakes({ webgpu: 40, wasm: 300, webgl: 120 });
    const choice = await chooseBackend(REQUEST, f.deps);
    expect(choice).toMatchObject({ backend: 'webgpu', forced: false });
    expect(f.active()).toBe('webgpu');
    const est = Object.fromEntries(choice.probes.map((p) => [p.backend, p.estimatedSec]));
    expect(est.webgpu).toBeLessThan(est.webgl!);
    expect(est.webgl).toBeLessThan(est.wasm!);
    expect(fastest(choice.probes)?.backend).toBe('webgpu');
  });

  it('cuts a candidate off at twice the time wasm took (at least MIN_DEADLINE_MS)', async () => {
    const f = fakes({ webgpu: 20_000, wasm: 4_000 });
    const choice = await chooseBackend(REQUEST, f.deps);
    expect(f.measured).toEqual([
      { backend: 'wasm', deadlineMs: undefined },
      { backend: 'webgpu', deadlineMs: 8_000 },
    ]);
    expect(choice.backend).toBe('wasm');
    expect(choice.probes[0]).toMatchObject({ outcome: 'slow', reason: 'no answer within 8 s' });
    const quick = fakes({ webgpu: 10, wasm: 100 });
    await chooseBackend(REQUEST, quick.deps);
    expect(quick.measured[1]!.deadlineMs).toBe(MIN_DEADLINE_MS);
  });

  it('reports a backend that cannot start, and falls back to the fixed order when none measures', async () => {
    const f = fakes({ wasm: 50 });
    const choice = await chooseBackend(REQUEST, f.deps);
    expect(choice.backend).toBe('wasm');
    expect(choice.probes[0]).toMatchObject({
      outcome: 'failed',
      reason: 'did not start: webgpu is broken',
    });
    const none = fakes({}, {});
    expect(await chooseBackend(REQUEST, none.deps)).toMatchObject({
      backend: 'cpu',
      throughput: null,
    });
  });

  it('honours a forced backend: slower, or software (then not measured)', async () => {
    const f = fakes({ webgpu: 900, wasm: 10 });
    const forced = await chooseBackend({ ...REQUEST, forced: 'webgpu' }, f.deps);
    expect(forced).toMatchObject({
      backend: 'webgpu',
      forced: true,
      throughput: { backend: 'webgpu' },
    });
    expect(f.active()).toBe('webgpu');
    expect(f.measured.map((m) => m.backend)).toEqual(['webgpu']);
    const soft = fakes({ webgpu: 900, wasm: 10 }, { webgpu: 'a software adapter (SwiftShader)' });
    const choice = await chooseBackend({ ...REQUEST, forced: 'webgpu' }, soft.deps);
    expect(choice).toMatchObject({ backend: 'webgpu', forced: true, throughput: null });
    expect(choice.probes).toEqual([
      { backend: 'webgpu', outcome: 'software', reason: 'a software adapter (SwiftShader)' },
    ]);
    expect(soft.measured).toEqual([]);
    expect(soft.active()).toBe('webgpu');
  });
});

describe('softwareAdapterName', () => {
  it('knows SwiftShader as Debian Chromium reports it, llvmpipe, and the fallback flag', () => {
    expect(
      softwareAdapterName({
        vendor: 'google',
        architecture: 'swiftshader',
        device: '',
        description: '',
        isFallbackAdapter: true,
      }),
    ).toBe('SwiftShader');
    expect(softwareAdapterName({ description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(
      'llvmpipe',
    );
    expect(
      softwareAdapterName({
        description:
          'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      }),
    ).toBe('SwiftShader');
    expect(softwareAdapterName({ vendor: 'acme', isFallbackAdapter: true })).toBe('acme');
  });

  it('passes real GPUs', () => {
    expect(
      softwareAdapterName({ vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false }),
    ).toBeNull();
    expect(softwareAdapterName({ vendor: 'apple', architecture: 'metal-3' })).toBeNull();
    expect(softwareAdapterName({ vendor: 'intel', architecture: 'gen-12lp' })).toBeNull();
  });
});
