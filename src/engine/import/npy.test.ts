// The .npy reader on arrays built byte by byte: C and Fortran order, byte order, and the refusals
// (wrong magic, object arrays, a header that declares more data than there is, huge shapes).
import { describe, expect, it } from 'vitest';
import { ImportError } from '../errors';
import { ElementWriter } from './element-writer';
import { parseNpy } from './npy';
import { npyBytes } from '../../../test-support/engine/pickle-bytes';

const npy = npyBytes;

function refusal(run: () => unknown): ImportError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('parseNpy', () => {
  it('reads C order and Fortran order to the same row-major values', () => {
    const c = parseNpy(
      'c.npy',
      npy(
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
        new Float32Array([1, 2, 3, 4, 5, 6]),
      ),
    );
    expect(c.shape).toEqual([2, 3]);
    expect(Array.from(c.data)).toEqual([1, 2, 3, 4, 5, 6]);
    const f = parseNpy(
      'f.npy',
      npy(
        "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }",
        new BigInt64Array([1n, 4n, 2n, 5n, 3n, 6n]),
      ),
    );
    expect(f.dtype).toBe('int64');
    expect(Array.from(f.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads big-endian values', () => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, -2.5, false);
    const a = parseNpy(
      'be.npy',
      npy("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", bytes),
    );
    expect(Array.from(a.data)).toEqual([-2.5]);
  });

  it('refuses wrong magic, object arrays, short data and huge shapes', () => {
    expect(refusal(() => parseNpy('x.npy', new Uint8Array([1, 2, 3]))).problem).toBe('magic');
    const object = npy(
      "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }",
      new Uint8Array(8),
    );
    expect(refusal(() => parseNpy('o.npy', object)).message).toMatch(/'\|O' is not supported/);
    const short = npy(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
      new Float32Array(2),
    );
    expect(refusal(() => parseNpy('s.npy', short)).problem).toBe('truncated');
    const huge = npy(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }",
      new Float32Array(1),
    );
    expect(refusal(() => parseNpy('h.npy', huge)).problem).toBe('limit');
  });

  it('refuses a duplicated header key by name, and keys NumPy does not write', () => {
    const twice = npy(
      "{'descr': '<f4', 'fortran_order': False, 'fortran_order': True, 'shape': (2, 3), }",
      new Float32Array(6),
    );
    expect(refusal(() => parseNpy('d.npy', twice)).message).toMatch(/names 'fortran_order' twice/);
    const extra = npy(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'evil': True}",
      new Float32Array(1),
    );
    expect(refusal(() => parseNpy('e.npy', extra)).message).toMatch(
      /keys are descr, fortran_order, shape, evil/,
    );
  });

  it('reads unsigned 16-, 32- and 64-bit integers', () => {
    const a = parseNpy(
      'u2.npy',
      npy(
        "{'descr': '<u2', 'fortran_order': False, 'shape': (3,), }",
        new Uint16Array([0, 7, 65535]),
      ),
    );
    expect(a.dtype).toBe('uint16');
    expect(Array.from(a.data)).toEqual([0, 7, 65535]);
    const b = parseNpy(
      'u8.npy',
      npy(
        "{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }",
        new BigUint64Array([2n ** 40n]),
      ),
    );
    expect(Array.from(b.data)).toEqual([2 ** 40]);
  });

  it('decodes the same array whatever the chunking of its bytes (Fortran order included)', () => {
    const raw = new Uint8Array(new Float64Array([1, 4, 2, 5, 3, 6]).buffer);
    for (const cut of [1, 3, 5, 7, 8, 13, 48]) {
      const w = new ElementWriter('f.npy', 'the array', 'float64', true, [2, 3], true, null);
      for (let at = 0; at < raw.length; at += cut) w.push(raw.subarray(at, at + cut));
      expect(Array.from(w.finish().data), `chunks of ${cut}`).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const short = new ElementWriter('s.npy', 'the array', 'int16', true, [4], false, null);
    short.push(new Uint8Array(5));
    expect(refusal(() => short.finish()).message).toMatch(/ends after 2 of its 4 elements/);
  });
});
