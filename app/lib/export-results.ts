// Exports stored runs as CSV (RFC 4180 quoting) and JSON, and triggers a file download; each run
// names its label mode (`labels`: hard or teacher; old records read as hard). Per-class
// results travel with each run: in CSV as two JSON cells (accuracy by class name, and the
// confusion matrix's rows in that class order), empty for runs stored before they were kept.
import { accuracyByClass } from './class-results';
import { methodLabel } from './methods';
import { ipcOf, type RunRecord } from './records';

export const CSV_COLUMNS = [
  'createdAt',
  'bundle',
  'method',
  'methodLabel',
  'perClass',
  'ipc',
  'classes',
  'epochs',
  'width',
  'seed',
  'labels',
  'backend',
  'testAccuracy',
  'testCount',
  'elapsedSec',
  'estimatedSec',
  'perClassAccuracy',
  'confusion',
] as const;

function csvCell(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function recordsToCsv(records: readonly RunRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const row: (string | number)[] = [
      new Date(r.createdAt).toISOString(),
      r.bundleId,
      r.method,
      methodLabel(r.method),
      r.perClass,
      ipcOf(r),
      r.classes,
      r.epochs,
      r.width,
      r.seed,
      r.labels,
      r.backend,
      r.testAccuracy,
      r.testCount,
      r.elapsedMs / 1000,
      r.estimatedMs === null ? '' : r.estimatedMs / 1000,
      r.classResults ? JSON.stringify(accuracyByClass(r.classResults)) : '',
      r.classResults ? JSON.stringify(r.classResults.confusion) : '',
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The runs as stored, each with its per-class accuracy by class name beside its matrix. */
export function recordsToJson(records: readonly RunRecord[]): string {
  const runs = records.map((r) =>
    r.classResults ? { ...r, perClassAccuracy: accuracyByClass(r.classResults) } : r,
  );
  return `${JSON.stringify({ format: 'yoco-web-runs', version: 1, runs }, null, 2)}\n`;
}

/** Saves `text` as a file through a temporary link (browser only). */
export function downloadText(filename: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
