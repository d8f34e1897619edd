// `yoco train` and `yoco select` give exactly the engine session's numbers (the app's path) for
// the same settings: the same kept indices, test accuracy and confusion matrix, bit for bit.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { getFileFromMap } from '../../src/engine/bundle/read';
import { createSession } from '../../src/engine/session';
import { perClassAccuracy } from '../../src/engine/train/confusion';
import type { TinyBundle } from '../../test-support/engine/tiny-bundle';
import { useTempDir, writeTinyBundleDir } from '../../test-support/node/test-dirs';
import { runCli } from './test-run';

const root = useTempDir('yoco-train-');
let dir = '';
let tiny: TinyBundle;

beforeAll(async () => {
  dir = join(root(), 'tiny');
  tiny = await writeTinyBundleDir(dir, {
    classes: 4,
    ipc: 3,
    factor: 2,
    size: 8,
    testPerClass: 6,
    seed: 9,
  });
});

describe('yoco train and the engine session', () => {
  it.each([
    ['yoco', []],
    ['lbpe+hard+balanced', []],
    ['random+imbalanced', ['--seed', '2']],
  ] as const)(
    'agree on %s %s: indices and accuracy',
    async (method, flags) => {
      const cli = ['--ipc', '1', '--method', method, ...flags];
      const protocol = ['--epochs', '3', '--width', '4', '--batch', '8', '--test-limit', '12'];
      const trained = await runCli([
        'train',
        dir,
        ...cli,
        ...protocol,
        '--backend',
        'cpu',
        '--json',
      ]);
      expect(trained.code).toBe(0);
      const summary = JSON.parse(trained.out);
      const picked = JSON.parse((await runCli(['select', dir, ...cli, '--json'])).out);

      const session = createSession({ getFile: () => getFileFromMap(tiny.files) });
      await session.setBackend('cpu');
      await session.loadBundle('memory://tiny/');
      const result = await session.train({
        method: summary.method,
        perClass: summary.perClass,
        prefer: summary.prefer,
        balanced: summary.balanced,
        seed: summary.seed,
        epochs: 3,
        width: 4,
        batchSize: 8,
        testLimit: 12,
      });
      expect(Array.from(result.indices)).toEqual(picked.indices);
      expect(result.indices.length).toBe(summary.samples);
      expect(result.testAccuracy).toBe(summary.testAccuracy);
      expect(result.testPerClass).toEqual(summary.testPerClass);
      // Per class: the session's confusion matrix, and the accuracy read off its rows.
      expect(summary.confusion).toEqual(result.confusion);
      expect(summary.perClassAccuracy).toEqual(perClassAccuracy(result.confusion));
      expect(summary.classes).toEqual(tiny.manifest.classes);
    },
    60_000,
  );
});
