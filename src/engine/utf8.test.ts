// The engine's strict UTF-8 decoder (utf8.ts): ASCII and multi-byte text decode, malformed bytes
// (short or long) throw the caller's own error, never a replacement character.
import { describe, expect, it } from 'vitest';
import { BundleError, ImportError } from './errors';
import { decodeUtf8 } from './utf8';

const never = () => new ImportError('x.pt', 'not reached');

describe('decodeUtf8', () => {
  it('decodes ASCII and multi-byte text, short and long', () => {
    const enc = new TextEncoder();
    expect(decodeUtf8(enc.encode('labels'), never)).toBe('labels');
    expect(decodeUtf8(enc.encode('Größe ×2'), never)).toBe('Größe ×2');
    const long = 'a'.repeat(100) + 'é';
    expect(decodeUtf8(enc.encode(long), never)).toBe(long);
  });

  it("throws the caller's error on malformed bytes", () => {
    const bad = Uint8Array.of(0x61, 0xff, 0x62);
    const invalid = () => new ImportError('x.pt', 'name is not valid UTF-8');
    expect(() => decodeUtf8(bad, invalid)).toThrow(
      new ImportError('x.pt', 'name is not valid UTF-8'),
    );
    const longBad = new Uint8Array(200).fill(0x61);
    longBad[150] = 0xc3; // a lead byte without its continuation
    expect(() =>
      decodeUtf8(longBad, () => new BundleError('m.json', 'json', 'is not valid UTF-8 text')),
    ).toThrow(BundleError);
  });
});
