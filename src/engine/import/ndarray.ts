// The one array type the condensed-set readers produce (a torch tensor or a NumPy array, copied out
// of its file), and the one routine that copies it: raw little- or big-endian elements read through
// an offset and strides (torch's storage view, NumPy's C or Fortran order), with every index
// checked against the bytes that exist. Floats come back as float32 (float64 rounds, as torch's
// `.float()` does); integers as exact float64 values (|v| ≤ 2^53, else an error).
import { ImportError } from '../errors';
import { IMPORT_LIMITS } from './limits';

export const DTYPES = [
  'float16',
  'bfloat16',
  'float32',
  'float64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'int8',
  'int16',
  'int32',
  'int64',
  'bool',
] as const;
export type DType = (typeof DTYPES)[number];

export const ELEMENT_BYTES: Readonly<Record<DType, number>> = {
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  bool: 1,
};

export function isFloatDType(d: DType): boolean {
  return d.startsWith('float') || d === 'bfloat16';
}

export interface NdArray {
  /** The element type stored in the file. */
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Row-major values: float32 for float types, exact integers (float64) otherwise. */
  readonly data: Float32Array | Float64Array;
}

/** Where the elements sit: `count` of them in `bytes` from `offset` elements on, by `strides`. */
export interface StridedView {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** In elements, as torch and (divided by the element size) NumPy count them. */
  readonly strides: readonly number[];
  readonly offset: number;
  readonly littleEndian: boolean;
}

/** Product of a shape, checked against the element limit. */
export function elementCount(file: string, shape: readonly number[], what: string): number {
  if (shape.length > IMPORT_LIMITS.maxDims) {
    throw new ImportError(file, `${what} has ${shape.length} dimensions`, 'limit');
  }
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new ImportError(file, `${what} has an invalid size ${shape.join('×')}`);
    }
    n *= d;
    if (n > IMPORT_LIMITS.maxElements) {
      throw new ImportError(
        file,
        `${what} of size ${shape.join('×')} has more than ${IMPORT_LIMITS.maxElements} elements`,
        'limit',
      );
    }
  }
  return n;
}

/** Bytes the decoded values of `n` elements of `dtype` take (float32, or float64 for integers). */
export function decodedBytes(dtype: DType, n: number): number {
  return n * (isFloatDType(dtype) ? 4 : 8);
}

/** Reads the element at a byte offset of a DataView as a number. */
export function elementReader(view: DataView, dtype: DType, le: boolean): (byte: number) => number {
  switch (dtype) {
    case 'float16':
      return (b) => halfToFloat(view.getUint16(b, le));
    case 'bfloat16': {
      const scratch = new DataView(new ArrayBuffer(4));
      return (b) => {
        scratch.setUint32(0, view.getUint16(b, le) << 16);
        return scratch.getFloat32(0);
      };
    }
    case 'float32':
      return (b) => view.getFloat32(b, le);
    case 'float64':
      return (b) => view.getFloat64(b, le);
    case 'uint8':
    case 'bool':
      return (b) => view.getUint8(b);
    case 'uint16':
      return (b) => view.getUint16(b, le);
    case 'uint32':
      return (b) => view.getUint32(b, le);
    case 'uint64':
      return (b) => Number(view.getBigUint64(b, le));
    case 'int8':
      return (b) => view.getInt8(b);
    case 'int16':
      return (b) => view.getInt16(b, le);
    case 'int32':
      return (b) => view.getInt32(b, le);
    case 'int64':
      return (b) => Number(view.getBigInt64(b, le));
  }
}

/** IEEE 754 half precision to a number. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/**
 * Copy the view out of `bytes` (a storage holding `bytes.length / elementSize` elements) into a
 * row-major NdArray. A view that reaches past the storage is a 'truncated' error naming `what`.
 */
export function gather(file: string, bytes: Uint8Array, v: StridedView, what: string): NdArray {
  const n = elementCount(file, v.shape, what);
  const size = ELEMENT_BYTES[v.dtype];
  const available = Math.floor(bytes.length / size);
  if (
    v.strides.length !== v.shape.length ||
    v.strides.some((s) => !Number.isSafeInteger(s) || s < 0)
  ) {
    throw new ImportError(file, `${what}: strides ${v.strides.join(',')} do not fit its shape`);
  }
  if (!Number.isSafeInteger(v.offset) || v.offset < 0) {
    throw new ImportError(file, `${what}: invalid storage offset ${v.offset}`);
  }
  let last = v.offset;
  v.shape.forEach((d, k) => (last += d > 0 ? (d - 1) * v.strides[k]! : 0));
  if (n > 0 && last >= available) {
    throw new ImportError(
      file,
      `${what} of size ${v.shape.join('×')} needs element ${last} of its storage, which holds only ${available}`,
      'truncated',
    );
  }
  const float = isFloatDType(v.dtype);
  const data = float ? new Float32Array(n) : new Float64Array(n);
  const read = elementReader(
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    v.dtype,
    v.littleEndian,
  );
  const dims = v.shape.length;
  const index = new Array<number>(dims).fill(0);
  let at = v.offset;
  for (let i = 0; i < n; i++) {
    const value = read(at * size);
    if (!float && !Number.isSafeInteger(value)) {
      throw new ImportError(
        file,
        `${what}: integer ${value} at element ${i} is too large`,
        'limit',
      );
    }
    data[i] = value;
    for (let k = dims - 1; k >= 0; k--) {
      index[k]!++;
      at += v.strides[k]!;
      if (index[k]! < v.shape[k]!) break;
      at -= index[k]! * v.strides[k]!;
      index[k] = 0;
    }
  }
  return { dtype: v.dtype, shape: [...v.shape], data };
}

/** Row-major (C-order) strides of a shape, in elements. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    out[k] = s;
    s *= shape[k]!;
  }
  return out;
}
