// The condensed-set readers (src/engine/import/) against the fixtures of
// tools/fixtures/make-import-fixtures.py: for every layout, the pixels and labels an import gives
// equal, value for value, what torch.load / numpy.load give (expected.json), and the malformed
// fixtures are named errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCondensed } from '../../src/engine/import/condensed';
import { KNOWN_NORMALIZATION } from '../../src/engine/import/normalization';
import { PickleDict } from '../../src/engine/import/pickle-types';
import { TensorRef } from '../../src/engine/import/torch-globals';
import { condensedFile, readTorchBytes } from '../../test-support/engine/import-bytes';
import type { CondensedImportOptions } from '../../src/engine/import/types';
import { importError } from '../../test-support/node/import-error';

const DIR = new URL('../fixtures/import/', import.meta.url);
const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)));
const file = (name: string) => condensedFile(name, bytesOf(name));

interface Expected {
  raw: number[];
  shape: number[];
  labels: number[] | number[][];
  pixels: number[];
  classMajorLabels: number[];
}
const EXPECTED = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8')) as {
  files: Record<string, Expected & { experiments: Expected[] }> & {
    'dtypes.pt': Record<string, { shape: number[]; values: number[] }>;
  };
};

const FMNIST = KNOWN_NORMALIZATION['Fashion-MNIST']!;
const CIFAR = KNOWN_NORMALIZATION['CIFAR-10']!;
const options = (extra: Partial<CondensedImportOptions> = {}): CondensedImportOptions => ({
  normalization: FMNIST,
  classCount: 3,
  ...extra,
});

/** Exact equality with the float32 values of expected.json (written as shortest float32 decimals). */
function expectFloat32(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  const want = Float32Array.from(expected);
  const bad = Array.from(actual).findIndex((v, i) => v !== want[i]);
  expect(bad, `first difference at ${bad}: ${actual[bad]} vs ${want[bad]}`).toBe(-1);
}

describe('torch.save readers', () => {
  it.each(['dsa-zip.pt', 'dsa-legacy.pt'])(
    '%s: every experiment tensor as torch.load gives it',
    async (name) => {
      const t = await readTorchBytes(name, bytesOf(name));
      expect(t.format).toBe(name.includes('legacy') ? 'legacy' : 'zip');
      const data = (t.value as PickleDict).get('data') as TensorRef[][];
      EXPECTED.files[name]!.experiments.forEach((exp, i) => {
        const [img, lab] = data[i]!;
        expect(img!.array!.shape).toEqual(exp.shape);
        expectFloat32(img!.array!.data, exp.raw);
        expect(Array.from(lab!.array!.data)).toEqual(exp.labels);
      });
      const accs = (t.value as PickleDict).get('accs_all_exps') as PickleDict;
      expect(accs.get('ConvNet')).toEqual([0.5, 0.625]);
    },
  );

  it('dtypes.pt: float16, bfloat16, float64, int32, uint8 and int64 tensors', async () => {
    const t = await readTorchBytes('dtypes.pt', bytesOf('dtypes.pt'));
    for (const [dtype, want] of Object.entries(EXPECTED.files['dtypes.pt'])) {
      const a = ((t.value as PickleDict).get(dtype) as TensorRef).array!;
      expect(a.dtype).toBe(dtype);
      expect(a.shape).toEqual(want.shape);
      if (dtype.includes('int')) expect(Array.from(a.data)).toEqual(want.values);
      else expectFloat32(a.data, want.values);
    }
  });
});

describe('importCondensed on every layout', () => {
  it.each([
    ['dsa-zip.pt', 0],
    ['dsa-zip.pt', 1],
    ['dsa-legacy.pt', 1],
  ] as const)('%s experiment %i: un-normalised pixels equal torch.load’s', async (name, exp) => {
    const set = await importCondensed([file(name)], options({ experiment: exp }));
    const want = EXPECTED.files[name]!.experiments[exp]!;
    expect(set).toMatchObject({
      layout: 'dsa',
      ipc: 2,
      factor: 1,
      shape: [8, 8, 1],
      normalized: true,
    });
    expect(set.experiment).toEqual({ index: exp, count: 2 });
    expectFloat32(set.images, want.pixels);
    expect(Array.from(set.labels)).toEqual(want.classMajorLabels);
  });

  it('IDC data.pt: a strided float64 view in [0, 1], factor 2, labels reordered with a note', async () => {
    const set = await importCondensed([file('idc-data.pt')], options());
    const want = EXPECTED.files['idc-data.pt']!;
    expect(set).toMatchObject({ layout: 'idc', factor: 2, normalized: false, ipc: 2 });
    expectFloat32(set.images, want.pixels);
    expect(Array.from(set.labels)).toEqual(want.classMajorLabels);
    expect(set.notes.join(' ')).toMatch(/reordered class-major/);
  });

  it('MTT images_best.pt + labels_best.pt, in either order, a storage with an offset', async () => {
    const want = EXPECTED.files['mtt-images_best.pt']!;
    for (const files of [
      [file('mtt-images_best.pt'), file('mtt-labels_best.pt')],
      [file('mtt-labels_best.pt'), file('mtt-images_best.pt')],
    ]) {
      const set = await importCondensed(files, options());
      expect(set.layout).toBe('mtt');
      expectFloat32(set.images, want.pixels);
      expect(Array.from(set.labels)).toEqual(want.classMajorLabels);
    }
  });

  it.each(['kip-int.npz', 'kip-onehot.npz'])(
    '%s: NHWC, three channels, CIFAR-10 mean/std',
    async (name) => {
      const set = await importCondensed([file(name)], options({ normalization: CIFAR }));
      const want = EXPECTED.files[name]!;
      expect(set).toMatchObject({ layout: 'kip', shape: [8, 8, 3], ipc: 2 });
      expectFloat32(set.images, want.pixels);
      expect(Array.from(set.labels)).toEqual(want.classMajorLabels);
      expect(set.notes.some((n) => n.includes('one-hot'))).toBe(name.includes('onehot'));
    },
  );

  it('keeps values outside [0, 1] (no clipping)', async () => {
    const set = await importCondensed([file('dsa-zip.pt')], options());
    expect(Math.min(...set.images)).toBeLessThan(0);
    expect(Math.max(...set.images)).toBeGreaterThan(1);
  });
});

describe('refusals', () => {
  it('a ZCA-whitened MTT set, unless the check is skipped', async () => {
    const files = [file('mtt-zca-images_best.pt'), file('mtt-labels_best.pt')];
    const e = await importError(importCondensed(files, options()));
    expect(e.problem).toBe('whitened');
    expect(e.message).toMatch(/ZCA-whitened: neighbouring pixels correlate 0\.2/);
    const set = await importCondensed(files, options({ checkWhitening: false }));
    expect(set.neighbourCorrelation).toBeLessThan(0.3);
  });

  it('a storage shorter than its tensor', async () => {
    const e = await importError(importCondensed([file('short-storage.pt')], options()));
    expect(e.problem).toBe('truncated');
    expect(e.message).toMatch(/storage 0 holds 768 bytes but declares 384 float32 elements/);
  });

  it('every fixture cut short, at a few lengths', async () => {
    for (const name of ['dsa-zip.pt', 'dsa-legacy.pt', 'kip-onehot.npz', 'mtt-images_best.pt']) {
      const bytes = bytesOf(name);
      for (const keep of [0.1, 0.5, 0.9, 0.99]) {
        const cut = condensedFile(name, bytes.subarray(0, Math.floor(bytes.length * keep)));
        const e = await importError(
          importCondensed(
            [cut, file('mtt-labels_best.pt')].slice(0, name.startsWith('mtt') ? 2 : 1),
            options(),
          ),
        );
        expect(e.problem, `${name} at ${keep}: ${e.message}`).toMatch(
          /truncated|magic|format|layout/,
        );
      }
    }
  });

  it('a shape or class count that does not match the test set', async () => {
    const shape = await importError(
      importCondensed([file('dsa-zip.pt')], options({ imageShape: [28, 28, 1] })),
    );
    expect(shape.message).toMatch(/images are 8×8×1 \(H×W×C\) but the test set's are 28×28×1/);
    const classes = await importError(
      importCondensed([file('kip-onehot.npz')], options({ normalization: CIFAR, classCount: 10 })),
    );
    expect(classes.message).toMatch(/one-hot labels of 3 classes; the test set has 10/);
  });

  it('an experiment the file does not hold, and a forced layout the file is not', async () => {
    const exp = await importError(
      importCondensed([file('dsa-zip.pt')], options({ experiment: 2 })),
    );
    expect(exp.message).toMatch(/experiment 2 does not exist: the file holds 2/);
    const forced = await importError(
      importCondensed([file('dsa-zip.pt')], options({ layout: 'idc' })),
    );
    expect(forced.message).toMatch(/not a IDC set/);
    const lone = await importError(importCondensed([file('mtt-images_best.pt')], options()));
    expect(lone.message).toMatch(/give its labels_best.pt/);
  });
});
