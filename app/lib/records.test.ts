// Saved runs (records.ts): the strict check of records read back, old method ids read as their
// selection tokens, old records without a label mode read as hard labels, and the CSV and JSON
// exports (with the label mode).
import { describe, expect, it } from 'vitest';
import { recordsToCsv, recordsToJson } from './export-results';
import { ipcOf, sanitizeRecords, validateRecord, type RunRecord } from './records';
import { memoryKv } from '../storage/memory-kv';
import { createResultsStorage } from '../storage/results-db';

const base: RunRecord = {
  id: 'a1',
  createdAt: Date.UTC(2025, 0, 2, 3, 4, 5),
  bundleId: 'fashion-mnist',
  method: 'yoco',
  perClass: 8,
  factor: 2,
  classes: 10,
  epochs: 20,
  width: 128,
  seed: 0,
  labels: 'hard',
  backend: 'webgpu',
  testAccuracy: 0.8125,
  testCount: 10000,
  elapsedMs: 41_500,
  estimatedMs: 40_000,
};

// A 3-class run on 6 test images with its per-class results (class 1: 1 of 2 right, class 2: none).
const perClassRun: RunRecord = {
  ...base,
  id: 'pc',
  classes: 3,
  testCount: 6,
  testAccuracy: 0.5,
  classResults: {
    classNames: ['cat', 'dog, big', 'owl'],
    confusion: [
      [2, 0, 0],
      [1, 1, 0],
      [0, 2, 0],
    ],
  },
};

describe('validateRecord', () => {
  it('keeps a complete record and computes IPC = n / f²', () => {
    expect(validateRecord(base)).toEqual(base);
    expect(ipcOf(base)).toBe(2);
  });

  it('rejects corrupted records field by field', () => {
    const bad: unknown[] = [
      null,
      'text',
      [1, 2],
      { ...base, id: '' },
      { ...base, perClass: 0 },
      { ...base, perClass: 1.5 },
      { ...base, backend: 'metal' },
      { ...base, testAccuracy: 1.2 },
      { ...base, testAccuracy: Number.NaN },
      { ...base, elapsedMs: -1 },
      { ...base, estimatedMs: 'soon' },
      { ...base, createdAt: undefined },
      { ...base, labels: 'soft' },
      { ...base, labels: null },
    ];
    for (const b of bad) expect(validateRecord(b)).toBeNull();
  });

  it('keeps the comparison id of a compared run and rejects a malformed one', () => {
    const compared = { ...base, compareId: 'cmp-1' };
    expect(validateRecord(compared)).toEqual(compared);
    expect(validateRecord(base)).not.toHaveProperty('compareId');
    expect(validateRecord({ ...base, compareId: 7 })).toBeNull();
    expect(validateRecord({ ...base, compareId: '' })).toBeNull();
  });

  it('keeps a teacher-label run, and reads a run stored before label modes as hard labels', () => {
    const taught = { ...base, labels: 'teacher' as const };
    expect(validateRecord(taught)).toEqual(taught);
    const { labels: _labels, ...old } = base;
    expect(validateRecord(old)).toEqual(base);
    expect(validateRecord(old)?.labels).toBe('hard');
  });

  it('reads a run stored with an old method id as its selection token', () => {
    const { method: _method, ...rest } = base;
    const old = (methodId: string) => validateRecord({ ...rest, methodId })?.method;
    expect(old('abl-lbpe-hard-balanced')).toBe('lbpe+hard+balanced');
    expect(old('abl-random')).toBe('random+imbalanced');
    expect(old('el2n')).toBe('el2n');
    expect(old('mystery')).toBe('mystery'); // kept as it was, labelled by itself
    expect(validateRecord(rest)).toBeNull();
  });

  it('treats a missing estimate as null', () => {
    const { estimatedMs: _omit, ...rest } = base;
    expect(validateRecord(rest)?.estimatedMs).toBeNull();
  });
});

describe('per-class results in a record', () => {
  it('keeps them, and still reads a run stored before they were kept', () => {
    expect(validateRecord(perClassRun)).toEqual(perClassRun);
    expect(validateRecord(base)).not.toHaveProperty('classResults');
  });

  it('rejects a record whose per-class results do not fit the run', () => {
    const cr = perClassRun.classResults!;
    const bad: unknown[] = [
      { ...perClassRun, classResults: null },
      { ...perClassRun, classResults: { ...cr, classNames: ['cat', 'dog'] } },
      { ...perClassRun, classResults: { ...cr, classNames: ['cat', '', 'owl'] } },
      { ...perClassRun, classResults: { ...cr, confusion: cr.confusion.slice(0, 2) } },
      // Counts that do not add up to the test images.
      { ...perClassRun, testCount: 7 },
      {
        ...perClassRun,
        classResults: {
          ...cr,
          confusion: [
            [2, 0, 0],
            [1, 1, 0],
            [0, 2, -1],
          ],
        },
      },
    ];
    for (const b of bad) expect(validateRecord(b)).toBeNull();
  });

  it('are stored with the run and read back, beside older runs without them', async () => {
    const kv = memoryKv([{ ...base, id: 'old' }]);
    const storage = createResultsStorage(kv);
    await storage.save(perClassRun);
    const { records, skipped } = await storage.load();
    expect(skipped).toBe(0);
    expect(records.find((r) => r.id === 'pc')).toEqual(perClassRun);
    expect(records.find((r) => r.id === 'old')).toEqual({ ...base, id: 'old' });
  });
});

describe('sanitizeRecords', () => {
  it('skips and counts bad records and sorts the rest newest first', () => {
    const older = { ...base, id: 'old', createdAt: base.createdAt - 1000 };
    const { records, skipped } = sanitizeRecords([older, { broken: true }, base, 42]);
    expect(records.map((r) => r.id)).toEqual(['a1', 'old']);
    expect(skipped).toBe(2);
  });
});

describe('export', () => {
  it('writes CSV with a header, quoting and IPC in stored-image units', () => {
    const csv = recordsToCsv([
      base,
      {
        ...base,
        id: 'b',
        bundleId: 'my,"odd" bundle',
        estimatedMs: null,
        method: 'random+imbalanced',
        labels: 'teacher',
      },
    ]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'createdAt,bundle,method,methodLabel,perClass,ipc,classes,epochs,width,seed,labels,backend,testAccuracy,testCount,elapsedSec,estimatedSec,perClassAccuracy,confusion',
    );
    expect(lines[1]).toBe(
      '2025-01-02T03:04:05.000Z,fashion-mnist,yoco,"YOCO (LBPE easy, balanced)",8,2,10,20,128,0,hard,webgpu,0.8125,10000,41.5,40,,',
    );
    expect(lines[2]).toBe(
      '2025-01-02T03:04:05.000Z,"my,""odd"" bundle",random+imbalanced,Random (imbalanced),8,2,10,20,128,0,teacher,webgpu,0.8125,10000,41.5,,,',
    );
  });

  it('writes per-class accuracy by class name and the matrix rows into CSV', () => {
    const lines = recordsToCsv([perClassRun]).trimEnd().split('\r\n');
    expect(lines[1]).toMatch(
      /,0\.5,6,41\.5,40,"{""cat"":1,""dog, big"":0\.5,""owl"":0}","\[\[2,0,0\],\[1,1,0\],\[0,2,0\]\]"$/,
    );
  });

  it('writes JSON that reads back to the same records, with per-class accuracy beside the matrix', () => {
    const parsed = JSON.parse(recordsToJson([perClassRun, base])) as {
      format: string;
      runs: Record<string, unknown>[];
    };
    expect(parsed.format).toBe('yoco-web-runs');
    expect(parsed.runs[0]!.perClassAccuracy).toEqual({ cat: 1, 'dog, big': 0.5, owl: 0 });
    expect(parsed.runs[1]).not.toHaveProperty('perClassAccuracy');
    expect(parsed.runs.map((r) => r.labels)).toEqual(['hard', 'hard']);
    expect(sanitizeRecords(parsed.runs).records).toEqual([perClassRun, base]);
  });
});
