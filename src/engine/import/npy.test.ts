// The .npy reader on arrays built byte by byte: C and Fortran order, byte order, and the refusals
// (wrong magic, object arrays, a header that declares more data than there is, huge shapes).
import { describe, expect, it } from 'vitest';
import { ImportError } from '../errors';
import { parseNpy } from './npy';

function npy(header: string, data: ArrayBufferView): Uint8Array {
  const text = new TextEncoder().encode(`${header}\n`);
  const out = new Uint8Array(10 + text.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 255, text.length >> 8]);
  out.set(text, 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + text.length);
  return out;
}

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
});
