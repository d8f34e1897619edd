// One PNG data URL per stored image, drawn once on a canvas of its own and shared by every view
// of it (the gallery and the kept-images preview under the slider): a decoded <img> costs nothing
// after its first paint, where a live canvas is re-produced by the compositor on every frame
// commit, which costs long main-thread tasks while a software GPU is busy training.
import type { StoredImages } from '../../src/engine/types';
import { imageToRgba } from './pixels';

const cache = new WeakMap<StoredImages, Map<number, string>>();

/** PNG data URL of stored image `index` (NHWC, `h`×`w`×`c`), drawn once per image array. */
export function storedImageUrl(
  images: StoredImages,
  index: number,
  h: number,
  w: number,
  c: number,
): string {
  let urls = cache.get(images);
  if (!urls) cache.set(images, (urls = new Map()));
  const known = urls.get(index);
  if (known !== undefined) return known;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  ctx.putImageData(new ImageData(imageToRgba(images, index, h, w, c), w, h), 0, 0);
  const url = canvas.toDataURL('image/png');
  urls.set(index, url);
  return url;
}
