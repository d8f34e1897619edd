// Run presets (presets.ts): paper follows the bundle's reference protocol, else the paper's own;
// the settings' preset is recognised.
import { describe, expect, it } from 'vitest';
import type { ReferenceTable } from '../../src/engine/bundle/manifest';
import { activePreset, QUICK, runPresets } from './presets';
import { DEFAULT_SETTINGS } from './settings';

describe('runPresets', () => {
  it('quick, standard (the defaults) and paper (the reference protocol)', () => {
    const table = { protocol: { epochs: 200, width: 128, testImages: 2000 }, rows: [] };
    const [quick, standard, paper] = runPresets(table as unknown as ReferenceTable);
    expect(quick!.values).toEqual(QUICK);
    expect(standard!.values).toEqual({ epochs: 100, width: 128, testLimit: null });
    expect(paper!.values).toEqual({ epochs: 200, width: 128, testLimit: 2000 });
    // Without a table: the paper's 1000 epochs on every test image.
    expect(runPresets(undefined)[2]!.values).toEqual({ epochs: 1000, width: 128, testLimit: null });
  });

  it('recognises the preset the settings match, and none when edited', () => {
    const presets = runPresets(undefined);
    expect(activePreset(DEFAULT_SETTINGS, presets)?.id).toBe('standard');
    expect(activePreset({ ...DEFAULT_SETTINGS, ...QUICK }, presets)?.id).toBe('quick');
    expect(activePreset({ ...DEFAULT_SETTINGS, epochs: 99 }, presets)).toBeNull();
  });
});
