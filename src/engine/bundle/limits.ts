// How much of a bundle a file source may read, and the errors it gives when a file is larger.
// The reader (read.ts) hands every GetFile a ByteLimit: the manifest's exact `bytes` for each
// payload, and MAX_MANIFEST_BYTES for manifest.json. A source that can see a file's size before
// reading it (a file system, an HTTP Content-Length) refuses a wrong size up front; every source
// stops reading as soon as it has seen more than `maxBytes`. Pure: no I/O here.
import { BundleError } from '../errors';

/** The most bytes manifest.json may have (1 MiB; the shipped one has about 10 KB). */
export const MAX_MANIFEST_BYTES = 1 << 20;

/** The most bytes one payload may have: what one typed array holds on every platform (2 GiB − 1). */
export const MAX_PAYLOAD_BYTES = 2 ** 31 - 1;

/**
 * The most bytes a teacher model's weights may have (64 MiB, 16 M float32 values). A width-128,
 * depth-3 ConvNet on 28×28×1 with 10 classes is 0.31 M values (1.2 MB); on 32×32×3 with 100
 * classes, 0.50 M (2.0 MB). The manifest's `teacher` fixes the size, so a larger one is refused
 * before its file is read.
 */
export const MAX_TEACHER_BYTES = 64 * 2 ** 20;

/** What a source may read of one file. */
export interface ByteLimit {
  /** The most bytes the file may have; reading stops as soon as more have been seen. */
  readonly maxBytes: number;
  /** True when the manifest lists exactly `maxBytes` (a payload): any other size is wrong. */
  readonly exact: boolean;
}

function size(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${n} bytes (${v.toFixed(1)} ${units[u]})`;
}

/**
 * The file has `actual` bytes where the limit allows (exactly, or at most) `limit.maxBytes`;
 * `how` says how the size was learnt when that was before reading (e.g. 'by its Content-Length').
 */
export function wrongSizeError(
  path: string,
  actual: number,
  limit: ByteLimit,
  how?: string,
): BundleError {
  const has = how
    ? `has ${size(actual)} ${how}`
    : `has ${limit.exact ? `${actual} bytes` : size(actual)}`;
  const detail = limit.exact
    ? `${has} but the manifest says ${limit.maxBytes}`
    : `${has}, more than the ${size(limit.maxBytes)} it may have`;
  return new BundleError(path, 'size', how ? `${detail}; not read` : detail);
}

/** A read was stopped after `seen` bytes, beyond the limit (the whole size is unknown). */
export function readPastLimitError(path: string, seen: number, limit: ByteLimit): BundleError {
  const allowed = limit.exact
    ? `the ${limit.maxBytes} bytes the manifest says`
    : `the ${size(limit.maxBytes)} it may have`;
  return new BundleError(path, 'size', `is larger than ${allowed} (stopped reading at ${seen})`);
}

/** Whether `actual` bytes are acceptable under `limit` (absent: anything). */
export function sizeFits(actual: number, limit: ByteLimit | undefined): boolean {
  if (!limit) return true;
  return limit.exact ? actual === limit.maxBytes : actual <= limit.maxBytes;
}
