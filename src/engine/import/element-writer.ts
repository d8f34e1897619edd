// Raw elements streamed straight into their decoded array: the chunks of a tensor's storage or of
// an .npy member (read in ranges, or as they come out of inflate) are converted as they arrive,
// so a file is decoded in one pass with no full-size copy of its raw bytes (a float64 array
// becomes float32 chunk by chunk). Elements arrive in C order over the file's shape (NumPy's
// Fortran order arrives transposed and is written to its row-major place). A chunk may end inside
// an element: its first bytes wait in a carry until the rest comes.
import { ImportError } from '../errors';
import type { DecodeBudget } from './budget';
import {
  ELEMENT_BYTES,
  contiguousStrides,
  decodedBytes,
  elementCount,
  elementReader,
  isFloatDType,
  type DType,
  type NdArray,
} from './ndarray';

export class ElementWriter {
  readonly count: number;
  private readonly data: Float32Array | Float64Array;
  private readonly size: number;
  private readonly float: boolean;
  private written = 0;
  private readonly carry = new Uint8Array(8);
  private carried = 0;
  /** Fortran order: the index over the reversed shape, and where each step of it lands. */
  private readonly index: number[] | null;
  private readonly arrivalShape: number[];
  private readonly outStrides: number[];
  private at = 0;

  constructor(
    private readonly file: string,
    private readonly what: string,
    private readonly dtype: DType,
    private readonly littleEndian: boolean,
    private readonly shape: readonly number[],
    fortranOrder: boolean,
    /** Charged with the decoded size here; null where the caller charged it already. */
    budget: DecodeBudget | null,
  ) {
    this.count = elementCount(file, shape, what);
    this.size = ELEMENT_BYTES[dtype];
    this.float = isFloatDType(dtype);
    budget?.charge(decodedBytes(dtype, this.count), what);
    this.data = this.float ? new Float32Array(this.count) : new Float64Array(this.count);
    const strides = contiguousStrides(shape);
    this.arrivalShape = fortranOrder ? [...shape].reverse() : [...shape];
    this.outStrides = fortranOrder ? strides.reverse() : strides;
    this.index = fortranOrder && shape.length > 1 ? new Array<number>(shape.length).fill(0) : null;
  }

  /** True once every element has arrived (later bytes are ignored). */
  get full(): boolean {
    return this.written === this.count;
  }

  /** Bytes still wanted. */
  get bytesWanted(): number {
    return (this.count - this.written) * this.size - this.carried;
  }

  push(chunk: Uint8Array): void {
    let bytes = chunk;
    if (this.carried > 0 && !this.full) {
      const take = Math.min(this.size - this.carried, bytes.length);
      this.carry.set(bytes.subarray(0, take), this.carried);
      this.carried += take;
      bytes = bytes.subarray(take);
      if (this.carried < this.size) return;
      this.convert(this.carry, 1);
      this.carried = 0;
    }
    const whole = Math.min(Math.floor(bytes.length / this.size), this.count - this.written);
    if (whole > 0) this.convert(bytes, whole);
    const rest = bytes.subarray(whole * this.size);
    if (!this.full && rest.length > 0) {
      this.carry.set(rest.subarray(0, this.size - 1), 0);
      this.carried = Math.min(rest.length, this.size - 1);
    }
  }

  /** The array, or a 'truncated' error when elements are missing. */
  finish(): NdArray {
    if (!this.full) {
      throw new ImportError(
        this.file,
        `truncated: ${this.what} of size ${this.shape.join('×')} ends after ${this.written} of its ${this.count} elements`,
        'truncated',
      );
    }
    return { dtype: this.dtype, shape: [...this.shape], data: this.data };
  }

  /** Convert the first `n` elements of `bytes`. */
  private convert(bytes: Uint8Array, n: number): void {
    if (this.dtype === 'float32' && this.littleEndian && !this.index) {
      // The common case, a little-endian float32 array in order: a straight copy.
      const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice(0, n * 4);
      this.data.set(new Float32Array(aligned.buffer, aligned.byteOffset, n), this.written);
      this.written += n;
      return;
    }
    const read = elementReader(
      new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      this.dtype,
      this.littleEndian,
    );
    for (let i = 0; i < n; i++) {
      const value = read(i * this.size);
      if (!this.float && !Number.isSafeInteger(value)) {
        throw new ImportError(
          this.file,
          `${this.what}: integer ${value} at element ${this.written} is too large`,
          'limit',
        );
      }
      this.data[this.index ? this.at : this.written] = value;
      this.written++;
      if (this.index) this.advance();
    }
  }

  /** Step the arrival index (last dimension fastest) and the output position with it. */
  private advance(): void {
    const index = this.index!;
    for (let k = index.length - 1; k >= 0; k--) {
      index[k]!++;
      this.at += this.outStrides[k]!;
      if (index[k]! < this.arrivalShape[k]!) return;
      this.at -= index[k]! * this.outStrides[k]!;
      index[k] = 0;
    }
  }
}
