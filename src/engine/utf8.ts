// Strict UTF-8 decoding, the one decoder of text the engine reads from files: bundle JSON (the
// manifest and JSON payloads) and the import readers' strings (pickle strings, zip entry names).
// Malformed bytes are the caller's own typed error, never U+FFFD.
import type { YocoError } from './errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `bytes` as UTF-8 text; throws `invalid()` when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, invalid: () => YocoError): string {
  // Short ASCII strings (pickle keys and names) skip TextDecoder, whose per-call cost dominates.
  if (bytes.length <= 64 && bytes.every((b) => b < 0x80)) {
    return String.fromCharCode(...bytes);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw invalid();
  }
}
