// The decoded-bytes budget of one imported file: everything the readers allocate because the file
// says so (each tensor's materialised values, inflated zip members) is charged here *before* it
// is allocated, summed across the file, so a few hundred bytes that describe three 2^28-element
// stride-0 views, or a 1 MB .npz that inflates to 1 GB, are refused by name instead of taking
// the machine's memory. The budget scales with the file (a small file cannot honestly stand for
// gigabytes), with a floor for small legitimate sets and a ceiling for any file (limits.ts).
import { ImportError } from '../errors';
import { IMPORT_LIMITS, describeBytes } from './limits';

export class DecodeBudget {
  private used = 0;

  constructor(
    readonly file: string,
    readonly limit: number,
  ) {}

  /** The budget of a file of `fileBytes` bytes. */
  static forFile(file: string, fileBytes: number): DecodeBudget {
    const L = IMPORT_LIMITS;
    const scaled = Math.max(L.decodedFloorBytes, L.decodedPerFileByte * fileBytes);
    return new DecodeBudget(file, Math.min(L.maxDecodedBytes, scaled));
  }

  get spent(): number {
    return this.used;
  }

  /** Count `bytes` about to be allocated for `what`; a 'limit' ImportError past the budget. */
  charge(bytes: number, what: string): void {
    if (!Number.isFinite(bytes) || bytes < 0) {
      throw new ImportError(this.file, `${what}: invalid size ${bytes}`, 'format');
    }
    if (this.used + bytes > this.limit) {
      const L = IMPORT_LIMITS;
      throw new ImportError(
        this.file,
        `${what} would decode to ${describeBytes(bytes)}` +
          (this.used > 0 ? ` on top of ${describeBytes(this.used)} already decoded` : '') +
          `, beyond this file's decoded-bytes budget of ${describeBytes(this.limit)} ` +
          `(min(${describeBytes(L.maxDecodedBytes)}, max(${describeBytes(L.decodedFloorBytes)}, ` +
          `${L.decodedPerFileByte} × the file's size)); nothing was allocated`,
        'limit',
      );
    }
    this.used += bytes;
  }
}
