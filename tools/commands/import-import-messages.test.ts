// The importer's messages name what is wrong in words a person reads: no negative byte counts,
// no "1 classes" or "0 to -1", NaN called NaN, an unsigned 16-bit array read rather than refused
// as if it were not an integer.
import { describe, expect, it } from 'vitest';
import { importCondensed } from '../../src/engine/import/condensed';
import { ByteCursor } from '../../src/engine/import/cursor';
import { KNOWN_NORMALIZATION } from '../../src/engine/import/normalization';
import { ByteSource } from '../../src/engine/import/source';
import { condensedFile } from '../../test-support/engine/import-bytes';
import { PROTO2, STOP, cat, cOrderNpy, str } from '../../test-support/engine/pickle-bytes';
import { torchZipBytes, zipBytes } from '../../test-support/engine/zip-bytes';
import { importError } from '../../test-support/node/import-error';

const OPTIONS = { normalization: KNOWN_NORMALIZATION['Fashion-MNIST']!, classCount: 10 };

/** A KIP .npz of `images` (N×4×4×1 float32) and int64 `labels`. */
function kip(images: Float32Array, labels: number[]): Uint8Array {
  const n = labels.length;
  return zipBytes([
    {
      name: 'images.npy',
      data: cOrderNpy('<f4', [n, 4, 4, 1], images),
    },
    {
      name: 'labels.npy',
      data: cOrderNpy('<u2', [n], Uint16Array.from(labels)),
    },
  ]);
}

describe('import messages', () => {
  it('a read that starts past the end says so, without a negative count', () => {
    const c = new ByteCursor('f.pt', new Uint8Array(10), 4000);
    expect(() => c.u32('a header')).toThrow(
      /a header starts at offset 4000, past the end of the 10 bytes/,
    );
  });

  it('a ranged read of the file checks its range as the cursor does, in the same words', () => {
    const source = new ByteSource('f.pt', new Blob([new Uint8Array(10)]));
    expect(() => source.check(4000, 4, 'a header')).toThrow(
      /a header starts at offset 4000, past the end of the 10 bytes/,
    );
    expect(() => source.check(8, 4, 'a tensor')).toThrow(
      /a tensor needs 4 bytes at offset 8, only 2 left/,
    );
    expect(() => source.check(-1, 4, 'a tensor')).toThrow(/a tensor: invalid range -1\+4/);
  });

  it('uint16 labels are read; a set of one class says "one class"', async () => {
    const e = await importError(
      importCondensed([condensedFile('one.npz', kip(new Float32Array(32), [0, 0]))], OPTIONS),
    );
    expect(e.message).toMatch(/holds images of one class but the test set has 10/);
  });

  it('a NaN pixel is called NaN, not a value beyond ±64', async () => {
    const images = new Float32Array(10 * 16);
    images[5] = NaN;
    const labels = Array.from({ length: 10 }, (_, i) => i);
    const e = await importError(
      importCondensed([condensedFile('nan.npz', kip(images, labels))], OPTIONS),
    );
    expect(e.message).toMatch(/image 0 at row 1, column 1, channel 0 is NaN/);
    expect(e.message).not.toMatch(/beyond/);
  });

  it("a DC/DSA/DM file whose 'data' list is empty says it holds no experiment", async () => {
    const pickle = cat(PROTO2, '}', str('data'), ']', 's', STOP);
    const e = await importError(
      importCondensed([condensedFile('empty.pt', torchZipBytes(pickle))], OPTIONS),
    );
    expect(e.message).toMatch(/'data' list is empty: it holds no experiment/);
    expect(e.message).not.toMatch(/-1/);
  });
});
