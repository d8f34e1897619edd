// `yoco bench --json`: one JSON object per backend and thread count with the fields the lead and
// the docs rely on; bad flags are UsageErrors.
import { describe, it, expect, vi } from 'vitest';
import { UsageError } from '../lib/args';
import { runBench } from './bench';

describe('runBench', () => {
  it('prints one JSON line per backend / thread count with backend, samplesPerSec, width, batch, threads', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
    try {
      const code = await runBench([
        '--json',
        '--backends',
        'wasm,cpu',
        '--threads',
        '1,2',
        '--width',
        '4',
        '--depth',
        '2',
        '--size',
        '8',
        '--batch',
        '4',
        '--cpu-batch',
        '2',
        '--steps',
        '2',
        '--repeats',
        '2',
        '--classes',
        '3',
      ]);
      expect(code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const [head, ...rows] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // This core's SIMD peak comes first, measured in the same run.
    const peak = head!.peak as { mulAdd: number; fma: number | null };
    expect(peak.mulAdd).toBeGreaterThan(0);
    for (const r of rows.filter((r) => r.backend === 'wasm')) {
      expect(r.gflops as number).toBeGreaterThan(0);
      expect(r.peakFraction).toBeCloseTo(
        (r.gflops as number) / ((r.threads as number) * Math.max(peak.mulAdd, peak.fma ?? 0)),
        9,
      );
    }
    expect(rows.map((r) => [r.backend, r.threads, r.batch])).toEqual([
      ['wasm', 1, 4],
      ['wasm', 2, 4],
      ['cpu', 1, 2],
    ]);
    for (const r of rows) {
      expect(r.width).toBe(4);
      expect(r.inputShape).toEqual([8, 8, 3]);
      expect(typeof r.samplesPerSec).toBe('number');
      expect(r.samplesPerSec as number).toBeGreaterThan(0);
      expect(r.samplesPerSec).toBe(Math.max(...(r.allSamplesPerSec as number[])));
    }
    expect((rows[0]!.allSamplesPerSec as number[]).length).toBe(2);
  });

  it('--profile prints the stage and kernel tables; --torch adds PyTorch beside wasm, or says it is absent', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
    const tiny = ['--json', '--backends', 'wasm', '--threads', '1', '--width', '4', '--depth', '2'];
    const small = ['--size', '8', '--batch', '4', '--steps', '2', '--repeats', '1'];
    try {
      expect(await runBench([...tiny, ...small, '--profile'])).toBe(0);
      expect(await runBench([...tiny, ...small, '--torch'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const [profile, wasm, torch] = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => !('peak' in r));
    const stages = (profile!.stages as { name: string; ms: number }[]).map((s) => s.name);
    expect(stages).toEqual(expect.arrayContaining(['conv dW', 'conv forward', 'augmentation']));
    expect((profile!.kernels as { name: string }[]).map((k) => k.name)).toContain('Conv2D');
    expect(profile!.stepMs as number).toBeGreaterThan(0);
    expect(wasm!.backend).toBe('wasm');
    expect(torch!.backend).toBe('pytorch-cpu');
    if (torch!.ok)
      expect(torch!.ratio).toBeCloseTo(
        (wasm!.samplesPerSec as number) / (torch!.samplesPerSec as number),
        9,
      );
    else expect(torch!.reason).toMatch(/python3-torch|torch-step\.py failed/);
  }, 120_000);

  it('rejects unknown backends and thread counts', async () => {
    await expect(runBench(['--backends', 'webgl'])).rejects.toThrow(
      new UsageError(
        'unknown backend "webgl" for Node; choose from wasm, cpu (or webgpu, through Dawn)',
      ),
    );
    await expect(runBench(['--threads', '0'])).rejects.toThrow(
      new UsageError('--threads items must be integers in [1, 8], got "0"'),
    );
  });
});
