// Labels of an imported condensed set: hard class indices from integer labels or one-hot rows
// (KIP's centred one-hot included), then the class-major order a bundle needs. A set stored in
// another order is reordered (stably, with a note); a set whose classes hold different numbers
// of images is refused, as YOCO's balance rule and the bundle's sample indices need IPC_F per class.
import { ImportError } from '../errors';
import type { NdArray } from './ndarray';

/** One class index per image from `labels` (N integers, or N×classCount one-hot rows). */
export function hardLabels(
  file: string,
  labels: NdArray,
  count: number,
  classCount: number,
  notes: string[],
): Int32Array {
  const out = new Int32Array(count);
  const fail = (detail: string) => new ImportError(file, detail, 'labels');
  if (labels.shape.length === 1 || (labels.shape.length === 2 && labels.shape[1] === 1)) {
    if (labels.shape[0] !== count) throw fail(`${labels.shape[0]} labels for ${count} images`);
    for (let i = 0; i < count; i++) {
      const y = labels.data[i]!;
      if (!Number.isInteger(y) || y < 0 || y >= classCount) {
        throw fail(`label ${y} of image ${i} is not a class index below ${classCount}`);
      }
      out[i] = y;
    }
    return out;
  }
  if (labels.shape.length !== 2 || labels.shape[0] !== count) {
    throw fail(`labels of shape ${labels.shape.join('×')} for ${count} images`);
  }
  if (labels.shape[1] !== classCount) {
    throw fail(`one-hot labels of ${labels.shape[1]} classes; the test set has ${classCount}`);
  }
  // One-hot: one high value per row and every other value equal (0/1, or centred like KIP's).
  for (let i = 0; i < count; i++) {
    const row = labels.data.subarray(i * classCount, (i + 1) * classCount);
    const hi = Math.max(...row);
    const at = row.indexOf(hi);
    const lo = row[at === 0 ? 1 : 0]!;
    if (!row.every((v, k) => (k === at ? v > lo : v === lo))) {
      throw fail(
        `label row ${i} (${Array.from(row, (v) => v.toPrecision(3)).join(', ')}) is not one-hot: ` +
          'soft or learned labels cannot be kept by a bundle, which stores one class per image',
      );
    }
    out[i] = at;
  }
  notes.push('labels were one-hot rows; each image takes the class of its highest entry');
  return out;
}

/** The class-major order of the images (stable) and IPC_F; refuses unbalanced classes. */
export function classMajorOrder(
  file: string,
  labels: Int32Array,
  classCount: number,
  notes: string[],
): { order: Int32Array; ipc: number } {
  const counts = new Array<number>(classCount).fill(0);
  for (const y of labels) counts[y]!++;
  const present = counts.filter((n) => n > 0).length;
  if (present < classCount && counts.every((n) => n === 0 || n === Math.max(...counts))) {
    throw new ImportError(
      file,
      `the set holds images of ${present === 1 ? 'one class' : `${present} classes`} but the test set has ${classCount}`,
      'mismatch',
    );
  }
  const ipc = counts[0]!;
  if (counts.some((n) => n !== ipc) || ipc === 0) {
    throw new ImportError(
      file,
      `classes are not balanced (images per class: ${counts.join(', ')}); a bundle needs the same number in every class`,
      'labels',
    );
  }
  const order = Int32Array.from(labels.keys()).sort((a, b) => labels[a]! - labels[b]! || a - b);
  if (order.some((from, to) => from !== to)) {
    notes.push(
      'images were not stored class by class; reordered class-major, keeping their order within each class',
    );
  }
  return { order, ipc };
}
