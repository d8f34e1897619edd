// `yoco teacher`: adds a teacher trained on a real-dataset folder to a bundle of that dataset (its
// accuracy measured on every test image, its command recorded, the bundle still valid and usable
// with --labels teacher), resumes from its cache, and refuses a dataset of other classes by name.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './test-run';
import { useTempDir, writeTinyBundleDir } from '../../test-support/node/test-dirs';
import { writeImageFolderDataset } from '../../test-support/node/image-folder-dataset';

const root = useTempDir('yoco-teacher-cli-');
let data = '';
let bundle = '';
const TINY_BUILD = (
  '--ipc 2 --factor 2 --observer-width 4 --observer-epochs 1 --keep 0.8 --pool 12 --crops 2 ' +
  '--score-width 4 --score-epochs 2 --top-k 2 --runs 1 --score-schedule 2 --batch 16 --no-flip --seed 5'
).split(' ');
const TEACH = ['--width', '8', '--epochs', '3', '--batch', '16', '--backend', 'cpu'];

beforeAll(async () => {
  data = join(root(), 'data');
  bundle = join(root(), 'bundle');
  await writeImageFolderDataset(data);
  const built = await runCli([
    'build',
    data,
    '--out',
    bundle,
    '--cache',
    join(root(), 'c'),
    ...TINY_BUILD,
    '--backend',
    'cpu',
  ]);
  expect(built.code).toBe(0);
}, 300_000);

describe('yoco teacher', () => {
  it('adds a teacher that knows the data, records its command, and resumes from its cache', async () => {
    const cache = join(root(), 'teacher-cache');
    const first = await runCli(['teacher', bundle, '--train', data, ...TEACH, '--cache', cache]);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/teacher epoch 3\/3: .* test \d+\.\d\d%/);
    const m = JSON.parse(await readFile(join(bundle, 'manifest.json'), 'utf8'));
    expect(m.teacher).toMatchObject({
      architecture: 'ConvNet',
      width: 8,
      depth: 3,
      epochs: 3,
      testImages: 30,
      trainedOn: { count: 90 },
    });
    expect(m.teacher.testAccuracy).toBeGreaterThan(0.5); // chance: 1/3
    expect(m.teacher.command).toBe(
      `npm run yoco -- teacher ${bundle} --train ${data} ${TEACH.join(' ')} --cache ${cache}`,
    );
    const inspect = await runCli(['inspect', bundle]);
    expect(inspect.code).toBe(0);
    const soft = await runCli([
      'train',
      bundle,
      '--ipc',
      '1',
      '--method',
      'yoco',
      '--epochs',
      '2',
      '--width',
      '4',
      '--backend',
      'cpu',
      '--labels',
      'teacher',
      '--json',
    ]);
    expect(soft.code).toBe(0);
    expect(JSON.parse(soft.out).labels).toBe('teacher');

    const again = await runCli(['teacher', bundle, '--train', data, ...TEACH, '--cache', cache]);
    expect(again.code).toBe(0);
    expect(again.err).not.toMatch(/\[teacher-epoch\] computing/);
    expect(again.err).toMatch(/\(cached\)/);
  }, 300_000);

  it('yoco build --teacher adds the default teacher, with the build command', async () => {
    const out = join(root(), 'built-with-teacher');
    const built = await runCli([
      'build',
      data,
      '--out',
      out,
      '--cache',
      join(root(), 'c'),
      ...TINY_BUILD,
      '--teacher',
      '--threads',
      '1',
    ]);
    expect(built.code).toBe(0);
    const m = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(m.teacher).toMatchObject({ width: 128, depth: 3, epochs: 5, testImages: 30 });
    expect(m.teacher.command).toBe(m.tool.command);
    expect(m.teacher.command).toMatch(/^npm run yoco -- build .* --teacher --threads 1$/);
  }, 300_000);

  it('refuses a dataset whose classes are not the bundle’s, naming both', async () => {
    const other = join(root(), 'other');
    await writeTinyBundleDir(other, { classes: 4, size: 16 });
    const r = await runCli([
      'teacher',
      other,
      '--train',
      data,
      ...TEACH,
      '--cache',
      join(root(), 'x'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the dataset has classes \[bars, columns, square\], the bundle \[/);
  });
});
