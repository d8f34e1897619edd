// The label mode on the command line: `yoco train --labels teacher` gives the engine session's
// numbers for a teacher run, a bundle without a teacher and an unknown mode are refused by name,
// `yoco table --labels teacher --into-manifest` writes the teacher's table beside the hard one, and
// --real adds the random-real-images control.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getFileFromMap } from '../../src/engine/bundle/read';
import { createSession } from '../../src/engine/session';
import type { TinyBundle } from '../../test-support/engine/tiny-bundle';
import { useTempDir, writeTinyBundleDir } from '../../test-support/node/test-dirs';
import { runCli } from './test-run';
import {
  FOLDER_CLASSES,
  writeImageFolderDataset,
} from '../../test-support/node/image-folder-dataset';

const root = useTempDir('yoco-labels-');
let withTeacher = '';
let without = '';
let tiny: TinyBundle;
const SHAPE = { classes: 4, ipc: 3, factor: 2, size: 8, testPerClass: 6, seed: 9 };
const PROTOCOL = ['--epochs', '3', '--width', '4', '--batch', '8', '--backend', 'cpu'];

beforeAll(async () => {
  withTeacher = join(root(), 'teacher');
  without = join(root(), 'plain');
  tiny = await writeTinyBundleDir(withTeacher, { ...SHAPE, teacher: true });
  await writeTinyBundleDir(without, SHAPE);
});

describe('--labels', () => {
  it('train --labels teacher: the session’s teacher run, and a different one from hard labels', async () => {
    const run = async (labels: string) => {
      const r = await runCli([
        'train',
        withTeacher,
        '--ipc',
        '1',
        '--method',
        'yoco',
        ...PROTOCOL,
        '--labels',
        labels,
        '--json',
      ]);
      expect(r.code).toBe(0);
      return JSON.parse(r.out) as { labels: string; testAccuracy: number; confusion: number[][] };
    };
    const soft = await run('teacher');
    expect(soft.labels).toBe('teacher');
    const session = createSession({ getFile: () => getFileFromMap(tiny.files) });
    await session.setBackend('cpu');
    await session.loadBundle('memory://tiny/');
    const result = await session.train({
      method: 'lbpe',
      prefer: 'easy',
      balanced: true,
      perClass: 4,
      seed: 0,
      epochs: 3,
      width: 4,
      batchSize: 8,
      labels: 'teacher',
      evalEveryEpoch: false,
    });
    expect(result.testAccuracy).toBe(soft.testAccuracy);
    expect(result.confusion).toEqual(soft.confusion);
    const hard = await run('hard');
    expect(hard.labels).toBe('hard');
    expect(hard.confusion).not.toEqual(soft.confusion); // a random teacher's labels are not the classes
  }, 120_000);

  it('refuses teacher labels on a bundle without a teacher, and an unknown mode', async () => {
    const none = await runCli([
      'train',
      without,
      '--ipc',
      '1',
      '--method',
      'yoco',
      ...PROTOCOL,
      '--labels',
      'teacher',
    ]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/has no teacher, so it cannot train on teacher labels/);
    const odd = await runCli([
      'train',
      without,
      '--ipc',
      '1',
      '--method',
      'yoco',
      ...PROTOCOL,
      '--labels',
      'soft',
    ]);
    expect(odd.code).toBe(2);
    expect(odd.err).toMatch(/--labels: expected one of hard, teacher, got "soft"/);
  });

  it('table --labels teacher --into-manifest writes teacherTable and leaves referenceTable', async () => {
    const cache = join(root(), 'cache');
    const table = (labels: string) =>
      runCli([
        'table',
        withTeacher,
        '--ipc',
        '1',
        '--methods',
        'yoco',
        '--seeds',
        '1',
        ...PROTOCOL,
        '--cache',
        cache,
        '--labels',
        labels,
        '--into-manifest',
      ]);
    expect((await table('hard')).code).toBe(0);
    const before = JSON.parse(await readFile(join(withTeacher, 'manifest.json'), 'utf8'));
    expect((await table('teacher')).code).toBe(0);
    const after = JSON.parse(await readFile(join(withTeacher, 'manifest.json'), 'utf8'));
    expect(after.referenceTable).toEqual(before.referenceTable);
    expect(after.referenceTable.protocol.labels).toBe('hard');
    expect(after.teacherTable.protocol.labels).toBe('teacher');
    expect(after.teacherTable.protocol.teacher).toMatch(
      /^ConvNet-D1 width 2, .* \(teacher\.bin [0-9a-f]{12}\)$/,
    );
    expect(after.teacherTable.rows.map((r: { method: string }) => r.method)).toEqual(['yoco']);
  }, 120_000);
});

describe('--real: the random-real-images control', () => {
  it('adds the row real+random: IPC_T real images per class, trained with the table’s labels', async () => {
    const data = join(root(), 'folder');
    const bundle = join(root(), 'folder-bundle');
    await writeImageFolderDataset(data);
    // A bundle of the folder's shape, with a teacher, renamed to the folder's classes.
    await writeTinyBundleDir(bundle, {
      classes: 3,
      size: 16,
      channels: 1,
      ipc: 2,
      factor: 2,
      teacher: true,
    });
    const path = join(bundle, 'manifest.json');
    const manifest = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...manifest, classes: FOLDER_CLASSES }));
    const r = await runCli([
      'table',
      bundle,
      '--ipc',
      '1',
      '--methods',
      'yoco',
      '--seeds',
      '2',
      ...PROTOCOL,
      '--cache',
      join(root(), 'real-cache'),
      '--labels',
      'teacher',
      '--real',
      data,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const table = JSON.parse(r.out) as { rows: { method: string; ipc: number; runs: number[] }[] };
    expect(table.rows.map((x) => x.method)).toEqual(['yoco', 'real+random']);
    const real = table.rows[1]!;
    expect(real.ipc).toBe(1);
    expect(real.runs).toHaveLength(2);
    const other = join(root(), 'other-classes');
    await writeTinyBundleDir(other, { classes: 4, size: 16 });
    const bad = await runCli([
      'table',
      other,
      '--ipc',
      '1',
      '--methods',
      'yoco',
      '--seeds',
      '1',
      ...PROTOCOL,
      '--real',
      data,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /--real .*: 16×16×1 images in classes \[bars, columns, square\], the bundle has 16×16×/,
    );
  }, 120_000);
});
