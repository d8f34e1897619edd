// One finished training run as stored in IndexedDB, and a strict check of records read back
// (a corrupted record is skipped, never trusted). Runs stored before per-class results were kept
// have none and are still valid; runs stored before methods were named by selection token hold
// the app's old method id in `methodId`, read here as its token (methods.ts); runs stored before
// the label mode was kept trained on hard labels, and read so.
import {
  BACKEND_ORDER,
  LABEL_MODES,
  type BackendName,
  type LabelMode,
} from '../../src/engine/types';
import { validateClassResults, type ClassResults } from './class-results';
import { methodOption } from './methods';

export interface RunRecord {
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly bundleId: string;
  /** The selection token of the method (methods.ts). */
  readonly method: string;
  /** Samples per class kept. */
  readonly perClass: number;
  /** Multi-formation factor f of the bundle (IPC = perClass / f²). */
  readonly factor: number;
  readonly classes: number;
  readonly epochs: number;
  readonly width: number;
  readonly seed: number;
  /** What it trained on: hard labels or the bundle's teacher's (absent in old records: hard). */
  readonly labels: LabelMode;
  readonly backend: BackendName;
  /** Top-1 test accuracy in [0, 1]. */
  readonly testAccuracy: number;
  readonly testCount: number;
  readonly elapsedMs: number;
  /** The device-budget estimate made before the run, if any. */
  readonly estimatedMs: number | null;
  /** Per-class results on those test images (absent in runs stored before they were kept). */
  readonly classResults?: ClassResults;
  /** The comparison the run was part of (compare-slice.ts), if any: its runs share it. */
  readonly compareId?: string;
}

export function ipcOf(record: Pick<RunRecord, 'perClass' | 'factor'>): number {
  return record.perClass / (record.factor * record.factor);
}

const isFiniteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPosInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 500;

/** The record if every field is present and sane, else null. */
export function validateRecord(raw: unknown): RunRecord | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const method = r.method ?? r.methodId; // methodId: a run stored before selection tokens
  if (!isStr(r.id) || !isStr(r.bundleId) || !isStr(method)) return null;
  if (!isFiniteNum(r.createdAt) || r.createdAt < 0) return null;
  if (!isPosInt(r.perClass) || !isPosInt(r.factor) || !isPosInt(r.classes)) return null;
  if (!isPosInt(r.epochs) || !isPosInt(r.width) || !isPosInt(r.testCount)) return null;
  if (!Number.isSafeInteger(r.seed) || (r.seed as number) < 0) return null;
  if (typeof r.backend !== 'string' || !(BACKEND_ORDER as readonly string[]).includes(r.backend))
    return null;
  if (!isFiniteNum(r.testAccuracy) || r.testAccuracy < 0 || r.testAccuracy > 1) return null;
  if (!isFiniteNum(r.elapsedMs) || r.elapsedMs < 0) return null;
  if (
    r.estimatedMs !== null &&
    r.estimatedMs !== undefined &&
    (!isFiniteNum(r.estimatedMs) || r.estimatedMs < 0)
  ) {
    return null;
  }
  let classResults: ClassResults | null = null;
  if (r.classResults !== undefined) {
    classResults = validateClassResults(r.classResults, r.classes, r.testCount);
    if (!classResults) return null;
  }
  if (r.compareId !== undefined && !isStr(r.compareId)) return null;
  const labels = r.labels === undefined ? 'hard' : r.labels; // stored before it was kept
  if (!(LABEL_MODES as readonly unknown[]).includes(labels)) return null;
  return {
    id: r.id,
    createdAt: r.createdAt,
    bundleId: r.bundleId,
    method: methodOption(method)?.token ?? method,
    perClass: r.perClass,
    factor: r.factor,
    classes: r.classes,
    epochs: r.epochs,
    width: r.width,
    seed: r.seed as number,
    labels: labels as LabelMode,
    backend: r.backend as BackendName,
    testAccuracy: r.testAccuracy,
    testCount: r.testCount,
    elapsedMs: r.elapsedMs,
    estimatedMs: isFiniteNum(r.estimatedMs) ? r.estimatedMs : null,
    ...(classResults ? { classResults } : {}),
    ...(isStr(r.compareId) ? { compareId: r.compareId } : {}),
  };
}

/** Splits raw stored values into valid records (newest first) and a count of skipped ones. */
export function sanitizeRecords(raws: readonly unknown[]): {
  records: RunRecord[];
  skipped: number;
} {
  const records: RunRecord[] = [];
  let skipped = 0;
  for (const raw of raws) {
    const r = validateRecord(raw);
    if (r) records.push(r);
    else skipped++;
  }
  records.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  return { records, skipped };
}
