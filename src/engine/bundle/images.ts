// The stored-images payload in its two element types: uint8 (`images.u8`, 0…255) and float32
// (`images.f32`, little-endian, pixel/255 units, |v| ≤ MAX_ABS_FLOAT_PIXEL). Both are NHWC and
// class-major. Serialising (for write.ts) and checked parsing (for check-payloads.ts) live here
// together so the two directions cannot drift apart.
import { BundleError } from '../errors';
import type { ImageShape, StoredImages } from '../types';
import { MAX_ABS_FLOAT_PIXEL, type ImageDType } from './manifest';

/** Default payload file name per element type. */
export const IMAGES_PATHS: Readonly<Record<ImageDType, string>> = {
  uint8: 'images.u8',
  float32: 'images.f32',
};

/** The element type of an in-memory image array. */
export function dtypeOfImages(images: StoredImages): ImageDType {
  return images instanceof Float32Array ? 'float32' : 'uint8';
}

/** Payload bytes of stored images: uint8 as they are, float32 little-endian. */
export function serializeImages(images: StoredImages): Uint8Array {
  if (!(images instanceof Float32Array)) return images;
  const bytes = new Uint8Array(images.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < images.length; i++) view.setFloat32(i * 4, images[i]!, true);
  return bytes;
}

/** Where flat value `i` of an NHWC payload sits, for error messages. */
function position(i: number, shape: ImageShape): string {
  const [H, W, C] = shape;
  const k = i % C;
  const x = Math.floor(i / C) % W;
  const y = Math.floor(i / (C * W)) % H;
  const n = Math.floor(i / (C * W * H));
  return `value ${i} (stored image ${n}, row ${y}, column ${x}, channel ${k})`;
}

/**
 * Check and decode the images payload `bytes` of `classes`·`ipc` stored images of `shape`, as the
 * manifest's `dtype` says (uint8 comes back as the same bytes). Throws BundleError naming `path`:
 * 'shape' for a wrong byte count; for float32, 'pixel-value' for the first value that is not
 * finite and 'pixel-range' for the first beyond ±MAX_ABS_FLOAT_PIXEL.
 */
export function parseImages(
  path: string,
  bytes: Uint8Array,
  dtype: ImageDType,
  shape: ImageShape,
  classes: number,
  ipc: number,
): StoredImages {
  const [H, W, C] = shape;
  const what = `${classes} classes × ${ipc} images`;
  const values = classes * ipc * H * W * C;
  const width = dtype === 'float32' ? 4 : 1;
  if (bytes.length !== values * width) {
    throw new BundleError(
      path,
      'shape',
      dtype === 'float32'
        ? `holds ${bytes.length} bytes but ${what} × ${H}×${W}×${C} float32 values (4 bytes each) need ${values * 4}`
        : `holds ${bytes.length} bytes but ${what} × ${H}×${W}×${C} need ${values}`,
    );
  }
  if (dtype === 'uint8') return bytes;
  const out = new Float32Array(values);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < values; i++) {
    const v = view.getFloat32(i * 4, true);
    if (!Number.isFinite(v)) {
      throw new BundleError(
        path,
        'pixel-value',
        `${position(i, shape)} is ${v}, not a finite number`,
      );
    }
    if (Math.abs(v) > MAX_ABS_FLOAT_PIXEL) {
      throw new BundleError(
        path,
        'pixel-range',
        `${position(i, shape)} is ${v}, beyond ±${MAX_ABS_FLOAT_PIXEL} (float32 pixels are in pixel/255 units: 0 black, 1 white)`,
      );
    }
    out[i] = v;
  }
  return out;
}
