// The badge's reason for the backend in use (backend-choice.ts), from what the choice measured:
// how much faster than the runner-up, a software adapter named, a forced backend said so.
import { describe, expect, it } from 'vitest';
import type { BackendChoice, BackendProbe } from '../../src/engine/api';
import { choiceDetails, choiceReason, timesText } from './backend-choice';

const measured = (backend: BackendProbe['backend'], estimatedSec: number): BackendProbe => ({
  backend,
  outcome: 'measured',
  reason: 'timed',
  estimatedSec,
});
const swiftShader: BackendProbe = {
  backend: 'webgpu',
  outcome: 'software',
  reason: 'a software adapter (SwiftShader)',
};
const choice = (backend: BackendChoice['backend'], probes: BackendProbe[], forced = false) =>
  ({ backend, forced, throughput: null, probes }) satisfies BackendChoice;

describe('choiceReason', () => {
  it('says how much faster than the runner-up, and names a software adapter', () => {
    expect(
      choiceReason(
        choice('wasm', [measured('webgpu', 2400), measured('wasm', 60), measured('webgl', 150)]),
      ),
    ).toBe('2.5× faster than WebGL here');
    expect(choiceReason(choice('webgpu', [measured('webgpu', 3), measured('wasm', 120)]))).toBe(
      '40× faster than wasm here',
    );
    expect(choiceReason(choice('wasm', [swiftShader, measured('wasm', 60)]))).toBe(
      'WebGPU here is a software adapter (SwiftShader)',
    );
  });

  it('says when the user chose it, and when that is a software adapter', () => {
    expect(choiceReason(choice('wasm', [measured('wasm', 60)], true))).toBe('chosen by you');
    expect(choiceReason(choice('webgpu', [swiftShader], true))).toBe(
      'chosen by you; a software adapter (SwiftShader), slow',
    );
    expect(choiceReason(null)).toBeNull();
  });

  it('lists what each backend showed', () => {
    const c = choice('wasm', [
      swiftShader,
      measured('wasm', 69),
      { backend: 'webgl', outcome: 'slow', reason: 'no answer within 8 s' },
      { backend: 'cpu', outcome: 'untimed', reason: 'wasm runs the same work faster' },
    ]);
    expect(choiceReason(c)).toBe(
      'WebGL was too slow to measure; WebGPU here is a software adapter (SwiftShader)',
    );
    expect(choiceDetails(c)).toEqual([
      'WebGPU: a software adapter (SwiftShader), not timed (a step can take minutes)',
      'wasm: about 69 s for this run',
      'WebGL: no answer within 8 s',
      'cpu: not timed (wasm runs the same work faster)',
    ]);
    expect(timesText(1.04)).toBe('1.0×');
  });
});
