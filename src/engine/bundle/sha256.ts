// SHA-256 digests of bundle payloads, as lowercase hex.
// Uses crypto.subtle where it exists; falls back to a pure TypeScript implementation (FIPS 180-4)
// because crypto.subtle is missing outside secure contexts, e.g. a phone opening the dev server
// by its LAN IP over plain http.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const H0 = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/** SHA-256 of `bytes` as 64 lowercase hex digits; crypto.subtle when available, else pure TS. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  // The fallback is only for where crypto.subtle is missing altogether (browsers leave it out of
  // non-secure contexts: plain http to a LAN address). Where it exists, it is used, and its errors
  // are real errors.
  if (!subtle) return sha256HexPure(bytes);
  // digest() wants a BufferSource backed by an ArrayBuffer (not a SharedArrayBuffer).
  const input =
    bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
  return toHex(new Uint8Array(await subtle.digest('SHA-256', input)));
}

/** Pure TypeScript SHA-256 (synchronous); the fallback of sha256Hex, exported for tests. */
export function sha256HexPure(bytes: Uint8Array): string {
  return new Sha256().update(bytes).hex();
}

/** Incremental SHA-256 (FIPS 180-4): feed any number of chunks, then read the digest once. */
export class Sha256 {
  private readonly h = Uint32Array.from(H0);
  private readonly w = new Uint32Array(64);
  /** Bytes of an unfinished 64-byte block. */
  private readonly block = new Uint8Array(64);
  private filled = 0;
  private length = 0;

  update(bytes: Uint8Array): this {
    let at = 0;
    this.length += bytes.length;
    if (this.filled > 0) {
      const take = Math.min(64 - this.filled, bytes.length);
      this.block.set(bytes.subarray(0, take), this.filled);
      this.filled += take;
      at = take;
      if (this.filled < 64) return this;
      compress(this.h, this.w, this.block, 0);
      this.filled = 0;
    }
    for (; at + 64 <= bytes.length; at += 64) compress(this.h, this.w, bytes, at);
    this.block.set(bytes.subarray(at), 0);
    this.filled = bytes.length - at;
    return this;
  }

  /** The digest as 64 lowercase hex digits (the hasher is spent afterwards). */
  hex(): string {
    // Padding: the remaining bytes, 0x80, zeros, then the bit length as a 64-bit big-endian integer.
    const rest = this.filled;
    const tail = new Uint8Array(rest + 9 <= 64 ? 64 : 128);
    tail.set(this.block.subarray(0, rest));
    tail[rest] = 0x80;
    const n = this.length;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(n / 0x20000000)); // n * 8 / 2^32
    view.setUint32(tail.length - 4, (n * 8) >>> 0);
    for (let off = 0; off < tail.length; off += 64) compress(this.h, this.w, tail, off);
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) outView.setUint32(i * 4, this.h[i]!);
    return toHex(out);
  }
}

/** Blobs up to this size are hashed in one crypto.subtle call; larger ones in chunks. */
const WHOLE_BLOB_BYTES = 64 * 2 ** 20;
const BLOB_CHUNK_BYTES = 8 * 2 ** 20;

/**
 * SHA-256 of a Blob (a picked File, Node's fs.openAsBlob) read in 8 MB ranges, so a large file is
 * never held whole in memory; small ones go through sha256Hex (crypto.subtle where it exists).
 */
export async function sha256Blob(blob: Blob): Promise<string> {
  if (blob.size <= WHOLE_BLOB_BYTES) return sha256Hex(new Uint8Array(await blob.arrayBuffer()));
  const hash = new Sha256();
  for (let at = 0; at < blob.size; at += BLOB_CHUNK_BYTES) {
    const end = Math.min(blob.size, at + BLOB_CHUNK_BYTES);
    hash.update(new Uint8Array(await blob.slice(at, end).arrayBuffer()));
  }
  return hash.hex();
}

function compress(h: Uint32Array, w: Uint32Array, data: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const j = off + i * 4;
    w[i] = ((data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!) >>> 0;
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
    const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + K[i]! + w[i]!) >>> 0;
    const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) >>> 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) >>> 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) >>> 0;
  }
  h[0] = (h[0]! + a) >>> 0;
  h[1] = (h[1]! + b) >>> 0;
  h[2] = (h[2]! + c) >>> 0;
  h[3] = (h[3]! + d) >>> 0;
  h[4] = (h[4]! + e) >>> 0;
  h[5] = (h[5]! + f) >>> 0;
  h[6] = (h[6]! + g) >>> 0;
  h[7] = (h[7]! + hh) >>> 0;
}

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i]!.toString(16).padStart(2, '0');
  return s;
}
