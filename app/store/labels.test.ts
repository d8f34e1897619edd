// The label mode end to end in the store (in-thread engine, tiny bundles with and without a
// teacher): the `labels` setting reaches the run's parameters, the engine's request, the saved
// record and the speed measurement; teacher labels asked of a bundle without a teacher (a URL, or
// a switch of bundle) fall back to hard labels with a notice, never a failed run. And the pure
// parts: the URL round trip, the words of lib/labels.ts, and a speed kept per label mode.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import type { TeacherInfo } from '../../src/engine/bundle/manifest';
import { APP_TINY, makeTinyBundle, type TinyBundle } from '../../test-support/engine/tiny-bundle';
import { makeBundlesStore, until } from '../../test-support/app/test-store';
import { usableThroughput, type MeasuredThroughput } from '../lib/budget-fit';
import { labelsFor, labelsText, noTeacherNotice, teacherText } from '../lib/labels';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { parseUrlSettings, settingsToSearch } from '../lib/url-params';
import { trainRequestFor } from './run-events';
import { runParams } from './selectors';
import { speedKey } from './speed';

let plain: TinyBundle;
let taught: TinyBundle;
beforeAll(async () => {
  plain = await makeTinyBundle(APP_TINY);
  taught = await makeTinyBundle({ ...APP_TINY, teacher: true });
});

describe('labels in the store', () => {
  it('teacher labels travel to the request, the run, its record and the speed measurement', async () => {
    const store = makeBundlesStore(
      { taught: taught.files },
      { labels: 'teacher', autoTrain: false },
    );
    await store.getState().init();
    const s = store.getState();
    expect(s.settings.labels).toBe('teacher');
    expect(s.notices).toEqual([]);
    expect(runParams(s).labels).toBe('teacher');
    expect(trainRequestFor(runParams(s)).labels).toBe('teacher');
    expect(speedKey(s)).toMatch(/\|teacher$/);
    await store.getState().startRun();
    const done = store.getState();
    expect(done.run.status).toBe('done');
    expect(done.run.params?.labels).toBe('teacher');
    expect(done.results.records[0]?.labels).toBe('teacher');
    await until(store, () => store.getState().budget.throughput !== null);
    expect(store.getState().budget.throughput?.labels).toBe('teacher');
  });

  it('teacher labels asked of a bundle without a teacher train on hard labels, with a notice', async () => {
    const store = makeBundlesStore({ tiny: plain.files }, { labels: 'teacher', autoTrain: false });
    await store.getState().init();
    const s = store.getState();
    expect(s.settings.labels).toBe('hard');
    expect(s.notices.map((n) => n.text)).toEqual([noTeacherNotice(s.view!.manifest.title)]);
    expect(runParams(s).labels).toBe('hard');
    await store.getState().startRun();
    expect(store.getState().run.status).toBe('done');
    expect(store.getState().results.records[0]?.labels).toBe('hard');
  });

  it('switching to a bundle without a teacher turns teacher labels back to hard ones', async () => {
    const store = makeBundlesStore(
      { taught: taught.files, tiny: plain.files },
      { labels: 'teacher', autoTrain: false },
    );
    await store.getState().init();
    expect(store.getState().settings.labels).toBe('teacher');
    await store.getState().chooseBundle('tiny');
    const s = store.getState();
    expect(s.settings.labels).toBe('hard');
    expect(s.notices.map((n) => n.level)).toEqual(['warn']);
    // Back on the teacher's bundle, hard labels stay until the user picks Teacher again.
    await store.getState().chooseBundle('taught');
    expect(store.getState().settings.labels).toBe('hard');
    expect(store.getState().notices).toHaveLength(1);
  });
});

describe('labels in the URL', () => {
  it('writes labels=teacher and reads it back; hard (the default) is left out', () => {
    const search = settingsToSearch({ ...DEFAULT_SETTINGS, labels: 'teacher' }, null);
    expect(new URLSearchParams(search).get('labels')).toBe('teacher');
    const back = parseUrlSettings(`?${search}`);
    expect(back.warnings).toEqual([]);
    expect(back.settings.labels).toBe('teacher');
    expect(settingsToSearch(DEFAULT_SETTINGS, null)).not.toContain('labels');
  });

  it('ignores an unknown label mode with a warning', () => {
    const { settings, warnings } = parseUrlSettings('?labels=soft');
    expect(settings.labels).toBe('hard');
    expect(warnings).toEqual([expect.stringContaining('labels=soft ignored')]);
  });
});

describe('label words and speeds', () => {
  const info: TeacherInfo = {
    architecture: 'ConvNet',
    width: 128,
    depth: 3,
    norm: 'instancenorm',
    trainedOn: { name: 'Fashion-MNIST training set', count: 60000 },
    epochs: 5,
    testAccuracy: 0.912,
    testImages: 10000,
    command: 'yoco teacher bundles/fmnist --train data/fmnist',
  };

  it('describes the teacher and the modes', () => {
    expect(teacherText(info)).toBe(
      'ConvNet-D3 (width 128), 91.2% on 10,000 test images, trained 5 epochs on the ' +
        'Fashion-MNIST training set (60,000 images)',
    );
    expect(labelsText('teacher')).toBe('teacher labels');
    expect(labelsText(undefined)).toBe('hard labels');
    expect(labelsFor('teacher', { teacher: info })).toBe('teacher');
    expect(labelsFor('teacher', {})).toBe('hard');
    expect(labelsFor('teacher', null)).toBe('hard');
    expect(labelsFor('hard', { teacher: info })).toBe('hard');
  });

  it('uses a speed only for the label mode it was measured with (absent: hard)', () => {
    const t = { backend: 'wasm', width: 8 } as MeasuredThroughput;
    expect(usableThroughput(t, 'wasm', 8)).toBe(t);
    expect(usableThroughput(t, 'wasm', 8, 'teacher')).toBeNull();
    const withTeacher = { ...t, labels: 'teacher' } as MeasuredThroughput;
    expect(usableThroughput(withTeacher, 'wasm', 8, 'teacher')).toBe(withTeacher);
    expect(usableThroughput(withTeacher, 'wasm', 8, 'hard')).toBeNull();
  });
});
