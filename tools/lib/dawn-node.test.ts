// WebGPU in Node without Dawn: asking for the webgpu backend by name is a BackendError that names
// the missing file and the script that fetches it; the default backend list never includes it.
import { describe, expect, it } from 'vitest';
import { BackendError } from '../../src/engine/errors';
import { initNodeBackend, isNodeBackend, NODE_BACKENDS } from './backend-node';

describe('webgpu in Node', () => {
  it('is accepted by name only, and refused with the fix when Dawn is missing', async () => {
    expect(isNodeBackend('webgpu')).toBe(true);
    expect(isNodeBackend('webgl')).toBe(false);
    expect(NODE_BACKENDS).not.toContain('webgpu');
    const saved = process.env.YOCO_DAWN;
    process.env.YOCO_DAWN = '/nonexistent/dawn';
    try {
      const err = await initNodeBackend('webgpu').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendError);
      expect(String((err as Error).message)).toMatch(
        /\/nonexistent\/dawn\/index\.js is missing\): run bash tools\/gpu\/fetch-dawn\.sh/,
      );
    } finally {
      if (saved === undefined) delete process.env.YOCO_DAWN;
      else process.env.YOCO_DAWN = saved;
    }
  });
});
