// Tests of the float32 stored-images payload: buildBundleFiles → readBundle is bit-exact (values
// outside [0, 1] included), uint8 bundles are written exactly as before, and each way a float32
// payload or its declaration can be wrong is its own BundleError naming the file.
import { describe, it, expect } from 'vitest';
import { BundleError, ConfigError, type BundleProblem } from '../errors';
import { Rng } from '../rng';
import { TINY_DRAFT, tinyBundleInput } from '../../../test-support/engine/bundle-input';
import { readFailure, withPayload } from '../../../test-support/engine/bundle-edits';
import { IMAGES_PATHS, parseImages, serializeImages } from './images';
import { floatPixelStats } from './pixel-stats';
import { MAX_ABS_FLOAT_PIXEL } from './manifest';
import { getFileFromMap, readBundle } from './read';
import { buildBundleFiles, type BundleInput, type ManifestDraft } from './write';

// 2 classes × ipc 2 of 4×4×1, f = 2: 64 stored values, 16 samples.
const DRAFT: ManifestDraft = { ...TINY_DRAFT, id: 'float', title: 'Float32 pixels' };

/** Values a synthesizer can produce: overshoots both ways, the bound itself, −0, a subnormal. */
const SPECIAL = [-0.7, 1.9, 0, -0, 1, 1 / 3, MAX_ABS_FLOAT_PIXEL, -MAX_ABS_FLOAT_PIXEL, 1e-40];

const input = (images: Uint8Array | Float32Array): BundleInput =>
  tinyBundleInput({ seed: 11, draft: DRAFT, score: (rng) => rng.uniform(0, 1), images });

function floatImages(): Float32Array {
  const rng = new Rng(5);
  const images = new Float32Array(64).map(() => rng.uniform(-0.5, 1.5));
  images.set(SPECIAL, 20);
  return images;
}

/** Bit patterns, so −0 ≠ 0 and NaN payloads would count. */
const bits = (a: Float32Array): number[] => [...new Uint32Array(Float32Array.from(a).buffer)];

function expectProblem(err: BundleError, file: string, problem: BundleProblem): void {
  expect(err.file).toBe(file);
  expect(err.problem).toBe(problem);
  expect(err.message.startsWith(`${file}: `)).toBe(true);
}

describe('float32 stored images', () => {
  it('round-trip bit-exactly through buildBundleFiles and readBundle, out-of-range values included', async () => {
    const images = floatImages();
    const { manifest, files } = await buildBundleFiles(input(images));
    expect(manifest.imageDType).toBe('float32');
    expect(manifest.files.images).toMatchObject({ path: 'images.f32', bytes: 64 * 4 });
    expect(files.has('images.u8')).toBe(false);
    // Little-endian float32, value by value.
    const view = new DataView(files.get('images.f32')!.buffer);
    expect(view.getFloat32(21 * 4, true)).toBe(Math.fround(1.9));
    const back = await readBundle(getFileFromMap(files));
    expect(back.images).toBeInstanceOf(Float32Array);
    expect(bits(back.images as Float32Array)).toEqual(bits(images));
    expect(Object.is(back.images[23], -0)).toBe(true);
    expect(back.testImages).toBeInstanceOf(Uint8Array); // test images stay uint8
    expect(back.manifest).toEqual(manifest);
  });

  it('declare imageDType in manifest.json right after imageShape', async () => {
    const { files } = await buildBundleFiles(input(floatImages()));
    const text = new TextDecoder().decode(files.get('manifest.json'));
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys.indexOf('imageDType')).toBe(keys.indexOf('imageShape') + 1);
    expect(text).toContain('"imageDType": "float32"');
  });

  it('leave uint8 bundles as they were: images.u8 and no imageDType key', async () => {
    const images = new Uint8Array(64).map((_, i) => (i * 37) % 256);
    const { manifest, files } = await buildBundleFiles(input(images));
    expect('imageDType' in manifest).toBe(false);
    expect(manifest.files.images.path).toBe('images.u8');
    expect(new TextDecoder().decode(files.get('manifest.json'))).not.toContain('imageDType');
    expect(files.get('images.u8')).toBe(images); // the very bytes given, not a copy
    const back = await readBundle(getFileFromMap(files));
    expect(back.images).toBeInstanceOf(Uint8Array);
    expect([...back.images]).toEqual([...images]);
    // A draft that says uint8 explicitly writes the same manifest.
    const explicit = await buildBundleFiles({
      ...input(images),
      manifest: { ...DRAFT, imageDType: 'uint8' },
    });
    expect(explicit.files.get('manifest.json')).toEqual(files.get('manifest.json'));
  });

  it('refuse a draft whose imageDType contradicts the images', async () => {
    await expect(
      buildBundleFiles({
        ...input(new Uint8Array(64)),
        manifest: { ...DRAFT, imageDType: 'float32' },
      }),
    ).rejects.toThrow(ConfigError);
    await expect(
      buildBundleFiles({ ...input(floatImages()), manifest: { ...DRAFT, imageDType: 'uint8' } }),
    ).rejects.toThrow(/imageDType "uint8" but the images given are float32/);
  });

  it('are never written when a value is bad (the writer reads its bundle back)', async () => {
    const images = floatImages();
    images[9] = NaN;
    const err = await buildBundleFiles(input(images)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expectProblem(err as BundleError, 'images.f32', 'pixel-value');
  });
});

describe('float32 stored images: rejections', () => {
  async function good(): Promise<Map<string, Uint8Array>> {
    return (await buildBundleFiles(input(floatImages()))).files;
  }

  /** A good float32 bundle with its images replaced by `images` (and re-signed). */
  async function withImages(images: Float32Array): Promise<Map<string, Uint8Array>> {
    return withPayload(await good(), 'images', serializeImages(images));
  }

  it('pixel-value: NaN, naming the first bad value and where it is', async () => {
    const images = floatImages();
    images[37] = NaN;
    images[50] = NaN;
    const err = await readFailure(await withImages(images));
    expectProblem(err, 'images.f32', 'pixel-value');
    // 37 = stored image 2, row 1, column 1 of a 4×4×1 image.
    expect(err.message).toBe(
      'images.f32: value 37 (stored image 2, row 1, column 1, channel 0) is NaN, not a finite number',
    );
  });

  it('pixel-value: ±Infinity', async () => {
    for (const v of [Infinity, -Infinity]) {
      const images = floatImages();
      images[3] = v;
      const err = await readFailure(await withImages(images));
      expectProblem(err, 'images.f32', 'pixel-value');
      expect(err.message).toMatch(
        /value 3 \(stored image 0, row 0, column 3, channel 0\) is -?Infinity/,
      );
    }
  });

  it('pixel-range: |v| beyond 64 (e.g. 0…255 units written by mistake), the bound itself allowed', async () => {
    for (const v of [64.5, -200, 255]) {
      const images = floatImages();
      images[63] = v;
      const err = await readFailure(await withImages(images));
      expectProblem(err, 'images.f32', 'pixel-range');
      expect(err.message).toContain(
        `value 63 (stored image 3, row 3, column 3, channel 0) is ${v}`,
      );
      expect(err.message).toContain('beyond ±64');
    }
    const edge = floatImages();
    edge[63] = 64;
    expect((await readBundle(getFileFromMap(await withImages(edge)))).images[63]).toBe(64);
  });

  it('shape: a byte count other than N·H·W·C·4 (one value short, or uint8-sized)', async () => {
    const files = await good();
    const short = files.get('images.f32')!.subarray(0, 63 * 4);
    const err = await readFailure(await withPayload(files, 'images', short));
    expectProblem(err, 'images.f32', 'shape');
    expect(err.message).toBe(
      'images.f32: holds 252 bytes but 2 classes × 2 images × 4×4×1 float32 values (4 bytes each) need 256',
    );
    const uint8Sized = await readFailure(await withPayload(files, 'images', new Uint8Array(64)));
    expectProblem(uint8Sized, 'images.f32', 'shape');
  });

  it('manifest: an unknown imageDType value (checked before any payload is read)', async () => {
    for (const dtype of ['float16', 'FLOAT32', 4, null]) {
      const files = await withPayload(await good(), 'images', (await good()).get('images.f32')!, {
        edit: (m) => (m.imageDType = dtype),
      });
      const err = await readFailure(files);
      expectProblem(err, 'manifest.json', 'manifest');
      expect(err.message).toContain(
        `field "imageDType" must be "uint8" or "float32" (or absent for uint8), got ${JSON.stringify(dtype)}`,
      );
    }
  });

  it('an explicit "uint8" declaration reads a uint8 payload as before', async () => {
    const images = new Uint8Array(64).map((_, i) => i);
    const { files } = await buildBundleFiles(input(images));
    const back = await readBundle(
      getFileFromMap(
        await withPayload(files, 'images', images, { edit: (m) => (m.imageDType = 'uint8') }),
      ),
    );
    expect([...back.images]).toEqual([...images]);
  });
});

describe('parseImages / serializeImages', () => {
  it('use the default names images.u8 and images.f32 and read uint8 without copying', () => {
    expect(IMAGES_PATHS).toEqual({ uint8: 'images.u8', float32: 'images.f32' });
    const bytes = new Uint8Array(2 * 3 * 4);
    expect(parseImages('x', bytes, 'uint8', [2, 2, 1], 3, 2)).toBe(bytes);
    const floats = Float32Array.from({ length: 24 }, (_, i) => i / 10 - 1);
    const back = parseImages('x', serializeImages(floats), 'float32', [2, 2, 1], 3, 2);
    expect(bits(back as Float32Array)).toEqual(bits(floats));
  });

  it('read little-endian float32 from an unaligned view', () => {
    const floats = Float32Array.from([0.25, -0.7, 1.9, 3]);
    const padded = new Uint8Array(1 + 16);
    padded.set(serializeImages(floats), 1);
    const back = parseImages('x', padded.subarray(1), 'float32', [2, 2, 1], 1, 1);
    expect(bits(back as Float32Array)).toEqual(bits(floats));
  });
});

describe('floatPixelStats', () => {
  it('gives the range and the fraction of values outside [0, 1] (the ends themselves are inside)', () => {
    expect(floatPixelStats(Float32Array.from([0, 1, 0.5, -0.7, 1.9, 0.25, 1, 0]))).toEqual({
      min: Math.fround(-0.7),
      max: Math.fround(1.9),
      outsideFraction: 2 / 8,
    });
    expect(floatPixelStats(new Float32Array(0)).outsideFraction).toBe(0);
  });
});
