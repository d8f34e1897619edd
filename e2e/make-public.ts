// Builds the public folder the browser tests serve (YOCO_PUBLIC_DIR, default /tmp/yoco-e2e-public):
// a copy of the repository's public/ (with any shipped bundle), plus small generated bundles:
//   datasets/tiny       4 classes, RGB 16×16, IPC_F 3, f 2 (48 samples) — the tests' default
//   datasets/tiny-gray  3 classes, 1-channel 12×12, IPC_F 2, f 2
//   datasets/tiny-sorted  tiny with the same test images stored sorted by class (an image-folder
//                       import's order), for the stratified test subset
//   datasets/tiny-f32   3 classes, RGB 16×16, IPC_F 2, f 2, float32 pixels, some outside [0, 1]
//   datasets/tiny-gray8 3 classes, 1-channel 8×8, IPC_F 2, f 1: pairs with the import fixtures
//                       (tools/fixtures/import/dsa-zip.pt) in import.spec.ts
//   datasets/tiny-multisize  tiny marked as condensed multisize (condensation.params.prefixes 1, 2):
//                       its method menu offers "as condensed (prefix)"
//   datasets/tiny-teacher  tiny with a small seeded teacher (teacher labels) and a reference table
//                       for teacher labels (teacherTable) beside the hard-label one
//   datasets/corrupt    tiny with one byte of its images payload flipped (digest mismatch)
// and a datasets/index.json listing them first (each with a one-line description, as the dataset
// picker shows), then the shipped bundles.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '../src/engine/bundle/manifest';
import {
  APP_TINY,
  makeTinyBundle,
  type TinyBundleOptions,
} from '../test-support/engine/tiny-bundle';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const E2E_PUBLIC_DIR = process.env.YOCO_PUBLIC_DIR ?? '/tmp/yoco-e2e-public';

interface IndexEntry {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

async function writeBundle(
  dir: string,
  { id, title, description }: Required<IndexEntry>,
  options: TinyBundleOptions,
  edit?: (files: Map<string, Uint8Array>, manifest: Manifest) => void,
): Promise<IndexEntry> {
  const bundle = await makeTinyBundle(options);
  const manifest: Manifest = {
    ...bundle.manifest,
    id,
    title,
    tool: { ...bundle.manifest.tool, command: 'npx tsx e2e/make-public.ts' },
    referenceTable: {
      protocol: { note: 'e2e fixture for display only, not measured', width: 4, epochs: 2 },
      rows: [
        { method: 'full', ipc: null, mean: 0.5, std: 0.02, seeds: 3 },
        { method: 'yoco', ipc: 1, mean: 0.4, std: 0.03, seeds: 3 },
        { method: 'random', ipc: 1, mean: 0.3, std: 0.05, seeds: 3 },
      ],
    },
  };
  const files = new Map(bundle.files);
  edit?.(files, manifest);
  const folder = join(dir, 'datasets', id);
  mkdirSync(folder, { recursive: true });
  for (const [path, bytes] of files) {
    if (path === 'manifest.json') continue;
    writeFileSync(join(folder, path), bytes);
  }
  writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { id, title, description };
}

export async function makePublic(dir: string = E2E_PUBLIC_DIR): Promise<string[]> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'datasets'), { recursive: true });
  const repoPublic = join(root, 'public');
  if (existsSync(repoPublic)) cpSync(repoPublic, dir, { recursive: true });

  let shipped: IndexEntry[] = [];
  const shippedIndex = join(repoPublic, 'datasets', 'index.json');
  if (existsSync(shippedIndex)) {
    const json = JSON.parse(readFileSync(shippedIndex, 'utf8')) as
      { bundles?: unknown[] } | unknown[];
    const list = Array.isArray(json) ? json : (json.bundles ?? []);
    shipped = list.map((b) => (typeof b === 'string' ? { id: b, title: b } : (b as IndexEntry)));
  }

  const made = [
    await writeBundle(
      dir,
      {
        id: 'tiny',
        title: 'Tiny synthetic stripes (e2e)',
        description: 'Synthetic stripes and blobs, uint8 pixels: the browser tests’ default.',
      },
      APP_TINY,
    ),
    await writeBundle(
      dir,
      {
        id: 'tiny-gray',
        title: 'Tiny synthetic stripes, grey (e2e)',
        description: 'The same stripes in one grey channel.',
      },
      {
        classes: 3,
        ipc: 2,
        factor: 2,
        size: 12,
        channels: 1,
        testPerClass: 6,
        seed: 2,
      },
    ),
    await writeBundle(
      dir,
      {
        id: 'tiny-sorted',
        title: 'Tiny synthetic stripes, test set sorted by class (e2e)',
        description: 'The tiny bundle with its test images stored class by class.',
      },
      { ...APP_TINY, testOrder: 'sorted' },
    ),
    await writeBundle(
      dir,
      {
        id: 'tiny-f32',
        title: 'Tiny synthetic stripes, float32 (e2e)',
        description:
          'Optimized-style float32 pixels, some outside [0, 1]: stands in for a DM-synthesized set.',
      },
      {
        classes: 3,
        ipc: 2,
        factor: 2,
        size: 16,
        channels: 3,
        testPerClass: 8,
        seed: 5,
        imageDType: 'float32',
      },
    ),
    await writeBundle(
      dir,
      {
        id: 'tiny-gray8',
        title: 'Tiny synthetic stripes, grey 8×8 (e2e)',
        description:
          'Three grey 8×8 classes: the test set an imported condensed-set fixture pairs with.',
      },
      { classes: 3, ipc: 2, factor: 1, size: 8, channels: 1, testPerClass: 6, seed: 3 },
    ),
    await writeBundle(
      dir,
      {
        id: 'tiny-multisize',
        title: 'Tiny synthetic stripes, multisize (e2e)',
        description: 'The tiny bundle marked as condensed for its first 1 and 2 stored images.',
      },
      APP_TINY,
      (_, manifest) => {
        manifest.condensation.params['prefixes'] = [1, 2];
      },
    ),
    await writeBundle(
      dir,
      {
        id: 'tiny-teacher',
        title: 'Tiny synthetic stripes, with a teacher (e2e)',
        description: 'The tiny bundle with a small teacher model, to train on teacher labels.',
      },
      { ...APP_TINY, teacher: true },
      (_, manifest) => {
        Object.assign(manifest, {
          teacherTable: {
            protocol: {
              note: 'e2e fixture for display only, not measured',
              width: 4,
              epochs: 2,
              labels: 'teacher',
            },
            rows: [
              { method: 'full', ipc: null, mean: 0.6, std: 0.02, seeds: 3 },
              { method: 'yoco', ipc: 1, mean: 0.45, std: 0.03, seeds: 3 },
              { method: 'random', ipc: 1, mean: 0.35, std: 0.04, seeds: 3 },
            ],
          },
        });
      },
    ),
    await writeBundle(
      dir,
      {
        id: 'corrupt',
        title: 'Corrupted bundle (e2e)',
        description:
          'The tiny bundle with one byte of its images flipped: fails its SHA-256 check.',
      },
      { classes: 4, ipc: 3, factor: 2, size: 16, channels: 3, seed: 1 },
      (files, manifest) => {
        const path = manifest.files.images.path;
        const bytes = Uint8Array.from(files.get(path)!);
        bytes[10] = bytes[10]! ^ 0xff;
        files.set(path, bytes);
      },
    ),
  ];
  const bundles = [...made, ...shipped.filter((s) => !made.some((m) => m.id === s.id))];
  writeFileSync(
    join(dir, 'datasets', 'index.json'),
    `${JSON.stringify({ default: 'tiny', bundles }, null, 2)}\n`,
  );
  return shipped.map((s) => s.id);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const shipped = await makePublic();
  console.log(
    `e2e public folder ready at ${E2E_PUBLIC_DIR}; shipped bundles: ${shipped.join(', ') || 'none'}`,
  );
}
