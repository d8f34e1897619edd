import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, initialPerClass } from './settings';
import { parseUrlSettings, withBundleParam } from './urlParams';

describe('parseUrlSettings', () => {
  it('applies width, epochs, backend, bundle, method, ipc, seed and testLimit', () => {
    const { settings, warnings } = parseUrlSettings(
      '?width=8&epochs=2&backend=webgpu&bundle=fashion-mnist&method=abl-lbpe-imbalanced&ipc=0.5&seed=7&testLimit=40',
    );
    expect(warnings).toEqual([]);
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      width: 8,
      epochs: 2,
      backend: 'webgpu',
      bundle: 'fashion-mnist',
      methodId: 'abl-lbpe-imbalanced',
      ipc: 0.5,
      seed: 7,
      testLimit: 40,
    });
  });

  it('ignores invalid or unknown parameters and names each one', () => {
    const { settings, warnings } = parseUrlSettings(
      '?width=abc&epochs=0&backend=metal&method=best&bundle=../x&zoom=2&seed=-1&autotrain=0',
    );
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, autoTrain: false });
    expect(warnings).toEqual([
      'URL parameter width=abc ignored: expected an integer from 1 to 1024',
      'URL parameter epochs=0 ignored: expected an integer from 1 to 100000',
      'URL parameter backend=metal ignored: expected one of webgpu, wasm, webgl, cpu',
      expect.stringMatching(/^URL parameter method=best ignored: expected one of yoco, random, /),
      'URL parameter bundle=../x ignored: not a bundle id or folder',
      'URL parameter zoom is not known and was ignored',
      'URL parameter seed=-1 ignored: expected a non-negative integer',
    ]);
  });

  it('accepts case-insensitive backends and method ids', () => {
    const { settings } = parseUrlSettings('backend=WASM&method=EL2N');
    expect(settings.backend).toBe('wasm');
    expect(settings.methodId).toBe('el2n');
  });
});

describe('initialPerClass', () => {
  it('uses n=, then ipc · f², then one stored image, clamped to 1…max', () => {
    expect(initialPerClass(DEFAULT_SETTINGS, 2, 40)).toBe(4);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, ipc: 2.5 }, 2, 40)).toBe(10);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, ipc: 0.25 }, 2, 40)).toBe(1);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, ipc: 2, perClass: 3 }, 2, 40)).toBe(3);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, ipc: 100 }, 2, 40)).toBe(40);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, ipc: 0.01 }, 3, 90)).toBe(1);
  });
});

describe('withBundleParam', () => {
  it('sets or replaces bundle, keeping the other parameters and the path', () => {
    expect(withBundleParam('http://h/app/?width=4&epochs=2', 'tiny-f32')).toBe(
      'http://h/app/?width=4&epochs=2&bundle=tiny-f32',
    );
    const replaced = withBundleParam('http://h/?bundle=tiny&width=4#x', 'fashion-mnist-dm-ipc10');
    expect(replaced).toBe('http://h/?bundle=fashion-mnist-dm-ipc10&width=4#x');
    // What it writes, parseUrlSettings reads back.
    expect(parseUrlSettings(new URL(replaced).search).settings.bundle).toBe(
      'fashion-mnist-dm-ipc10',
    );
  });
});
