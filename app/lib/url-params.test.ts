// The app's URL (url-params.ts over src/engine/settings/url.ts): settings read and written back,
// old method ids read as tokens, and the size a bundle opens at (settings.ts initialPerClass).
import { describe, expect, it } from 'vitest';
import { settingBounds } from '../../src/engine/settings/schema';
import { DEFAULT_SETTINGS, initialPerClass } from './settings';
import { hrefWithSearch, parseUrlSettings, settingsToSearch } from './url-params';

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
      method: 'lbpe+easy+imbalanced', // the old id's token
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
      expect.stringMatching(
        /^URL parameter method=best ignored: expected one of yoco, prefix, random, /,
      ),
      'URL parameter bundle=../x ignored: not a bundle id or folder',
      'URL parameter zoom is not known and was ignored',
      'URL parameter seed=-1 ignored: expected a non-negative integer',
    ]);
  });

  it('accepts case-insensitive backends and methods, and any spelling of a menu option', () => {
    const { settings } = parseUrlSettings('backend=WASM&method=EL2N');
    expect(settings.backend).toBe('wasm');
    expect(settings.method).toBe('el2n');
    expect(parseUrlSettings('method=lbpe%2Bhard').settings.method).toBe('lbpe+hard+balanced');
    expect(parseUrlSettings('method=random+balanced').settings.method).toBe('random+balanced');
  });
});

describe('initialPerClass', () => {
  it('uses n=, then ipc · f², then one stored image, clamped to 1…max', () => {
    expect(initialPerClass(DEFAULT_SETTINGS, 2, 10)).toBe(4);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, ipc: 2.5 }, 2, 10)).toBe(10);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, ipc: 0.25 }, 2, 10)).toBe(1);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, ipc: 2, perClass: 3 }, 2, 10)).toBe(3);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, ipc: 100 }, 2, 10)).toBe(40);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, perClass: 100 }, 2, 10)).toBe(40);
    expect(initialPerClass({ ...DEFAULT_SETTINGS, ipc: 0.01 }, 3, 10)).toBe(1);
  });
});

describe('settingsToSearch and hrefWithSearch', () => {
  it('sets or replaces bundle, keeping the other settings and the path', () => {
    const { settings } = parseUrlSettings('?width=4&epochs=2');
    const search = settingsToSearch({ ...settings, bundle: 'tiny-f32' }, null);
    expect(hrefWithSearch('http://h/app/?width=4&epochs=2', search)).toBe(
      'http://h/app/?bundle=tiny-f32&epochs=2&width=4',
    );
    const replaced = hrefWithSearch(
      'http://h/?bundle=tiny&width=4#x',
      settingsToSearch({ ...settings, bundle: 'fashion-mnist-dm-ipc10' }, null),
    );
    expect(replaced).toBe('http://h/?bundle=fashion-mnist-dm-ipc10&epochs=2&width=4#x');
    // What it writes, parseUrlSettings reads back.
    expect(parseUrlSettings(new URL(replaced).search).settings.bundle).toBe(
      'fashion-mnist-dm-ipc10',
    );
  });

  it('writes only what differs from the defaults; nothing for the defaults', () => {
    expect(settingsToSearch(DEFAULT_SETTINGS, null)).toBe('');
    expect(hrefWithSearch('http://h/app/?zoom=2#x', '')).toBe('http://h/app/#x');
  });

  // Every row both ways: src/engine/settings/schema.test.ts.
  it('writes the URL parameters so that reading them back gives the same settings', () => {
    const all =
      'bundle=tiny-gray&method=lbpe%2Beasy%2Bimbalanced&ipc=0.5&n=3&epochs=3&width=6&depth=2&batch=32' +
      '&seed=5&testLimit=9&backend=wasm&budget=30&autotrain=0&cseeds=3';
    const { settings, warnings } = parseUrlSettings(all);
    expect(warnings).toEqual([]);
    expect(settingsToSearch(settings, null)).toBe(all);
    expect(parseUrlSettings(settingsToSearch(settings, null)).settings).toEqual(settings);
  });

  it('records a loaded bundle’s size as ipc, exact enough to give n back, and drops n', () => {
    const settings = { ...DEFAULT_SETTINGS, perClass: 3 };
    for (const [perClass, factor] of [
      [7, 2],
      [1, 3],
      [40, 3],
      [1, 7],
    ] as const) {
      const search = settingsToSearch(settings, { perClass, factor });
      expect(new URLSearchParams(search).has('n')).toBe(false);
      const back = parseUrlSettings(search).settings;
      expect(initialPerClass(back, factor, 100)).toBe(perClass);
    }
    expect(settingsToSearch(settings, { perClass: 7, factor: 2 })).toBe('ipc=1.75');
  });
});

describe('the settings table', () => {
  it('holds each number field’s bounds once', () => {
    expect(settingBounds('epochs')).toEqual([1, 100_000]);
    expect(settingBounds('width')).toEqual([1, 1024]);
    expect(settingBounds('seed')).toEqual([0, 2 ** 31 - 1]);
    expect(settingBounds('budgetSeconds')).toEqual([1, 86_400]);
  });

  it('names why each kind of invalid value was ignored', () => {
    const { warnings } = parseUrlSettings(
      'ipc=0&n=1.5&depth=9&batch=0&testLimit=x&budget=0.5&autotrain=yes',
    );
    expect(warnings).toEqual([
      'URL parameter ipc=0 ignored: expected a positive number (IPC units, n / f²)',
      'URL parameter n=1.5 ignored: expected a positive integer (samples per class)',
      'URL parameter depth=9 ignored: expected an integer from 1 to 8',
      'URL parameter batch=0 ignored: expected an integer from 1 to 4096',
      'URL parameter testLimit=x ignored: expected a positive integer',
      'URL parameter budget=0.5 ignored: expected seconds from 1 to 86400',
      'URL parameter autotrain=yes ignored: expected 0 or 1',
    ]);
  });
});
