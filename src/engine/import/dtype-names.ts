// NumPy's type strings ('<f4', '|u1', '>i8', …) as the readers' dtypes and byte order: shared by
// the .npy header and by the NumPy scalars a torch pickle may hold.
import { ImportError } from '../errors';
import type { DType } from './ndarray';

const KINDS: Record<string, DType> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  b1: 'bool',
};

/** A NumPy type string as a dtype and byte order. */
export function parseDescr(file: string, descr: string): { dtype: DType; littleEndian: boolean } {
  const m = /^([<>|=]?)([fuib][1248])$/.exec(descr);
  const dtype = m ? KINDS[m[2]!] : undefined;
  if (!m || dtype === undefined) {
    throw new ImportError(
      file,
      `NumPy element type '${descr}' is not supported (bool, int8 to int64, uint8 to uint64, float16 to float64)`,
      'unsupported',
    );
  }
  return { dtype, littleEndian: m[1] !== '>' };
}
