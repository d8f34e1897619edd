// Recognises which tool wrote a condensed set (DC/DSA/DM, IDC, MTT, KIP) from the files' structure,
// not their names, and pulls out its images and labels arrays. A forced layout that the files do
// not match, or files of no known layout, are 'layout' errors that say what was found.
import { ImportError } from '../errors';
import type { NdArray } from './ndarray';
import { openNpz, type Npz } from './npy';
import { PickleDict, PickleTuple, describePickle, type PickleValue } from './pickle-types';
import { ByteSource } from './source';
import { TensorRef } from './torch-globals';
import { readTorchFile, type TorchFile } from './torch';
import type { CondensedFile, Layout } from './types';
import { looksLikeZip, readZipDirectory } from './zip';

export interface LayoutData {
  readonly layout: Layout;
  readonly images: NdArray;
  readonly labels: NdArray;
  /** Images are N×H×W×C (KIP) rather than N×C×H×W (torch). */
  readonly channelsLast: boolean;
  readonly experiment?: { readonly index: number; readonly count: number };
  readonly formats: string[];
  /** The file the images came from (for messages). */
  readonly file: string;
}

type Read =
  | { kind: 'torch'; file: string; value: PickleValue; format: string; torch: TorchFile }
  | { kind: 'npz'; file: string; npz: Npz };

async function readFile(f: CondensedFile): Promise<Read> {
  const src = ByteSource.of(f);
  if (looksLikeZip(await src.readUpTo(0, 4))) {
    const names = [...(await readZipDirectory(src)).keys()];
    if (!names.some((n) => n.endsWith('/data.pkl')) && names.some((n) => n.endsWith('.npy'))) {
      return { kind: 'npz', file: f.name, npz: await openNpz(src) };
    }
  }
  const t = await readTorchFile(src);
  return { kind: 'torch', file: f.name, value: t.value, format: `torch ${t.format}`, torch: t };
}

/** A tensor's structure (its data is read later, only for the images and labels kept). */
const tensor = (v: PickleValue | undefined): TensorRef | undefined =>
  v instanceof TensorRef ? v : undefined;

const pair = (v: PickleValue | undefined): [TensorRef, TensorRef] | undefined => {
  const items = Array.isArray(v) ? v : v instanceof PickleTuple ? v.items : undefined;
  const a = tensor(items?.[0]);
  const b = tensor(items?.[1]);
  return items?.length === 2 && a && b ? [a, b] : undefined;
};

/** The arrays of `images` and `labels`, read from their files' storages. */
async function arrays(
  reads: readonly Read[],
  images: TensorRef,
  labels: TensorRef,
): Promise<{ images: NdArray; labels: NdArray }> {
  for (const r of reads) {
    if (r.kind !== 'torch') continue;
    const mine = [images, labels].filter((t) => r.torch.tensors.includes(t));
    if (mine.length > 0) await r.torch.fill(mine);
  }
  return { images: images.array!, labels: labels.array! };
}

/** The layout the files have, or why none fits. */
function recognise(reads: Read[]): Layout {
  const [a, b] = reads;
  if (reads.length === 2) return 'mtt';
  if (a!.kind === 'npz') return 'kip';
  const v = a!.value;
  if (v instanceof PickleDict && v.get('data') !== undefined) return 'dsa';
  if (pair(v)) return 'idc';
  if (tensor(v) && !b) {
    throw new ImportError(
      a!.file,
      'holds one tensor: an MTT images_best.pt? give its labels_best.pt as the second file',
      'layout',
    );
  }
  throw new ImportError(
    a!.file,
    `holds ${describePickle(v)}, which is no known layout (DC/DSA/DM result dict, IDC [images, labels], MTT tensors, KIP .npz)`,
    'layout',
  );
}

/** Read `files` and take out the images and labels of `layout` (or the recognised one). */
export async function readLayout(
  files: readonly CondensedFile[],
  forced: Layout | 'auto',
  experiment: number,
): Promise<LayoutData> {
  if (files.length < 1 || files.length > 2) {
    throw new ImportError(
      files[0]?.name ?? '?',
      `expected one or two files, got ${files.length}`,
      'layout',
    );
  }
  const reads = await Promise.all(files.map(readFile));
  const layout = forced === 'auto' ? recognise(reads) : forced;
  const first = reads[0]!;
  const wrong = (detail: string): ImportError =>
    new ImportError(first.file, `not a ${layout.toUpperCase()} set: ${detail}`, 'layout');
  const formats = reads.map((r) => (r.kind === 'npz' ? 'npz' : r.format));
  if ((layout === 'mtt') !== (reads.length === 2)) {
    throw wrong(
      layout === 'mtt' ? 'MTT needs images_best.pt and labels_best.pt' : 'two files given',
    );
  }
  if (layout === 'kip') {
    if (first.kind !== 'npz') throw wrong('KIP sets are NumPy .npz archives');
    const whitened = first.npz.names.find((k) => /zca|whiten/i.test(k));
    if (whitened) {
      throw new ImportError(
        first.file,
        `holds "${whitened}": a ZCA-whitened set, which cannot be un-whitened without the dataset's whitening`,
        'whitened',
      );
    }
    if (!first.npz.names.includes('images') || !first.npz.names.includes('labels'))
      throw wrong(`arrays ${first.npz.names.join(', ')}; expected images and labels`);
    // Only these two members are inflated; any other array in the archive is never read.
    const images = await first.npz.load('images');
    const labels = await first.npz.load('labels');
    return { layout, images, labels, channelsLast: true, formats, file: first.file };
  }
  if (reads.some((r) => r.kind !== 'torch')) throw wrong('expected torch.save files');
  const values = reads.map((r) => (r.kind === 'torch' ? r.value : null));
  if (layout === 'mtt') {
    const [x, y] = values.map(tensor);
    if (!x || !y) throw wrong('each file must hold one tensor');
    // Images are the 3- or 4-dimensional tensor, whichever file holds them.
    const swap = x.shape.length < y.shape.length;
    return {
      layout,
      ...(await arrays(reads, swap ? y : x, swap ? x : y)),
      channelsLast: false,
      formats,
      file: reads[swap ? 1 : 0]!.file,
    };
  }
  if (layout === 'idc') {
    const p = pair(values[0]!);
    if (!p) throw wrong(`holds ${describePickle(values[0]!)}, not [images, labels]`);
    return {
      layout,
      ...(await arrays(reads, p[0], p[1])),
      channelsLast: false,
      formats,
      file: first.file,
    };
  }
  const root = values[0]!;
  const data = root instanceof PickleDict ? root.get('data') : undefined;
  if (!Array.isArray(data)) throw wrong(`holds ${describePickle(root)} without a 'data' list`);
  if (data.length === 0) throw wrong("its 'data' list is empty: it holds no experiment");
  if (!Number.isInteger(experiment) || experiment < 0 || experiment >= data.length) {
    throw new ImportError(
      first.file,
      `experiment ${experiment} does not exist: the file holds ` +
        (data.length === 1 ? 'one (experiment 0)' : `${data.length} (0 to ${data.length - 1})`),
      'layout',
    );
  }
  const p = pair(data[experiment]);
  if (!p)
    throw wrong(`data[${experiment}] is ${describePickle(data[experiment])}, not [images, labels]`);
  return {
    layout,
    ...(await arrays(reads, p[0], p[1])),
    channelsLast: false,
    experiment: { index: experiment, count: data.length },
    formats,
    file: first.file,
  };
}
