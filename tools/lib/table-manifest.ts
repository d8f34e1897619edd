// A table's place in a bundle's manifest (`yoco table --into-manifest`): the hard-label table goes
// to `referenceTable`, the teacher-label one to `teacherTable` (manifest.ts REFERENCE_TABLE_KEYS);
// --merge keeps the rows a run does not measure, and only joins tables of one protocol.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './args';
import { parseManifest } from '../../src/engine/bundle/validate';
import {
  referenceTableFor,
  type ReferenceRow,
  type ReferenceTable,
} from '../../src/engine/bundle/manifest';
import type { LabelMode } from '../../src/engine/types';

/** The label mode of a table's protocol (tables written before there were two: hard). */
export function protocolLabels(p: Record<string, unknown>): LabelMode {
  return p.labels === 'teacher' ? 'teacher' : 'hard';
}

/** Protocol fields that must agree for two tables' rows to sit in one table. */
function comparableProtocol(p: Record<string, unknown>): string {
  const { command: _command, backend: _backend, threads: _threads, ...rest } = p;
  const withLabels = { ...rest, labels: protocolLabels(p) };
  return JSON.stringify(Object.entries(withLabels).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * `table` merged into `old`: rows of the same method and IPC_T are replaced, the others kept in
 * their order with the new ones after them; the commands are chained so the whole table can be
 * remade. Throws when the protocols differ (numbers measured differently must not share a table).
 */
export function mergeTables(old: ReferenceTable, table: ReferenceTable): ReferenceTable {
  if (comparableProtocol(old.protocol) !== comparableProtocol(table.protocol)) {
    throw new UsageError(
      `--merge: the manifest's table was measured with another protocol (${comparableProtocol(old.protocol)}); ` +
        'use the same --epochs, --width, --depth, --batch, --test-limit and --seeds, or drop --merge to replace it',
    );
  }
  const key = (r: ReferenceRow) => `${r.method}@${r.ipc}`;
  const fresh = new Map(table.rows.map((r) => [key(r), r]));
  const rows = old.rows.map((r) => fresh.get(key(r)) ?? r);
  const kept = new Set(rows.map(key));
  rows.push(...table.rows.filter((r) => !kept.has(key(r))));
  const commands = [
    String(old.protocol.command ?? ''),
    String(table.protocol.command ?? ''),
  ].filter(Boolean);
  const unique = commands
    .flatMap((c) => c.split(' && '))
    .filter((c, i, all) => all.indexOf(c) === i);
  return { protocol: { ...table.protocol, command: unique.join(' && ') }, rows };
}

/** Writes `table` into the manifest in `dir`, at its label mode's key, atomically and validated. */
export async function writeTableIntoManifest(
  dir: string,
  table: ReferenceTable,
  merge: boolean,
): Promise<void> {
  const path = join(dir, 'manifest.json');
  const text0 = await readFile(path, 'utf8');
  const manifest = JSON.parse(text0) as Record<string, unknown>;
  const labels = protocolLabels(table.protocol);
  const old = referenceTableFor(parseManifest(text0), labels);
  const key = labels === 'teacher' ? 'teacherTable' : 'referenceTable';
  manifest[key] = merge && old ? mergeTables(old, table) : table;
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  parseManifest(text); // never replace a valid manifest with an invalid one
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
