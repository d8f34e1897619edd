// The engine's scoreImported call (session.ts over score-imported.ts): a set whose shape or classes
// do not match the loaded bundle's test set is refused with a message naming both sides; a fired
// signal stops the scoring with AbortedError and leaves the paired bundle loaded; progress events
// count every epoch of every run with an ETA; the result reopens from its files alone.
import '@tensorflow/tfjs-backend-cpu';
import { condensedFile } from '../../test-support/engine/import-bytes';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AbortedError, ImportError } from '../../src/engine/errors';
import { createSession } from '../../src/engine/session';
import { PAPER_SCORING, type ScoreProgress } from '../../src/engine/scores/score-set';
import { APP_TINY, makeTinyBundle } from '../../test-support/engine/tiny-bundle';

const fixture = (name: string) =>
  condensedFile(
    name,
    new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url))),
  );
const TINY = { ...PAPER_SCORING, scoreWidth: 4, scoreEpochs: 2, topK: 1, runs: 2, batchSize: 16 };
const PAIRED = { classes: 3, ipc: 2, factor: 1, size: 8, channels: 1, seed: 3 } as const;

async function sessionWith(options: Parameters<typeof makeTinyBundle>[0]) {
  const tiny = await makeTinyBundle(options);
  const session = createSession({ getFile: () => tiny.getFile });
  await session.loadBundle('tiny');
  return { session, tiny };
}

describe('scoreImported', () => {
  it('refuses a set that does not match the loaded test set, naming what differs', async () => {
    const { session, tiny } = await sessionWith(APP_TINY);
    const error = await session
      .scoreImported({ files: [fixture('dsa-zip.pt')], params: TINY })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).problem).toBe('mismatch');
    expect((error as Error).message).toContain('images are 8×8×1 (H×W×C)');
    expect((error as Error).message).toContain(`"${tiny.manifest.title}"`);
    expect((error as Error).message).toContain('16×16×3 images, 4 classes');
    expect(session.loaded()?.manifest.id).toBe(tiny.manifest.id);
  });

  it('stops on its signal with AbortedError, keeping the paired bundle', async () => {
    const { session, tiny } = await sessionWith(PAIRED);
    const controller = new AbortController();
    const events: ScoreProgress[] = [];
    const error = await session
      .scoreImported(
        { files: [fixture('dsa-zip.pt')], params: { ...TINY, scoreEpochs: 50, topK: 1 } },
        {
          signal: controller.signal,
          onEvent: (e) => {
            events.push(e);
            if (e.epoch === 2) controller.abort(new AbortedError());
          },
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(events.length).toBeLessThan(50);
    expect(session.loaded()?.manifest.id).toBe(tiny.manifest.id);
  });

  it('reports every epoch of every run and gives files that reopen as the same bundle', async () => {
    const { session } = await sessionWith(PAIRED);
    const events: ScoreProgress[] = [];
    const made = await session.scoreImported(
      { files: [fixture('dsa-zip.pt')], params: TINY },
      { onEvent: (e) => events.push(e) },
    );
    expect(events.map((e) => `${e.run}.${e.epoch}`)).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(events.at(-1)!.etaSeconds).toBe(0);
    expect(events.every((e) => e.runs === 2 && e.epochs === 2 && e.etaSeconds >= 0)).toBe(true);
    expect(made.view.manifest.imageDType).toBe('float32');
    expect(made.view.samplesPerClass).toBe(2);
    const again = createSession();
    const view = await again.openBundleFiles(made.files);
    expect(view.manifest).toEqual(made.view.manifest);
    expect(Array.from(view.scores.lbpe)).toEqual(Array.from(made.view.scores.lbpe));
  });
});
