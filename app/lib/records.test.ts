import { describe, expect, it } from 'vitest';
import { recordsToCsv, recordsToJson } from './export-results';
import { ipcOf, sanitizeRecords, validateRecord, type RunRecord } from './records';

const base: RunRecord = {
  id: 'a1',
  createdAt: Date.UTC(2025, 0, 2, 3, 4, 5),
  bundleId: 'fashion-mnist',
  methodId: 'yoco',
  perClass: 8,
  factor: 2,
  classes: 10,
  epochs: 20,
  width: 128,
  seed: 0,
  backend: 'webgpu',
  testAccuracy: 0.8125,
  testCount: 10000,
  elapsedMs: 41_500,
  estimatedMs: 40_000,
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
    ];
    for (const b of bad) expect(validateRecord(b)).toBeNull();
  });

  it('treats a missing estimate as null', () => {
    const { estimatedMs: _omit, ...rest } = base;
    expect(validateRecord(rest)?.estimatedMs).toBeNull();
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
      { ...base, id: 'b', bundleId: 'my,"odd" bundle', estimatedMs: null, methodId: 'abl-random' },
    ]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'createdAt,bundle,method,methodLabel,perClass,ipc,classes,epochs,width,seed,backend,testAccuracy,testCount,elapsedSec,estimatedSec',
    );
    expect(lines[1]).toBe(
      '2025-01-02T03:04:05.000Z,fashion-mnist,yoco,"YOCO (LBPE easy, balanced)",8,2,10,20,128,0,webgpu,0.8125,10000,41.5,40',
    );
    expect(lines[2]).toBe(
      '2025-01-02T03:04:05.000Z,"my,""odd"" bundle",abl-random,Random (imbalanced),8,2,10,20,128,0,webgpu,0.8125,10000,41.5,',
    );
  });

  it('writes JSON that reads back to the same records', () => {
    const parsed = JSON.parse(recordsToJson([base])) as { format: string; runs: unknown[] };
    expect(parsed.format).toBe('yoco-web-runs');
    expect(sanitizeRecords(parsed.runs).records).toEqual([base]);
  });
});
