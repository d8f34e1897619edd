// Browser vs CLI agreement (design.md §9, "One scoring loop"): the app's worker scores an imported set with the engine's
// scoreImported (session.ts), `yoco import` with Node's cached scoreCondensed; both run the one
// scoreSet loop, so for the same fixture, settings and seed they give the same scores (Spearman 1
// for every score) and the same YOCO IPC_T 1 selection, and Node's cached second pass agrees too.
// The app pairs the set with a loaded bundle's test set (a tiny 3-class 8×8 gray one here).
import '@tensorflow/tfjs-backend-cpu';
import { condensedFile } from '../../test-support/engine/import-bytes';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scoreCondensed, stageTimer } from './score';
import { createSession } from '../../src/engine/session';
import { importCondensed } from '../../src/engine/import/condensed';
import { PAPER_SCORING, type ScoreParams } from '../../src/engine/scores/score-set';
import { spearman } from '../../src/engine/scores/spearman';
import { selectIndices } from '../../src/engine/select/methods';
import { sampleLabels } from '../../src/engine/decode';
import { makeTinyBundle } from '../../test-support/engine/tiny-bundle';
import { SCORE_NAMES } from '../../src/engine/types';
import { useTempDir } from '../../test-support/node/test-dirs';

const root = useTempDir('yoco-score-agree-');
const FILE = 'dsa-zip.pt';
const TINY: ScoreParams = {
  ...PAPER_SCORING,
  scoreWidth: 4,
  scoreEpochs: 2,
  topK: 1,
  runs: 2,
  scoreScheduleEpochs: 2,
  batchSize: 16,
  seed: 7,
};

describe('scoring an imported set: app (engine call) and CLI (cached Node stage) agree', () => {
  it('gives identical scores and the same YOCO IPC_T 1 selection for the same seed', async () => {
    const bytes = new Uint8Array(
      await readFile(new URL(`../fixtures/import/${FILE}`, import.meta.url)),
    );
    const tiny = await makeTinyBundle({
      classes: 3,
      ipc: 2,
      factor: 1,
      size: 8,
      channels: 1,
      seed: 3,
    });
    const session = createSession({ getFile: () => tiny.getFile });
    await session.loadBundle('tiny');
    const app = await session.scoreImported({ files: [condensedFile(FILE, bytes)], params: TINY });

    const m = tiny.manifest;
    const set = await importCondensed([condensedFile(FILE, bytes)], {
      normalization: m.normalization,
      classCount: m.classes.length,
      imageShape: m.imageShape,
    });
    const node = () =>
      scoreCondensed({
        condensed: set,
        shape: set.shape,
        factor: set.factor,
        classCount: set.classCount,
        normalization: m.normalization,
        p: TINY,
        flip: m.flip,
        ctx: { cacheDir: root(), log: () => undefined },
        log: () => undefined,
        timed: stageTimer(() => undefined, {}, []),
        upstream: { hash: 'agreement-test' },
      });
    const cli = await node();
    const cached = await node();

    const appScores = app.view.scores;
    for (const name of SCORE_NAMES) {
      expect(Array.from(appScores[name]), name).toEqual(Array.from(cli.scores[name]));
      expect(Array.from(cached.scores[name]), `${name} (cached)`).toEqual(
        Array.from(cli.scores[name]),
      );
    }
    expect(spearman(appScores.lbpe, cli.scores.lbpe)).toBe(1);
    const yoco = { method: 'yoco', prefer: 'easy', balanced: true, perClass: 1 } as const;
    const appPick = await session.select(yoco);
    const cliPick = selectIndices(yoco, {
      scores: cli.scores,
      labels: sampleLabels(set.labels, set.factor),
      numClasses: set.classCount,
    });
    expect(Array.from(appPick)).toEqual(Array.from(cliPick));
    expect(appPick.length).toBe(3);
    // The in-memory bundle is the imported set: its images as imported, its pairing recorded.
    expect(Array.from(app.view.images)).toEqual(Array.from(set.images));
    expect(app.view.manifest.condensation.params).toMatchObject({
      imported: { layout: 'dsa', pairedWith: m.id },
    });
  }, 60_000);
});
