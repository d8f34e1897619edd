// NumPy's .npy format (one array: magic, version, a Python-literal header with `descr`,
// `fortran_order` and `shape`, then the raw elements) and .npz (a zip of .npy files, as KIP's
// published sets come). The header is parsed as data with a strict pattern, never evaluated; object
// arrays (descr 'O', which would need pickle) are refused. C and Fortran order are both read, through
// ndarray.ts's strided copy.
import { ImportError } from '../errors';
import { ByteCursor, decodeLatin1 } from './cursor';
import { IMPORT_LIMITS } from './limits';
import {
  ELEMENT_BYTES,
  contiguousStrides,
  elementCount,
  gather,
  type DType,
  type NdArray,
} from './ndarray';
import { readZipDirectory, readZipEntry } from './zip';

const KINDS: Record<string, DType> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  u1: 'uint8',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  b1: 'bool',
};

/** A NumPy type string ('<f4', '|u1', '>i8', …) as a dtype and byte order. */
export function parseDescr(file: string, descr: string): { dtype: DType; littleEndian: boolean } {
  const m = /^([<>|=]?)([fuib][1248])$/.exec(descr);
  const dtype = m ? KINDS[m[2]!] : undefined;
  if (!m || dtype === undefined) {
    throw new ImportError(
      file,
      `NumPy element type '${descr}' is not supported (floats, integers and bools only)`,
      'unsupported',
    );
  }
  return { dtype, littleEndian: m[1] !== '>' };
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** One .npy file as an array. */
export function parseNpy(file: string, bytes: Uint8Array): NdArray {
  const c = new ByteCursor(file, bytes);
  const magic = c.take(Math.min(6, bytes.length), 'NumPy magic');
  if (magic.length < 6 || MAGIC.some((b, i) => magic[i] !== b)) {
    throw new ImportError(file, 'not a NumPy .npy file (bad magic)', 'magic');
  }
  const major = c.u8('npy version');
  c.u8('npy version');
  if (major < 1 || major > 3) {
    throw new ImportError(file, `.npy format version ${major} is not supported`, 'unsupported');
  }
  const headerLen = major === 1 ? c.u16('npy header length') : c.u32('npy header length');
  if (headerLen > IMPORT_LIMITS.maxNpyHeader) {
    throw new ImportError(file, `.npy header of ${headerLen} bytes`, 'limit');
  }
  const header = decodeLatin1(c.take(headerLen, 'npy header'));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([\d,\s]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new ImportError(file, `.npy header is not understood: ${header.slice(0, 120)}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const { dtype, littleEndian } = parseDescr(file, descr);
  const n = elementCount(file, shape, 'the array');
  const data = c.take(Math.min(c.remaining, n * ELEMENT_BYTES[dtype]), 'npy data');
  // Fortran order stores the transposed array in C order: read it through reversed strides.
  const strides =
    fortran === 'True'
      ? contiguousStrides([...shape].reverse()).reverse()
      : contiguousStrides(shape);
  return gather(file, data, { dtype, shape, strides, offset: 0, littleEndian }, 'the array');
}

/** Every array of an .npz archive, by name without the `.npy` suffix. */
export async function readNpz(file: string, bytes: Uint8Array): Promise<Map<string, NdArray>> {
  const out = new Map<string, NdArray>();
  for (const entry of readZipDirectory(file, bytes).values()) {
    if (!entry.name.endsWith('.npy')) continue;
    const data = await readZipEntry(file, bytes, entry);
    out.set(entry.name.slice(0, -4), parseNpy(`${file}:${entry.name}`, data));
  }
  if (out.size === 0)
    throw new ImportError(file, 'the .npz archive holds no .npy arrays', 'layout');
  return out;
}
