// Tests of the SHA-256 digests: the pure fallback against FIPS 180-4 vectors and crypto.subtle.
import { describe, it, expect, vi } from 'vitest';
import { sha256Hex, sha256HexPure, Sha256, sha256Blob } from './sha256';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

async function subtleHex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('sha256HexPure', () => {
  it('matches the published test vectors', () => {
    expect(sha256HexPure(ascii(''))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256HexPure(ascii('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256HexPure(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256HexPure(new Uint8Array(1_000_000).fill(0x61))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with crypto.subtle around every padding boundary and on random data', async () => {
    let x = 12345;
    for (const n of [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4099]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        bytes[i] = x >>> 24;
      }
      expect(sha256HexPure(bytes)).toBe(await subtleHex(bytes));
    }
  });

  it('hashes a subarray view by its own bytes, not its whole buffer', () => {
    const whole = ascii('xxabcyy');
    expect(sha256HexPure(whole.subarray(2, 5))).toBe(sha256HexPure(ascii('abc')));
  });
});

describe('sha256Hex', () => {
  it('uses crypto.subtle when present and gives the same digest as the fallback', async () => {
    const bytes = ascii('yoco bundle payload');
    expect(await sha256Hex(bytes)).toBe(sha256HexPure(bytes));
    expect(await sha256Hex(bytes)).toBe(await subtleHex(bytes));
  });

  it('calls crypto.subtle where it exists, also for bytes on shared memory', async () => {
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    try {
      const shared = new Uint8Array(new SharedArrayBuffer(3));
      shared.set(ascii('abc'));
      expect(await sha256Hex(shared)).toBe(sha256HexPure(ascii('abc')));
      expect(digest).toHaveBeenCalledTimes(1);
      expect(digest.mock.calls[0]![0]).toBe('SHA-256');
    } finally {
      digest.mockRestore();
    }
  });

  it('falls back to pure TypeScript when crypto.subtle is missing', async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
    try {
      expect((globalThis as { crypto?: { subtle?: unknown } }).crypto?.subtle).toBeUndefined();
      expect(await sha256Hex(ascii('abc'))).toBe(
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      );
    } finally {
      if (original) Object.defineProperty(globalThis, 'crypto', original);
    }
  });
});

describe('Sha256 (incremental) and sha256Blob', () => {
  it('gives the one-shot digest whatever the chunking', async () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 31 + 7) & 0xff);
    const want = await sha256Hex(bytes);
    for (const cut of [1, 3, 63, 64, 65, 200, 999]) {
      const h = new Sha256();
      for (let at = 0; at < bytes.length; at += cut) h.update(bytes.subarray(at, at + cut));
      expect(h.hex(), `chunks of ${cut}`).toBe(want);
    }
  });

  it('hashes a blob larger than one chunk in ranges, as the whole bytes hash', async () => {
    const bytes = new Uint8Array(70 * 2 ** 20 + 13).map((_, i) => i % 251);
    const blob = new Blob([bytes]);
    const slice = vi.spyOn(blob, 'slice');
    expect(await sha256Blob(blob)).toBe(await sha256Hex(bytes));
    expect(slice).toHaveBeenCalledTimes(9); // 8 MB ranges: the blob is never read whole
  });
});
